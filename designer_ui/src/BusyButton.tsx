import type { ButtonHTMLAttributes, ReactNode } from "react";

interface BusyButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type"> {
  /** The action is under way: the button is disabled and shows a spinner and `busyLabel`. */
  busy: boolean;
  busyLabel: ReactNode;
  /** A form's submit button, or a button that runs its `onClick`. */
  submit?: boolean;
}

/** The primary button of a step that takes a while (sign in, save, upload, import). */
export function BusyButton({
  busy,
  busyLabel,
  submit = false,
  className,
  disabled,
  children,
  ...rest
}: BusyButtonProps) {
  return (
    <button
      {...rest}
      type={submit ? "submit" : "button"}
      className={`btn btn--primary${className ? ` ${className}` : ""}`}
      disabled={busy || disabled}
      aria-busy={busy}
    >
      {busy && <span className="spinner spinner--on-accent" aria-hidden="true" />}
      {busy ? busyLabel : children}
    </button>
  );
}
