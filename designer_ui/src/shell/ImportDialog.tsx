import { useId, useState, type DragEvent, type SubmitEvent } from "react";
import { API_BASE, apiFetch, toProblem } from "../api.ts";
import { IMPORT_COMMAND, type Locale, type Messages } from "../i18n.ts";
import { StrokeIcon } from "../icons.tsx";
import type { Problem } from "../problem.ts";
import { checkBundleFile, parseImportResult, splitBundlePointer, type ImportResult } from "./bundle.ts";
import { Dialog } from "./Dialog.tsx";
import { bundleSizeText, shellMessages } from "./messages.ts";
import { BusyButton } from "../BusyButton.tsx";

export const IMPORT_URL = `${API_BASE}/apps/import`;

/** Upload a bundle (.zip) to `POST /apps/import`; list what the server finds wrong, file by file. */
export function ImportDialog(props: {
  locale: Locale;
  t: Messages;
  onClose: () => void;
  onImported: (result: ImportResult) => void;
}) {
  const { locale, t, onClose, onImported } = props;
  const s = shellMessages[locale];
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [showMissing, setShowMissing] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Problem | null>(null);

  const fileProblem = file === null ? (showMissing ? "missing" : null) : checkBundleFile(file);

  const choose = (next: File | null) => {
    setFile(next);
    setFailure(null);
    setShowMissing(false);
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (file === null) {
      setShowMissing(true);
      return;
    }
    if (checkBundleFile(file) !== null || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const response = await apiFetch(IMPORT_URL, {
        method: "POST",
        headers: { "Content-Type": "application/zip" },
        body: file,
      });
      const result = parseImportResult(await response.json());
      onImported(result);
    } catch (error) {
      setFailure(await toProblem(error));
      setBusy(false);
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files.item(0);
    if (dropped !== null && !busy) choose(dropped);
  };

  return (
    <Dialog
      title={s.importTitle}
      intro={s.importIntro}
      closeLabel={s.close}
      onClose={onClose}
      busy={busy}
      testId="import-dialog"
    >
      <form className="shell-dialog__form" noValidate onSubmit={(event) => void submit(event)}>
        <div className="shell-dialog__fields">
          <p className="shell-note">{s.importUpdates}</p>
          <div
            className={dragging ? "shell-drop shell-drop--over" : "shell-drop"}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => {
              setDragging(false);
            }}
            onDrop={onDrop}
          >
            <StrokeIcon
              d="M12 15V4m0 0-4 4m4-4 4 4M5 15v3a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-3"
              box={24}
              className="shell-drop__icon"
            />
            <input
              id={inputId}
              className="visually-hidden shell-drop__input"
              type="file"
              accept=".zip,application/zip"
              data-testid="import-file"
              data-autofocus
              disabled={busy}
              aria-invalid={fileProblem !== null}
              onChange={(event) => {
                choose(event.target.files?.item(0) ?? null);
              }}
            />
            <label className="btn btn--secondary shell-drop__button" htmlFor={inputId}>
              {s.chooseFile}
            </label>
            <span className="shell-drop__hint">
              {file === null ? s.dropHint : s.fileChosen(file.name, bundleSizeText(file.size))}
            </span>
          </div>
          {fileProblem !== null && (
            <p className="field__error" data-testid="import-file-error">
              {s.fileProblem(fileProblem)}
            </p>
          )}
          {failure !== null && <ImportProblem problem={failure} locale={locale} t={t} />}
          <p className="shell-note shell-note--muted">
            {t.emptyBefore}
            <code className="code code--sm">{IMPORT_COMMAND}</code>
            {t.emptyAfter}
          </p>
        </div>
        <div className="shell-dialog__actions">
          <button type="button" className="btn btn--ghost" onClick={onClose} disabled={busy}>
            {s.cancel}
          </button>
          <BusyButton submit data-testid="import-submit" busy={busy} busyLabel={s.importing}>
            {s.importAction}
          </BusyButton>
        </div>
      </form>
    </Dialog>
  );
}

/** The server's verdict: its detail, then each problem with the file and the place in it. */
function ImportProblem(props: { problem: Problem; locale: Locale; t: Messages }) {
  const { problem, t } = props;
  const s = shellMessages[props.locale];
  const errors = problem.errors ?? [];
  const summary =
    problem.kind === "network" ? t.errorNetwork : problem.kind === "invalid" ? t.errorInvalid : problem.detail;
  return (
    <div className="shell-problem" role="alert" data-testid="import-error">
      <p className="shell-problem__title">
        {problem.kind === "http" && problem.title !== "" ? problem.title : s.importFailed}
      </p>
      {summary !== "" && (
        <p className="shell-problem__detail" data-testid="import-error-detail">
          {summary}
        </p>
      )}
      {errors.length > 0 && (
        <ul className="shell-problem__list" role="list">
          {errors.map((error, index) => {
            const { file, path } = splitBundlePointer(error.pointer);
            return (
              <li
                key={`${error.pointer}-${index}`}
                className="shell-problem__item"
                data-testid="import-error-item"
                data-file={file ?? ""}
              >
                <span className="shell-problem__where">
                  <span className="visually-hidden">{s.problemFile}: </span>
                  <code className="code code--sm">{file ?? s.wholeBundle}</code>
                  {path !== null && (
                    <>
                      <span className="visually-hidden"> {s.problemWhere}: </span>
                      <code className="code code--sm shell-problem__path">{path}</code>
                    </>
                  )}
                </span>
                <span className="shell-problem__message">{error.message}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
