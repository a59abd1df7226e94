import { useId, useState, type SubmitEvent } from "react";
import { API_BASE, apiFetch, toProblem } from "../api.ts";
import type { Locale, Messages } from "../i18n.ts";
import type { Problem } from "../problem.ts";
import {
  buildAppDocument,
  checkAppDraft,
  EMPTY_APP_DRAFT,
  groupServerErrors,
  isDraftValid,
  type AppDraft,
  type AppDraftField,
} from "./appForm.ts";
import { Dialog, TextField } from "./Dialog.tsx";
import { APP_KEY_MAX, suggestKey } from "./keys.ts";
import { shellMessages } from "./messages.ts";
import { BusyButton } from "../BusyButton.tsx";

/** `POST /apps` from a small form: key (checked as it is typed), names in both languages, description. */
export function CreateAppDialog(props: {
  locale: Locale;
  t: Messages;
  takenKeys: readonly string[];
  onClose: () => void;
  onCreated: (key: string, name: string) => void;
}) {
  const { locale, t, takenKeys, onClose, onCreated } = props;
  const s = shellMessages[locale];
  const [draft, setDraft] = useState<AppDraft>(EMPTY_APP_DRAFT);
  /** Once the person types a key, names stop proposing one. */
  const [keyEdited, setKeyEdited] = useState(false);
  /** Inputs the person has left, or all of them after a submit: only then show "required". */
  const [touched, setTouched] = useState<ReadonlySet<AppDraftField>>(new Set());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Problem | null>(null);
  const nameNoteId = useId();

  const problems = checkAppDraft(draft, takenKeys);
  const serverErrors = groupServerErrors(failure?.errors ?? []);
  const keyProblem = problems.key;
  // A wrong character or length is worth saying at once; "required" waits for the person.
  const showKeyProblem =
    keyProblem !== null && (touched.has("key") || (draft.key !== "" && keyProblem.code !== "required"));
  const keyError = showKeyProblem ? s.keyProblem(keyProblem, "app") : (serverErrors.key?.join(" ") ?? null);
  const nameError =
    problems.nameMissing && touched.has("name") ? s.nameMissing : (serverErrors.name?.join(" ") ?? null);
  const descriptionError = serverErrors.description?.join(" ") ?? null;

  const touch = (field: AppDraftField) => {
    setTouched((before) => new Set(before).add(field));
  };

  const change = (patch: Partial<AppDraft>) => {
    setDraft((before) => {
      const next = { ...before, ...patch };
      if (!keyEdited && patch.key === undefined) {
        next.key = suggestKey(next.nameEn, APP_KEY_MAX) || before.key;
      }
      return next;
    });
    setFailure(null);
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouched(new Set<AppDraftField>(["key", "name", "description"]));
    if (!isDraftValid(problems) || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await apiFetch(`${API_BASE}/apps`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(buildAppDocument(draft, locale)),
      });
      const name = (locale === "en" ? draft.nameEn || draft.nameZh : draft.nameZh || draft.nameEn).trim();
      onCreated(draft.key.trim(), name);
    } catch (error) {
      setFailure(await toProblem(error));
      setBusy(false);
    }
  };

  const otherErrors = serverErrors.other ?? [];
  const failureText =
    failure === null
      ? null
      : failure.kind === "network"
        ? t.errorNetwork
        : failure.detail || failure.title || t.errorHttp;

  return (
    <Dialog
      title={s.createTitle}
      intro={s.createIntro}
      closeLabel={s.close}
      onClose={onClose}
      busy={busy}
      testId="create-app-dialog"
    >
      <form className="shell-dialog__form" noValidate onSubmit={(event) => void submit(event)}>
        <div className="shell-dialog__fields">
          <TextField label={s.appKeyLabel} hint={s.keyHint(APP_KEY_MAX)} error={keyError} testId="create-app-key">
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="field__input shell-field__mono"
                data-testid="create-app-key"
                data-autofocus
                value={draft.key}
                maxLength={APP_KEY_MAX + 10}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                inputMode="text"
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(event) => {
                  setKeyEdited(true);
                  change({ key: event.target.value });
                }}
                onBlur={() => {
                  touch("key");
                }}
              />
            )}
          </TextField>
          <fieldset className="shell-fieldset">
            <legend className="visually-hidden">{s.nameHint}</legend>
            <div className="shell-dialog__pair">
              {(
                [
                  ["zh-CN", "nameZh", s.nameZhLabel, "create-app-name-zh"],
                  ["en", "nameEn", s.nameEnLabel, "create-app-name-en"],
                ] as const
              ).map(([lang, key, label, testId]) => (
                <TextField key={key} label={label} testId={testId}>
                  {({ id }) => (
                    <input
                      id={id}
                      lang={lang}
                      className="field__input"
                      data-testid={testId}
                      value={draft[key]}
                      maxLength={200}
                      aria-invalid={nameError !== null}
                      aria-describedby={nameNoteId}
                      onChange={(event) => {
                        change({ [key]: event.target.value });
                      }}
                      onBlur={() => {
                        touch("name");
                      }}
                    />
                  )}
                </TextField>
              ))}
            </div>
            {nameError === null ? (
              <p className="field__hint shell-field__hint" id={nameNoteId}>
                {s.nameHint}
              </p>
            ) : (
              <p className="field__error" id={nameNoteId} data-testid="create-app-name-error">
                {nameError}
              </p>
            )}
          </fieldset>
          <TextField
            label={s.descriptionLabel}
            optionalLabel={s.optional}
            hint={s.descriptionHint}
            error={descriptionError}
            testId="create-app-description"
          >
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                className="field__input field__textarea"
                data-testid="create-app-description"
                rows={2}
                maxLength={200}
                value={draft.description}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(event) => {
                  change({ description: event.target.value });
                }}
              />
            )}
          </TextField>
        </div>
        {failureText !== null && (
          <div className="banner banner--error shell-dialog__banner" role="alert" data-testid="create-app-error">
            <p>
              <strong>{s.createFailed}</strong> {failureText}
            </p>
            {otherErrors.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        )}
        <div className="shell-dialog__actions">
          <button type="button" className="btn btn--ghost" onClick={onClose} disabled={busy}>
            {s.cancel}
          </button>
          <BusyButton submit data-testid="create-app-submit" busy={busy} busyLabel={s.creating}>
            {s.create}
          </BusyButton>
        </div>
      </form>
    </Dialog>
  );
}
