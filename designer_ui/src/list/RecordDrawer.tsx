import { useId } from "react";
import { ErrorState } from "../ErrorState.tsx";
import { fieldLabel } from "../fields.ts";
import type { LoadedForm } from "../FormGate.tsx";
import { formatValue } from "../format.ts";
import { formatDateTime, type Locale, type Messages } from "../i18n.ts";
import { Loading } from "../Loading.tsx";
import { parseHistory, recordsUrl, type HistoryEntry } from "../recordsApi.ts";
import { routeHash } from "../route.ts";
import { useJson } from "../useJson.ts";
import { changesOf, timeline } from "./history.ts";
import type { ListMessages } from "./messages.ts";
import { parseListRecord, type ListRecord } from "./query.ts";
import { useModal } from "../useModal.ts";

/** One record in a side panel (full screen on a phone): its values and its history. */
export function RecordDrawer(props: {
  loaded: LoadedForm;
  id: number;
  onClose: () => void;
  locale: Locale;
  t: Messages;
  lm: ListMessages;
}) {
  const { loaded, id, locale, t, lm } = props;
  const ref = useModal();
  const headingId = useId();
  const base = `${recordsUrl(loaded.app, loaded.form)}/${id}`;
  const [record, retryRecord] = useJson(base, parseListRecord);
  const [history, retryHistory] = useJson(`${base}/history`, parseHistory);

  return (
    <dialog
      ref={ref}
      className="list__drawer"
      aria-labelledby={headingId}
      data-testid="record-drawer"
      data-record-id={id}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === event.currentTarget) props.onClose();
      }}
    >
      <div className="list__drawer-body">
        <header className="list__drawer-head">
          <h2 className="list__drawer-title" id={headingId}>
            {lm.recordTitle(id)}
          </h2>
          <a
            className="btn btn--primary btn--sm"
            href={routeHash({ page: "record", app: loaded.app, form: loaded.form, id })}
            data-testid="drawer-edit"
          >
            {lm.editRecord}
          </a>
          <button
            type="button"
            className="list__icon-btn"
            onClick={props.onClose}
            aria-label={lm.close}
            data-testid="drawer-close"
            autoFocus
          >
            <span aria-hidden="true">×</span>
          </button>
        </header>

        {record.status === "loading" && <Loading text={lm.loadingRecord} />}
        {record.status === "error" && (
          <ErrorState
            problem={record.problem}
            onRetry={retryRecord}
            title={record.problem.status === 404 ? lm.recordGone : lm.recordError}
            testId="drawer-error"
            t={t}
          />
        )}
        {record.status === "ok" && <Values record={record.data} loaded={loaded} locale={locale} t={t} lm={lm} />}

        <section className="list__drawer-section" aria-labelledby={`${headingId}-history`}>
          <h3 className="list__drawer-subtitle" id={`${headingId}-history`}>
            {lm.historyHeading}
          </h3>
          {history.status === "loading" && <Loading text={lm.loadingRecord} />}
          {history.status === "error" && (
            <ErrorState
              problem={history.problem}
              onRetry={retryHistory}
              title={lm.recordError}
              testId="drawer-history-error"
              t={t}
            />
          )}
          {history.status === "ok" && (
            <Timeline entries={history.data} loaded={loaded} locale={locale} t={t} lm={lm} />
          )}
        </section>
      </div>
    </dialog>
  );
}

function Values(props: { record: ListRecord; loaded: LoadedForm; locale: Locale; t: Messages; lm: ListMessages }) {
  const { record, loaded, locale, t, lm } = props;
  const words = { yes: t.yes, no: t.no, rows: t.rows };
  return (
    <>
      <section className="list__drawer-section">
        <h3 className="list__drawer-subtitle">{lm.valuesHeading}</h3>
        <dl className="list__values" data-testid="drawer-values">
          {loaded.definition.fields.map((field) => {
            const text = formatValue(field, record.data[field.id], locale, words);
            return (
              <div key={field.id} className="list__value" data-field={field.id}>
                <dt>{fieldLabel(field, locale)}</dt>
                <dd className={text === "" ? "muted" : undefined}>{text === "" ? lm.emptyValue : text}</dd>
              </div>
            );
          })}
        </dl>
      </section>
      <section className="list__drawer-section">
        <h3 className="list__drawer-subtitle">{lm.detailsHeading}</h3>
        <dl className="list__values list__values--meta">
          <div className="list__value">
            <dt>{lm.system.created_at}</dt>
            <dd>
              {formatDateTime(record.created_at, locale)}
              {record.created_by !== null && ` · ${record.created_by}`}
            </dd>
          </div>
          <div className="list__value">
            <dt>{lm.system.updated_at}</dt>
            <dd>
              {formatDateTime(record.updated_at, locale)}
              {record.updated_by !== null && ` · ${record.updated_by}`} · {lm.historyVersion(record.version)}
            </dd>
          </div>
        </dl>
      </section>
    </>
  );
}

function Timeline(props: {
  entries: HistoryEntry[];
  loaded: LoadedForm;
  locale: Locale;
  t: Messages;
  lm: ListMessages;
}) {
  const { loaded, locale, t, lm } = props;
  const words = { yes: t.yes, no: t.no, rows: t.rows };
  const entries = timeline(props.entries);
  if (entries.length === 0) {
    return (
      <p className="muted" data-testid="drawer-history">
        {lm.historyEmpty}
      </p>
    );
  }
  return (
    <ol className="list__timeline" data-testid="drawer-history">
      {entries.map((entry) => {
        const changes = changesOf(entry);
        return (
          <li
            key={`${entry.version}-${entry.at}`}
            className={`list__event list__event--${entry.action}`}
            data-testid="drawer-history-entry"
          >
            <p className="list__event-head">
              <strong>{t.historyAction(entry.action)}</strong>
              <span className="chip chip--muted">{lm.historyVersion(entry.version)}</span>
            </p>
            <p className="list__event-meta">
              {entry.actor !== null && <span>{lm.historyBy(entry.actor)} · </span>}
              <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
            </p>
            {changes.length > 0 && (
              <ul className="list__changes">
                {changes.map((change) => {
                  const field = loaded.definition.fields.find((candidate) => candidate.id === change.key) ?? null;
                  const old = formatValue(field, change.before, locale, words);
                  const now = formatValue(field, change.after, locale, words);
                  return (
                    <li key={change.key}>
                      <span className="list__change-field">{field === null ? change.key : fieldLabel(field, locale)}</span>
                      {": "}
                      {entry.before !== null && (
                        <>
                          <del>{old === "" ? lm.emptyValue : old}</del>
                          {" → "}
                        </>
                      )}
                      <ins>{now === "" ? lm.emptyValue : now}</ins>
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
