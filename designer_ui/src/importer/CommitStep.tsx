import { useEffect, useId, useState } from "react";
import { getJson, isAbortError, toProblem } from "../api.ts";
import type { LoadedForm } from "../FormGate.tsx";
import type { Locale, Messages } from "../i18n.ts";
import type { Problem } from "../problem.ts";
import { ProblemTable } from "./CheckStep.tsx";
import { commitImport, jobUrl, parseJob, type ImportJob } from "./importApi.ts";
import type { ImportMessages } from "./messages.ts";
import { ProblemBox } from "./ProblemBox.tsx";
import { canResume, isFinished, isQueued, pollDelay, progressPercent } from "./progress.ts";

/** Step 4: the commit runs in the background; follow it until done (or stopped, then resume). */
export function CommitStep(props: {
  loaded: LoadedForm;
  job: ImportJob;
  listHref: string;
  onRestart: () => void;
  locale: Locale;
  t: Messages;
  im: ImportMessages;
}) {
  const { loaded, listHref, im } = props;
  const [job, setJob] = useState(props.job);
  const [pollProblem, setPollProblem] = useState<Problem | null>(null);
  const [pollAttempt, setPollAttempt] = useState(0);
  const [resuming, setResuming] = useState(false);
  const [resumeProblem, setResumeProblem] = useState<Problem | null>(null);
  const id = useId();
  const finished = isFinished(job.status);

  useEffect(() => {
    if (finished) return;
    const controller = new AbortController();
    let attempt = 0;
    let timer = 0;
    const poll = () => {
      timer = window.setTimeout(() => {
        getJson(jobUrl(loaded.app, loaded.form, job.id), parseJob, controller.signal).then(
          (next) => {
            if (controller.signal.aborted) return;
            setPollProblem(null);
            setJob(next);
            attempt += 1;
            if (!isFinished(next.status)) poll();
          },
          async (error: unknown) => {
            if (controller.signal.aborted || isAbortError(error)) return;
            setPollProblem(await toProblem(error));
          },
        );
      }, pollDelay(attempt));
    };
    poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [loaded.app, loaded.form, job.id, finished, pollAttempt]);

  const resume = async () => {
    setResuming(true);
    setResumeProblem(null);
    try {
      setJob(await commitImport(loaded.app, loaded.form, job.id));
    } catch (error) {
      setResumeProblem(await toProblem(error));
    } finally {
      setResuming(false);
    }
  };

  const percent = progressPercent(job);
  const report = job.errors?.kind === "commit" ? job.errors : null;

  return (
    <section
      className="importer__card"
      aria-labelledby={`${id}-heading`}
      data-testid="import-commit-step"
      data-status={job.status}
    >
      <h2 className="importer__heading" id={`${id}-heading`}>
        {job.status === "succeeded" ? im.doneHeading : job.status === "failed" ? im.failedHeading : im.progressHeading}
      </h2>
      <div className="importer__progress-wrap">
        <div
          className={`importer__progress importer__progress--${job.status}`}
          role="progressbar"
          aria-label={im.progressLabel}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          data-testid="import-progress"
        >
          <span className="importer__progress-bar" style={{ width: `${percent}%` }} />
        </div>
        <div className="importer__progress-text">
          <span data-testid="import-progress-text" data-queued={isQueued(job)}>
            {isQueued(job) ? im.queuedText : im.progressText(job.processedRows, job.totalRows)}
          </span>
          <span className="importer__status-line">
            <span className={`importer__status importer__status--${job.status}`} data-testid="import-status">
              {im.status[job.status]}
            </span>
            <span className="chip chip--muted">{im.createdCount(job.createdRows)}</span>
            <span className="chip chip--muted">{im.updatedCount(job.updatedRows)}</span>
          </span>
        </div>
      </div>

      {pollProblem !== null && (
        <>
          <ProblemBox title={im.pollError} problem={pollProblem} testId="import-poll-error" />
          <div className="importer__actions">
            <button
              type="button"
              className="btn btn--ghost"
              onClick={() => {
                setPollProblem(null);
                setPollAttempt((n) => n + 1);
              }}
            >
              {props.t.retry}
            </button>
          </div>
        </>
      )}

      {job.status === "succeeded" && (
        <div className="importer__done" data-testid="import-done" role="status">
          <p className="importer__verdict importer__verdict--ok">{im.doneText(job.createdRows, job.updatedRows)}</p>
          <div className="importer__actions">
            <a className="btn btn--primary" href={listHref} data-testid="import-done-link">
              {im.viewRecords}
            </a>
            <button type="button" className="btn btn--ghost" onClick={props.onRestart} data-testid="import-another">
              {im.importAnother}
            </button>
          </div>
        </div>
      )}

      {job.status === "failed" && (
        <div className="importer__failed" data-testid="import-failed">
          {report !== null && report.message !== "" && (
            <p className="importer__verdict importer__verdict--bad" data-testid="import-failed-message">
              {report.message}
            </p>
          )}
          {report !== null && report.errors.length > 0 && <ProblemTable problems={report.errors} summary={report} im={im} />}
          {resumeProblem !== null && <ProblemBox title={im.resumeFailed} problem={resumeProblem} testId="import-resume-error" />}
          <div className="importer__actions">
            {canResume(job) && (
              <button
                type="button"
                className="btn btn--primary"
                disabled={resuming}
                aria-busy={resuming}
                data-testid="import-resume"
                onClick={() => {
                  void resume();
                }}
              >
                {resuming ? im.resuming : im.resume}
              </button>
            )}
            <button type="button" className="btn btn--ghost" onClick={props.onRestart} data-testid="import-restart">
              {im.uploadAnother}
            </button>
            <a className="btn btn--ghost" href={listHref}>
              {im.backToList}
            </a>
          </div>
          {canResume(job) && <p className="importer__hint">{im.resumeHint}</p>}
        </div>
      )}
    </section>
  );
}
