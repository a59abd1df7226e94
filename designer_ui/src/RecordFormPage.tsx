import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type SyntheticEvent,
} from "react";
import { ApiError, toProblem } from "./api.ts";
import { ErrorState } from "./ErrorState.tsx";
import {
  applyScan,
  buildCreateData,
  buildPatchData,
  buildPreviewData,
  describeInputs,
  fieldLabel,
  initialState,
  mapErrors,
  type FormState,
  type InputDescriptor,
  type InputValue,
  type MappedErrors,
} from "./fields.ts";
import { Crumbs, type LoadedForm } from "./FormGate.tsx";
import { formatValue } from "./format.ts";
import { FieldInput, type FieldContext } from "./formview/FieldInput.tsx";
import "./formview/formview.css";
import { isWide, layoutGroups } from "./formview/layout.ts";
import { formviewMessages } from "./formview/messages.ts";
import { hiddenFields, isRequiredNow, needsPreview } from "./formview/preview.ts";
import { usePreview } from "./formview/usePreview.ts";
import { formatDateTime, type Locale, type Messages } from "./i18n.ts";
import { resolveLabel } from "./labels.ts";
import { Loading } from "./Loading.tsx";
import {
  createRecord,
  interpretScan,
  parseHistory,
  parseRecord,
  recordsUrl,
  updateRecord,
  type HistoryEntry,
  type RecordItem,
} from "./recordsApi.ts";
import { navigate, routeHash } from "./route.ts";
import { useJson } from "./useJson.ts";

const NO_ERRORS: MappedErrors = { byField: {}, other: [] };

/** `#/apps/{app}/forms/{form}/new` */
export function NewRecordPage(props: { loaded: LoadedForm; locale: Locale; t: Messages }) {
  const { loaded, t } = props;
  return (
    <main className="container page">
      <Crumbs loaded={loaded} t={t} record />
      <h1 className="page__title">{t.newRecord}</h1>
      <RecordForm loaded={loaded} record={null} locale={props.locale} t={t} onReload={() => undefined} />
    </main>
  );
}

/** `#/apps/{app}/forms/{form}/records/{id}`: edit form plus history. */
export function RecordDetailPage(props: { loaded: LoadedForm; id: number; locale: Locale; t: Messages }) {
  const { loaded, id, locale, t } = props;
  const base = `${recordsUrl(loaded.app, loaded.form)}/${id}`;
  const [record, retryRecord] = useJson(base, parseRecord);
  const [history, retryHistory] = useJson(`${base}/history`, parseHistory);
  const reload = () => {
    retryRecord();
    retryHistory();
  };
  return (
    <main className="container page">
      <Crumbs loaded={loaded} t={t} record />
      <h1 className="page__title">
        {t.editRecord} <span className="muted">#{id}</span>
      </h1>
      {record.status === "loading" && <Loading text={t.loadingRecord} />}
      {record.status === "error" && (
        <ErrorState problem={record.problem} onRetry={retryRecord} title={t.recordError} testId="error-state" t={t} />
      )}
      {record.status === "ok" && (
        <RecordForm
          key={record.data.version}
          loaded={loaded}
          record={record.data}
          locale={locale}
          t={t}
          onReload={reload}
        />
      )}
      <section className="history" aria-labelledby="history-heading">
        <h2 className="section__title" id="history-heading">
          {t.historyHeading}
        </h2>
        {history.status === "loading" && <Loading text={t.loadingRecord} />}
        {history.status === "error" && (
          <ErrorState problem={history.problem} onRetry={retryHistory} title={t.recordError} testId="history-error" t={t} />
        )}
        {history.status === "ok" && (
          <History entries={history.data} loaded={loaded} locale={locale} t={t} />
        )}
      </section>
    </main>
  );
}

