import { useEffect, useId, useRef, useState } from "react";
import type { ExportFormat } from "./query.ts";
import type { ListMessages } from "./messages.ts";

/** A button that opens a small menu: export as Excel or as CSV. */
export function ExportMenu(props: {
  label: string;
  hint?: string | undefined;
  busy: boolean;
  onExport: (format: ExportFormat) => void;
  testId: string;
  lm: ListMessages;
  className?: string;
}) {
  const { lm } = props;
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || root.current?.contains(event.target) !== true) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const choose = (format: ExportFormat) => {
    setOpen(false);
    props.onExport(format);
  };

  return (
    <div className={`list__menu ${props.className ?? ""}`} ref={root}>
      <button
        type="button"
        className="btn btn--ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-busy={props.busy}
        disabled={props.busy}
        data-testid={props.testId}
        onClick={() => {
          setOpen((value) => !value);
        }}
      >
        {props.busy ? lm.exporting : props.label}
        <span className="list__caret" aria-hidden="true" />
      </button>
      {open && (
        <div className="list__menu-pop" id={menuId} role="menu">
          {props.hint !== undefined && <p className="list__menu-hint">{props.hint}</p>}
          <button
            type="button"
            role="menuitem"
            className="list__menu-item"
            data-testid={`${props.testId}-xlsx`}
            onClick={() => {
              choose("xlsx");
            }}
          >
            {lm.exportXlsx}
          </button>
          <button
            type="button"
            role="menuitem"
            className="list__menu-item"
            data-testid={`${props.testId}-csv`}
            onClick={() => {
              choose("csv");
            }}
          >
            {lm.exportCsv}
          </button>
        </div>
      )}
    </div>
  );
}
