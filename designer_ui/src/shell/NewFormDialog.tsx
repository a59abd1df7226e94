import { useState, type SubmitEvent } from "react";
import type { Locale } from "../i18n.ts";
import { navigate } from "../route.ts";
import { Dialog, TextField } from "./Dialog.tsx";
import { checkKey, FORM_KEY_MAX } from "./keys.ts";
import { shellMessages } from "./messages.ts";

/** Ask for a new form's key (valid, not used in the app), then open the designer on it. */
export function NewFormDialog(props: { app: string; takenKeys: readonly string[]; locale: Locale; onClose: () => void }) {
  const { app, takenKeys, locale, onClose } = props;
  const s = shellMessages[locale];
  const [key, setKey] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const problem = checkKey(key.trim(), FORM_KEY_MAX, takenKeys);
  const show = problem !== null && (submitted || (key !== "" && problem.code !== "required"));

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (problem !== null) return;
    navigate({ page: "design", app, form: key.trim() });
  };

  return (
    <Dialog title={s.newFormTitle} intro={s.newFormIntro} closeLabel={s.close} onClose={onClose} testId="new-form-dialog">
      <form className="shell-dialog__form" noValidate onSubmit={submit}>
        <div className="shell-dialog__fields">
          <TextField
            label={s.formKeyLabel}
            hint={s.keyHint(FORM_KEY_MAX)}
            error={show ? s.keyProblem(problem, "form") : null}
            testId="new-form-key"
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="field__input shell-field__mono"
                data-testid="new-form-key"
                data-autofocus
                value={key}
                maxLength={FORM_KEY_MAX + 10}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(event) => {
                  setKey(event.target.value);
                }}
              />
            )}
          </TextField>
        </div>
        <div className="shell-dialog__actions">
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {s.cancel}
          </button>
          <button type="submit" className="btn btn--primary" data-testid="new-form-submit">
            {s.toDesigner}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
