import { useId, useState } from "react";
import { toProblem } from "../api.ts";
import { ErrorState } from "../ErrorState.tsx";
import type { LoadedForm } from "../FormGate.tsx";
import { formatDateTime, type Locale, type Messages } from "../i18n.ts";
import { Loading } from "../Loading.tsx";
import type { Problem } from "../problem.ts";
import { useJson } from "../useJson.ts";
import {
  fileFormat,
  importsUrl,
  parseJobList,
  templateUrl,
  uploadImport,
  type ImportJob,
  type UploadedImport,
} from "./importApi.ts";
import { formatSize, type ImportMessages } from "./messages.ts";
import { ProblemBox } from "./ProblemBox.tsx";
import { BusyButton } from "../BusyButton.tsx";

/** Step 1: choose a .csv/.xlsx (or drop it), upload it; or reopen a recent import. */
export function UploadStep(props: {
  loaded: LoadedForm;
  locale: Locale;
  t: Messages;
  im: ImportMessages;
  onUploaded: (uploaded: UploadedImport) => void;
  onOpenJob: (job: ImportJob) => void;
}) {
  const { loaded, locale, t, im } = props;
  const [file, setFile] = useState<File | null>(null);
  const [wrongType, setWrongType] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const inputId = useId();

  const choose = (chosen: File | null | undefined) => {
    setProblem(null);
    if (chosen == null) return;
    if (fileFormat(chosen.name) === null) {
      setWrongType(true);
      setFile(null);
      return;
    }
    setWrongType(false);
    setFile(chosen);
  };

  const upload = async () => {
    if (file === null) return;
    setBusy(true);
    setProblem(null);
    try {
      props.onUploaded(await uploadImport(loaded.app, loaded.form, file, file.name));
    } catch (error) {
      setProblem(await toProblem(error));
      setBusy(false);
    }
  };

  return (
    <div className="importer__grid">
      <section className="importer__card" aria-labelledby={`${inputId}-heading`}>
        <h2 className="importer__heading" id={`${inputId}-heading`}>
          {im.uploadHeading}
        </h2>
        <p className="importer__hint">{im.uploadHint}</p>
        <div
          className={dragging ? "importer__drop importer__drop--over" : "importer__drop"}
          data-testid="import-drop"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => {
            setDragging(false);
          }}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            choose(event.dataTransfer.files[0]);
          }}
        >
          <svg className="importer__drop-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path
              d="M12 16V4m0 0-4 4m4-4 4 4M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          <span className="importer__drop-text">{im.dropHere}</span>
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="import-file"
            onChange={(event) => {
              choose(event.target.files?.[0]);
            }}
          />
          <label htmlFor={inputId} className="btn btn--secondary importer__choose">
            {im.chooseFile}
          </label>
          {file !== null && (
            <span className="importer__file" data-testid="import-file-name">
              {im.chosenFile(file.name, formatSize(file.size))}
            </span>
          )}
        </div>
        {wrongType && (
          <p className="field__error" role="alert" data-testid="import-wrong-type">
            {im.wrongType}
          </p>
        )}
        {problem !== null && <ProblemBox title={im.uploadFailed} problem={problem} testId="import-upload-error" />}
        <div className="importer__actions">
          <BusyButton
            data-testid="import-upload"
            busy={busy}
            busyLabel={im.uploading}
            disabled={file === null}
            onClick={() => {
              void upload();
            }}
          >
            {im.upload}
          </BusyButton>
        </div>
        <div className="importer__template">
          <a href={templateUrl(loaded.app, loaded.form, locale)} download data-testid="import-template">
            {im.templateLink}
          </a>
          <p className="importer__hint">{im.templateHint}</p>
        </div>
      </section>
      <RecentImports loaded={loaded} locale={locale} t={t} im={im} onOpen={props.onOpenJob} />
    </div>
  );
}

function RecentImports(props: {
  loaded: LoadedForm;
  locale: Locale;
  t: Messages;
  im: ImportMessages;
  onOpen: (job: ImportJob) => void;
}) {
  const { loaded, locale, t, im } = props;
  const [jobs, retry] = useJson(importsUrl(loaded.app, loaded.form), parseJobList);
  return (
    <section className="importer__card importer__recent" aria-labelledby="importer-recent" data-testid="import-recent">
      <h2 className="importer__heading" id="importer-recent">
        {im.recentHeading}
      </h2>
      {jobs.status === "loading" && <Loading text={im.loadingRecent} />}
      {jobs.status === "error" && (
        <ErrorState problem={jobs.problem} onRetry={retry} title={im.recentError} testId="import-recent-error" t={t} />
      )}
      {jobs.status === "ok" && jobs.data.length === 0 && <p className="importer__hint">{im.recentEmpty}</p>}
      {jobs.status === "ok" && jobs.data.length > 0 && (
        <ul className="importer__jobs">
          {jobs.data.slice(0, 8).map((job) => (
            <li key={job.id} className="importer__job" data-testid="import-recent-item" data-status={job.status}>
              <div className="importer__job-main">
                <span className="importer__job-name">{job.filename}</span>
                <span className="importer__job-meta">
                  {im.rows(job.totalRows)}
                  {job.createdAt !== null && ` · ${formatDateTime(job.createdAt, locale)}`}
                </span>
              </div>
              <span className={`importer__status importer__status--${job.status}`}>{im.status[job.status]}</span>
              <button
                type="button"
                className="btn btn--ghost btn--sm"
                onClick={() => {
                  props.onOpen(job);
                }}
              >
                {im.open}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