function History(props: { entries: HistoryEntry[]; loaded: LoadedForm; locale: Locale; t: Messages }) {
  const { entries, loaded, locale, t } = props;
  const words = { yes: t.yes, no: t.no, rows: t.rows };
  if (entries.length === 0) {
    return (
      <p className="muted" data-testid="history">
        {t.noHistory}
      </p>
    );
  }
  return (
    <ol className="history__list" data-testid="history">
      {entries.map((entry) => {
        const before = entry.before ?? {};
        const after = entry.after ?? {};
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
          (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
        );
        return (
          <li key={`${entry.version}-${entry.at}`} className="history__entry" data-testid="history-entry">
            <p className="history__head">
              <strong>{t.historyAction(entry.action)}</strong> · v{entry.version}
              {entry.actor !== null && <> · {t.historyBy(entry.actor)}</>}
              {" · "}
              <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
            </p>
            {keys.length > 0 && (
              <ul className="history__changes">
                {keys.map((key) => {
                  const field = loaded.definition.fields.find((candidate) => candidate.id === key) ?? null;
                  const old = formatValue(field, before[key], locale, words);
                  const now = formatValue(field, after[key], locale, words);
                  return (
                    <li key={key}>
                      <span className="history__field">{field === null ? key : fieldLabel(field, locale)}</span>
                      {": "}
                      {entry.before !== null && (
                        <>
                          <del>{old === "" ? t.emptyValue : old}</del> →{" "}
                        </>
                      )}
                      <ins>{now === "" ? t.emptyValue : now}</ins>
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

function RecordForm(props: {
  loaded: LoadedForm;
  record: RecordItem | null;
  locale: Locale;
  t: Messages;
  onReload: () => void;
}) {
  const { loaded, record, locale, t } = props;
  const fm = formviewMessages[locale];
  const { app, form, definition } = loaded;
  const creating = record === null;
  const inputs = useMemo(() => describeInputs(definition), [definition]);
  const byId = useMemo(() => new Map(inputs.map((input) => [input.field.id, input])), [inputs]);
  const groups = useMemo(() => layoutGroups(definition), [definition]);
  const wantsPreview = useMemo(() => needsPreview(definition.fields), [definition]);
  const subTables = useMemo(
    () => inputs.filter((input) => input.kind === "subtable").map((input) => input.field.id),
    [inputs],
  );
  const [initial] = useState<FormState>(() => initialState(inputs, record?.data ?? null));
  const [values, setValues] = useState<FormState>(initial);
  const [errors, setErrors] = useState<MappedErrors>(NO_ERRORS);
  const [errorRound, setErrorRound] = useState(0);
  const [topError, setTopError] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(0);
  const [scanErrors, setScanErrors] = useState<Record<string, string>>({});
  const [scanNotes, setScanNotes] = useState<Record<string, string>>({});
  const [scanBusy, setScanBusy] = useState<string | null>(null);
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);

  // The server decides visibility, requirement and formulas from what is typed so far.
  const { status: previewStatus, preview } = usePreview(
    app,
    form,
    record?.id ?? null,
    buildPreviewData(inputs, values),
    wantsPreview,
  );
  const hidden = hiddenFields(definition.fields, preview, previewStatus);
  const visibleIds = groups.flatMap((group) => group.fieldIds).filter((id) => !hidden.has(id) && byId.has(id));
  const primaryScan = visibleIds.find((id) => byId.get(id)?.kind === "scan") ?? null;

  useEffect(() => {
    if (errorRound === 0) return;
    const target =
      formRef.current?.querySelector(".field__error") ?? formRef.current?.querySelector("[data-testid=form-error]");
    target?.scrollIntoView({ block: "center" });
  }, [errorRound]);

  const update = (id: string, change: (previous: InputValue | undefined) => InputValue) => {
    setValues((previous) => ({ ...previous, [id]: change(previous[id]) }));
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy) return;
    setErrors(NO_ERRORS);
    setTopError([]);
    setStale(false);
    if (uploading > 0) {
      setTopError([fm.waitForUploads]);
      setErrorRound((n) => n + 1);
      return;
    }
    let request: Promise<unknown>;
    if (record === null) {
      request = createRecord(app, form, buildCreateData(inputs, values, hidden));
    } else {
      const data = buildPatchData(inputs, initial, values, hidden);
      if (Object.keys(data).length === 0) {
        setTopError([t.noChanges]);
        return;
      }
      request = updateRecord(app, form, record.id, record.version, data);
    }
    setBusy(true);
    try {
      await request;
      navigate({ page: "records", app, form });
    } catch (error) {
      const problem = await toProblem(error);
      if (problem.status === 409) {
        setStale(true);
      } else {
        const mapped = mapErrors(problem.errors ?? [], visibleIds, subTables);
        setErrors(mapped);
        const atFields =
          Object.keys(mapped.byField).length + Object.keys(mapped.cells ?? {}).length + Object.keys(mapped.rows ?? {}).length;
        const summary = problem.detail || problem.title || t.saveFailed;
        setTopError([...(atFields > 0 ? [t.fixErrors] : []), summary, ...mapped.other]);
      }
      setErrorRound((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const scan = async (input: InputDescriptor, raw: string) => {
    const id = input.field.id;
    setScanErrors((previous) => ({ ...previous, [id]: "" }));
    setScanNotes((previous) => ({ ...previous, [id]: "" }));
    if (raw.trim() === "") return;
    setScanBusy(id);
    try {
      const parts = await interpretScan(raw);
      const filled = Object.keys(applyScan(inputs, {}, input.field.fill, parts)).length;
      setValues((previous) => applyScan(inputs, previous, input.field.fill, parts));
      if (filled > 0) setScanNotes((previous) => ({ ...previous, [id]: fm.scanFilled(filled) }));
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : await toProblem(error);
      const message = problem.errors?.[0]?.message ?? (problem.detail || problem.title || t.saveFailed);
      setScanErrors((previous) => ({ ...previous, [id]: message }));
    } finally {
      setScanBusy(null);
    }
  };

  // Enter moves on to the next input (a scanner's Enter must never save half a record).
  const nextOnEnter = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== "Enter" || event.defaultPrevented || event.nativeEvent.isComposing) return;
    const target = event.target;
    if (!(target instanceof HTMLInputElement) || ["checkbox", "radio", "file", "submit", "button"].includes(target.type)) {
      return;
    }
    event.preventDefault();
    const fields = Array.from(
      formRef.current?.querySelectorAll<HTMLElement>(
        "input:not([type=hidden]):not([type=file]):not([disabled]), select:not([disabled]), textarea:not([disabled])",
      ) ?? [],
    );
    fields[fields.indexOf(target) + 1]?.focus();
  };

  const ctx: FieldContext = {
    app,
    locale,
    t,
    fm,
    creating,
    onUploading: (delta) => {
      setUploading((n) => Math.max(0, n + delta));
    },
  };

  const renderField = (id: string) => {
    const input = byId.get(id);
    if (input === undefined) return null;
    const domId = `${idPrefix}-${id}`;
    const errorId = `${domId}-error`;
    const scanError = scanErrors[id] ?? "";
    const messages = [...(errors.byField[id] ?? []), ...(scanError === "" ? [] : [scanError])];
    const note = scanNotes[id] ?? "";
    const computed = preview !== null && Object.hasOwn(preview.computed, id);
    const classes = ["field", `field--${input.kind}`, isWide(input.field.type) ? "formview__field--wide" : ""];
    return (
      <div className={classes.join(" ").trim()} key={id} data-field-id={id}>
        <FieldInput
          ctx={ctx}
          input={input}
          domId={domId}
          testId={`field-${id}`}
          value={values[id]}
          shown={computed ? preview.computed[id] : record?.data[id]}
          required={input.kind !== "readonly" && isRequiredNow(input.field, preview)}
          invalid={messages.length > 0}
          errorId={errorId}
          onUpdate={(change) => {
            update(id, change);
          }}
          scan={
            input.kind === "scan"
              ? {
                  busy: scanBusy === id,
                  autoFocus: id === primaryScan,
                  primary: id === primaryScan,
                  onScan: (raw) => {
                    void scan(input, raw);
                  },
                }
              : null
          }
          table={{
            cells: errors.cells ?? {},
            rows: errors.rows ?? {},
            onStructureChange: () => {
              const prefix = `${id}/`;
              const keep = (map: Record<string, string[]> | undefined) =>
                Object.fromEntries(Object.entries(map ?? {}).filter(([key]) => !key.startsWith(prefix)));
              setErrors((previous) => ({ ...previous, cells: keep(previous.cells), rows: keep(previous.rows) }));
            },
          }}
        />
        {note !== "" && (
          <p className="field__hint formview-scan__note" role="status" data-testid={`scan-note-${id}`}>
            {note}
          </p>
        )}
        {messages.length > 0 && (
          <p className="field__error" id={errorId} data-testid={`field-error-${id}`}>
            {messages.join(" ")}
          </p>
        )}
      </div>
    );
  };

  return (
    <form
      ref={formRef}
      className="record-form formview"
      data-testid="record-form"
      data-preview={previewStatus}
      noValidate
      onKeyDown={nextOnEnter}
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      {stale && (
        <div className="banner banner--error" role="alert" data-testid="stale-version">
          <span>{t.staleVersion}</span>{" "}
          <button type="button" className="btn btn--secondary btn--sm" data-testid="reload-record" onClick={props.onReload}>
            {t.reload}
          </button>
        </div>
      )}
      {topError.length > 0 && (
        <div className="banner banner--error" role="alert" data-testid="form-error">
          {topError.map((line, index) => (
            <p key={index}>{line}</p>
          ))}
        </div>
      )}
      {groups.map((group) => {
        const ids = group.fieldIds.filter((id) => !hidden.has(id) && byId.has(id));
        if (ids.length === 0) return null;
        const grid = (
          <div className={`formview__grid formview__grid--cols-${group.columns}`}>{ids.map(renderField)}</div>
        );
        if (group.id === null) {
          return (
            <div className="formview__loose" key="(loose)">
              {grid}
            </div>
          );
        }
        return (
          <fieldset
            className="formview__section"
            key={group.id}
            data-testid={`section-${group.id}`}
            data-columns={group.columns}
          >
            <legend className="formview__legend">{resolveLabel(group.label, locale) || group.id}</legend>
            {grid}
          </fieldset>
        );
      })}
      <div className="record-form__actions formview__actions">
        <button
          type="submit"
          className="btn btn--primary formview__save"
          data-testid="save-record"
          disabled={busy || uploading > 0}
          aria-busy={busy || uploading > 0}
        >
          {(busy || uploading > 0) && <span className="spinner spinner--on-accent" aria-hidden="true" />}
          {busy ? t.saving : t.save}
        </button>
        <a className="btn btn--ghost formview__cancel" href={routeHash({ page: "records", app, form })}>
          {t.cancel}
        </a>
      </div>
    </form>
  );
}
