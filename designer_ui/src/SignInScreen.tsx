import { useId, useRef, useState, type SubmitEvent } from "react";
import { toProblem } from "./api.ts";
import type { Messages } from "./i18n.ts";
import type { Problem } from "./problem.ts";
import type { SignedOutReason } from "./session.ts";
import { signInErrorMessage } from "./signInError.ts";
import { BusyButton } from "./BusyButton.tsx";

interface FormError {
  /** What went wrong; turned into text at render time so a language switch applies. */
  cause: "missing" | Problem;
  /** Which fields to mark `aria-invalid`. */
  login: boolean;
  password: boolean;
}

/**
 * The sign-in card. `onSignIn` resolves when signed in (the parent then
 * replaces this screen) and rejects with the error to explain.
 */
export function SignInScreen(props: {
  reason: SignedOutReason;
  onSignIn: (login: string, password: string) => Promise<void>;
  t: Messages;
}) {
  const { reason, onSignIn, t } = props;
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const loginRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const loginId = useId();
  const passwordId = useId();
  const errorId = useId();
  const noticeId = useId();

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const name = login.trim();
    if (name === "" || password === "") {
      setError({ cause: "missing", login: name === "", password: password === "" });
      (name === "" ? loginRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSignIn(name, password);
      // Signed in: this screen is about to be replaced; nothing more to do.
    } catch (failure: unknown) {
      const problem = await toProblem(failure);
      const wrongCredentials = problem.kind === "http" && problem.status === 401;
      setError({
        cause: problem,
        login: wrongCredentials,
        password: wrongCredentials,
      });
      // Keep the login, never the password.
      setPassword("");
      setBusy(false);
      passwordRef.current?.focus();
    }
  };

  const showExpired = reason === "expired";
  const loginDescribedBy = [showExpired ? noticeId : "", error ? errorId : ""]
    .filter((id) => id !== "")
    .join(" ");

  return (
    <main className="container page page--center">
      <section className="signin" aria-labelledby={headingId}>
        <div className="signin__brand">
          <span className="brand__mark" aria-hidden="true">
            T
          </span>
          <span className="signin__product">Tracery</span>
        </div>
        <h1 className="signin__title" id={headingId}>
          {t.signInHeading}
        </h1>
        <p className="signin__intro">{t.signInIntro}</p>

        {showExpired && (
          <p className="notice" role="status" id={noticeId} data-testid="signin-notice">
            {t.sessionExpired}
          </p>
        )}

        <form
          className="signin__form"
          data-testid="signin-form"
          noValidate
          aria-busy={busy}
          onSubmit={(event) => {
            void submit(event);
          }}
        >
          <div className="field">
            <label className="field__label" htmlFor={loginId}>
              {t.loginLabel}
            </label>
            <input
              ref={loginRef}
              id={loginId}
              className="field__input"
              data-testid="signin-login"
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              autoFocus
              required
              value={login}
              aria-invalid={error?.login === true}
              {...(loginDescribedBy === "" ? {} : { "aria-describedby": loginDescribedBy })}
              onChange={(event) => {
                setLogin(event.target.value);
              }}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={passwordId}>
              {t.passwordLabel}
            </label>
            <input
              ref={passwordRef}
              id={passwordId}
              className="field__input"
              data-testid="signin-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              aria-invalid={error?.password === true}
              {...(error ? { "aria-describedby": errorId } : {})}
              onChange={(event) => {
                setPassword(event.target.value);
              }}
            />
          </div>

          <div className="signin__error-area" aria-live="assertive">
            {error && (
              <p className="signin__error" id={errorId} data-testid="signin-error">
                <svg className="signin__error-icon" viewBox="0 0 20 20" aria-hidden="true">
                  <path
                    d="M10 6.5v4.25M10 13.5h.01M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Z"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="1.7"
                    strokeLinecap="round"
                  />
                </svg>
                <span>
                  {error.cause === "missing" ? t.signInMissing : signInErrorMessage(error.cause, t)}
                </span>
              </p>
            )}
          </div>

          <BusyButton submit className="btn--block" data-testid="signin-submit" busy={busy} busyLabel={t.signingIn}>
            {t.signIn}
          </BusyButton>
        </form>
      </section>
    </main>
  );
}
