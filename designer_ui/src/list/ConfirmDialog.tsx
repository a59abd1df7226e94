import { useId, type ReactNode } from "react";
import { useModal } from "../useModal.ts";

/** A modal question with a destructive "yes" (native `<dialog>`: focus trap and Esc for free). */
export function ConfirmDialog(props: {
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  busy: boolean;
  busyLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const ref = useModal();
  const id = useId();

  return (
    <dialog
      ref={ref}
      className="list__dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      data-testid="confirm-dialog"
      onCancel={(event) => {
        event.preventDefault();
        if (!props.busy) props.onCancel();
      }}
    >
      <h2 className="list__dialog-title" id={`${id}-title`}>
        {props.title}
      </h2>
      <p className="list__dialog-text" id={`${id}-text`}>
        {props.text}
      </p>
      {props.children}
      <div className="list__dialog-actions">
        <button
          type="button"
          className="btn btn--ghost"
          onClick={props.onCancel}
          disabled={props.busy}
          data-testid="confirm-cancel"
          autoFocus
        >
          {props.cancelLabel}
        </button>
        <button
          type="button"
          className="btn list__btn-danger"
          onClick={props.onConfirm}
          disabled={props.busy}
          aria-busy={props.busy}
          data-testid="confirm-ok"
        >
          {props.busy ? props.busyLabel : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
