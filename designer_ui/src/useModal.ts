import { useEffect, useRef, type RefObject } from "react";

/** A native `<dialog>` shown as a modal for as long as the component is mounted: the ref to put on it. */
export function useModal(): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open === true) dialog.close();
    };
  }, []);
  return ref;
}
