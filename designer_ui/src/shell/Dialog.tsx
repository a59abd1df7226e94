import { useEffect, useId, type ReactNode } from "react";
import { useModal } from "../useModal.ts";
import "./shell.css";

/**
 * A modal dialog (the native `<dialog>`): centred on wide screens, a sheet
 * from the bottom on phones. Mount it to open it; Escape and the close button
 * call `onClose` (not a click outside: that would lose what was typed). The element marked `data-autofocus` gets
 * the focus first.
 */
export function Dialog(props: {
  title: string;
  intro?: string;
  closeLabel: string;
  onClose: () => void;
  /** While busy, the dialog cannot be closed (a request is under way). */
  busy?: boolean;
  testId: string;
  children: ReactNode;
}) {
  const ref = useModal();
  const titleId = useId();
  const introId = useId();
  const { onClose, busy = false } = props;

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [ref]);

  return (
    <dialog
      ref={ref}
      className="shell-dialog"
      aria-labelledby={titleId}
      aria-describedby={props.intro === undefined ? undefined : introId}
      data-testid={props.testId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <div className="shell-dialog__box">
        <header className="shell-dialog__head">
          <div>
            <h2 className="shell-dialog__title" id={titleId}>
              {props.title}
            </h2>
            {props.intro !== undefined && (
              <p className="shell-dialog__intro" id={introId}>
                {props.intro}
              </p>
            )}
          </div>
          <button
            type="button"
            className="shell-dialog__close"
            aria-label={props.closeLabel}
            title={props.closeLabel}
            disabled={busy}
            onClick={onClose}
            data-testid={`${props.testId}-close`}
          >
            <svg viewBox="0 0 20 20" aria-hidden="true">
              <path d="m5 5 10 10M15 5 5 15" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
          </button>
        </header>
        {props.children}
      </div>
    </dialog>
  );
}

/** A labelled input with its hint and its error, wired for screen readers. */
export function TextField(props: {
  label: string;
  optionalLabel?: string;
  hint?: string;
  error?: string | null;
  testId: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const error = props.error ?? null;
  const describedBy = [props.hint !== undefined ? hintId : null, error !== null ? errorId : null]
    .filter((part) => part !== null)
    .join(" ");
  return (
    <div className="field shell-field">
      <label className="field__label" htmlFor={id}>
        {props.label}
        {props.optionalLabel !== undefined && <span className="shell-field__optional"> ({props.optionalLabel})</span>}
      </label>
      {props.children({ id, describedBy: describedBy === "" ? undefined : describedBy, invalid: error !== null })}
      {props.hint !== undefined && (
        <p className="field__hint shell-field__hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {error !== null && (
        <p className="field__error" id={errorId} data-testid={`${props.testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
