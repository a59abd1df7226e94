import { useId, useState } from "react";
import { toProblem } from "../api.ts";
import type { LoadedForm } from "../FormGate.tsx";
import type { Locale } from "../i18n.ts";
import type { Problem } from "../problem.ts";
import { commitImport, type CellProblem, type ImportJob, type JobErrors } from "./importApi.ts";
import { badRows, pageCount, problemPage } from "./mapping.ts";
import type { ImportMessages } from "./messages.ts";
import { ProblemBox } from "./ProblemBox.tsx";
import { BusyButton } from "../BusyButton.tsx";

export const PROBLEMS_PER_PAGE = 20;

/** Step 3: what the dry run found — counts, and every bad cell — then commit (only when clean). */
export function CheckStep(props: {
  loaded: LoadedForm;
  job: ImportJob;
  summary: JobErrors;
  onBack: () => void;
  onRestart: () => void;
  onCommitted: (job: ImportJob) => void;
  locale: Locale;
  im: ImportMessages;
}) {
  const { loaded, job, summary, im } = props;
  const counts = summary.counts ?? {
    rows: job.totalRows,
    valid: job.totalRows - job.failedRows,
    invalid: job.failedRows,
    creates: 0,
    updates: 0,
  };
  const clean = counts.invalid === 0 && summary.errors.length === 0;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const id = useId();

  const commit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      props.onCommitted(await commitImport(loaded.app, loaded.form, job.id));
    } catch (error) {
      setProblem(await toProblem(error));
      setBusy(false);
    }
  };

  return (
    <section className="importer__card" aria-labelledby={`${id}-heading`} data-testid="import-check-result">
      <h2 className="importer__heading" id={`${id}-heading`}>
        {im.checkHeading}
      </h2>
      <dl className="importer__counts" data-testid="check-counts">
        <Count label={im.countRows} value={counts.rows} testId="count-rows" />
        <Count label={im.countValid} value={counts.valid} testId="count-valid" tone="ok" />
        <Count label={im.countInvalid} value={counts.invalid} testId="count-invalid" tone={counts.invalid > 0 ? "bad" : undefined} />
        <Count label={im.countCreates} value={counts.creates} testId="count-creates" />
        <Count label={im.countUpdates} value={counts.updates} testId="count-updates" />
      </dl>
      {clean ? (
        <p className="importer__verdict importer__verdict--ok" data-testid="check-verdict" role="status">
          {im.allGood(counts.rows)}
        </p>
      ) : (
        <p className="importer__verdict importer__verdict--bad" data-testid="check-verdict" role="status">
          {im.someBad(counts.invalid, summary.errorsTotal)}
        </p>
      )}

      {summary.errors.length > 0 && <ProblemTable problems={summary.errors} summary={summary} im={im} />}

      {problem !== null && <ProblemBox title={im.commitRefused} problem={problem} testId="import-commit-error" />}

      <div className="importer__actions">
        {clean && (
          <BusyButton
            data-testid="import-commit"
            busy={busy}
            busyLabel={im.committing}
            onClick={() => {
              void commit();
            }}
          >
            {im.commit(counts.valid)}
          </BusyButton>
        )}
        {!clean && (
          <button type="button" className="btn btn--primary" onClick={props.onRestart} data-testid="import-restart">
            {im.uploadAnother}
          </button>
        )}
        <button type="button" className="btn btn--ghost" onClick={props.onBack} disabled={busy} data-testid="import-change-mapping">
          {im.changeMapping}
        </button>
        {clean && (
          <button type="button" className="btn btn--ghost" onClick={props.onRestart} disabled={busy} data-testid="import-restart">
            {im.uploadAnother}
          </button>
        )}
      </div>
    </section>
  );
}

function Count(props: { label: string; value: number; testId: string; tone?: "ok" | "bad" | undefined }) {
  return (
    <div className={props.tone === undefined ? "importer__count" : `importer__count importer__count--${props.tone}`}>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.value}</dd>
    </div>
  );
}

/** Every bad cell (row, column, reason), a page at a time. */
export function ProblemTable(props: { problems: readonly CellProblem[]; summary: JobErrors; im: ImportMessages }) {
  const { problems, summary, im } = props;
  const [page, setPage] = useState(0);
  const pages = pageCount(problems.length, PROBLEMS_PER_PAGE);
  const current = Math.min(page, pages - 1);
  const shown = problemPage(problems, current, PROBLEMS_PER_PAGE);
  return (
    <div className="importer__problems" data-testid="check-problems" data-bad-rows={badRows(problems)}>
      <h3 className="importer__subheading">{im.problemsHeading}</h3>
      {summary.truncated && <p className="importer__hint">{im.truncated(problems.length, summary.errorsTotal)}</p>}
      <div className="table-wrap">
        <table className="table importer__table">
          <thead>
            <tr>
              <th scope="col">{im.rowHeader}</th>
              <th scope="col">{im.columnHeader}</th>
              <th scope="col">{im.reasonHeader}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((problem, index) => (
              <tr
                key={`${problem.row ?? ""}-${problem.column ?? ""}-${index}`}
                data-testid="check-problem"
                data-row={problem.row ?? ""}
                data-column={problem.column ?? ""}
              >
                <td className="importer__cell-row" data-label={im.rowHeader}>
                  {problem.row ?? "—"}
                </td>
                <td className="importer__cell-column">{problem.column ?? im.wholeRow}</td>
                <td className="importer__cell-reason">{problem.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <div className="importer__pager">
          <button
            type="button"
            className="btn btn--ghost btn--sm"
            disabled={current === 0}
            data-testid="problems-prev"
            onClick={() => {
              setPage(current - 1);
            }}
          >
            {im.previous}
          </button>
          <span className="count" data-testid="problems-page">
            {im.pageOf(current + 1, pages)}
          </span>
          <button
            type="button"
            className="btn btn--ghost btn--sm"
            disabled={current >= pages - 1}
            data-testid="problems-next"
            onClick={() => {
              setPage(current + 1);
            }}
          >
            {im.next}
          </button>
        </div>
      )}
    </div>
  );
}
