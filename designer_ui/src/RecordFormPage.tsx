import { useId, useMemo, useState, type KeyboardEvent, type SyntheticEvent } from "react";
import { ApiError, toProblem } from "./api.ts";
import { ErrorState } from "./ErrorState.tsx";
import {
  applyScan,
  buildCreateData,
  buildPatchData,
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
  const { app, form } = loaded;
  const inputs = useMemo(() => describeInputs(loaded.definition), [loaded.definition]);
  const shown = record === null ? inputs.filter((input) => input.kind !== "readonly") : inputs;
  const [initial] = useState<FormState>(() => initialState(inputs, record?.data ?? null));
  const [values, setValues] = useState<FormState>(initial);
  const [errors, setErrors] = useState<MappedErrors>(NO_ERRORS);
  const [topError, setTopError] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [scanErrors, setScanErrors] = useState<Record<string, string>>({});
  const [scanBusy, setScanBusy] = useState<string | null>(null);
  const idPrefix = useId();

  const setValue = (id: string, value: InputValue) => {
    setValues((previous) => ({ ...previous, [id]: value }));
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy) return;
    setErrors(NO_ERRORS);
    setTopError([]);
    setStale(false);
    let request: Promise<unknown>;
    if (record === null) {
      request = createRecord(app, form, buildCreateData(inputs, values));
    } else {
      const data = buildPatchData(inputs, initial, values);
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
        const mapped = mapErrors(
          problem.errors ?? [],
          shown.map((input) => input.field.id),
        );
        setErrors(mapped);
        const summary = problem.detail || problem.title || t.saveFailed;
        setTopError([
          ...(Object.keys(mapped.byField).length > 0 ? [t.fixErrors] : []),
          summary,
          ...mapped.other,
        ]);
      }
    } finally {
      setBusy(false);
    }
  };

  const scan = async (input: InputDescriptor, raw: string) => {
    const id = input.field.id;
    setScanErrors((previous) => ({ ...previous, [id]: "" }));
    if (raw.trim() === "") return;
    setScanBusy(id);
    try {
      const parts = await interpretScan(raw);
      setValues((previous) => applyScan(inputs, previous, input.field.fill, parts));
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : await toProblem(error);
      const message = problem.errors?.[0]?.message ?? (problem.detail || problem.title || t.saveFailed);
      setScanErrors((previous) => ({ ...previous, [id]: message }));
    } finally {
      setScanBusy(null);
    }
  };

  return (
    <form
      className="record-form"
      data-testid="record-form"
      noValidate
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
      {shown.map((input) => {
        const id = input.field.id;
        const domId = `${idPrefix}-${id}`;
        const messages = [...(errors.byField[id] ?? []), ...(scanErrors[id] ? [scanErrors[id]] : [])];
        const errorId = `${domId}-error`;
        return (
          <div className={`field field--${input.kind}`} key={id}>
            <FieldInput
              input={input}
              domId={domId}
              value={values[id]}
              current={record?.data[id]}
              invalid={messages.length > 0}
              errorId={errorId}
              locale={locale}
              t={t}
              busy={scanBusy === id}
              onChange={(value) => {
                setValue(id, value);
              }}
              onScan={(raw) => {
                void scan(input, raw);
              }}
            />
            {messages.length > 0 && (
              <p className="field__error" id={errorId} data-testid={`field-error-${id}`}>
                {messages.join(" ")}
              </p>
            )}
          </div>
        );
      })}
      <div className="record-form__actions">
        <button type="submit" className="btn btn--primary" data-testid="save-record" disabled={busy} aria-busy={busy}>
          {busy && <span className="spinner spinner--on-accent" aria-hidden="true" />}
          {busy ? t.saving : t.save}
        </button>
        <a className="btn btn--ghost" href={routeHash({ page: "records", app, form })}>
          {t.cancel}
        </a>
      </div>
    </form>
  );
}

function Label(props: { input: InputDescriptor; htmlFor?: string; locale: Locale; t: Messages }) {
  const { input, t } = props;
  return (
    <label className="field__label" htmlFor={props.htmlFor}>
      {fieldLabel(input.field, props.locale)}
      {input.field.required && (
        <span className="field__required" title={t.required}>
          {" *"}
          <span className="visually-hidden">({t.required})</span>
        </span>
      )}
    </label>
  );
}

const TEXT_TYPES: Partial<Record<InputDescriptor["kind"], string>> = {
  text: "text",
  email: "email",
  tel: "tel",
  url: "url",
  date: "date",
  time: "time",
  datetime: "datetime-local",
  scan: "text",
};

function FieldInput(props: {
  input: InputDescriptor;
  domId: string;
  value: InputValue | undefined;
  current: unknown;
  invalid: boolean;
  errorId: string;
  busy: boolean;
  locale: Locale;
  t: Messages;
  onChange: (value: InputValue) => void;
  onScan: (raw: string) => void;
}) {
  const { input, domId, value, locale, t } = props;
  const id = input.field.id;
  const text = typeof value === "string" ? value : "";
  const common = {
    id: domId,
    name: id,
    "data-testid": `field-${id}`,
    "aria-invalid": props.invalid,
    "aria-describedby": props.invalid ? props.errorId : undefined,
    required: input.field.required,
  };
  const label = <Label input={input} htmlFor={domId} locale={locale} t={t} />;

  switch (input.kind) {
    case "readonly":
      return (
        <>
          <Label input={input} locale={locale} t={t} />
          <p className="field__readonly" data-testid={`field-${id}`} aria-readonly="true">
            {formatValue(input.field, props.current, locale, { yes: t.yes, no: t.no, rows: t.rows }) || t.emptyValue}
            <span className="chip chip--muted">{t.readOnly}</span>
          </p>
        </>
      );
    case "checkbox":
      return (
        <label className="check" htmlFor={domId}>
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(event) => {
              props.onChange(event.target.checked);
            }}
          />
          <span>{fieldLabel(input.field, locale)}</span>
        </label>
      );
    case "textarea":
      return (
        <>
          {label}
          <textarea
            {...common}
            className="field__input field__textarea"
            rows={4}
            value={text}
            onChange={(event) => {
              props.onChange(event.target.value);
            }}
          />
        </>
      );
    case "select":
      return (
        <>
          {label}
          <select
            {...common}
            className="field__input"
            value={text}
            onChange={(event) => {
              props.onChange(event.target.value);
            }}
          >
            <option value="">{t.selectNone}</option>
            {input.field.options.map((option) => (
              <option key={option.key} value={option.key}>
                {resolveLabel(option.label, locale) || option.key}
              </option>
            ))}
          </select>
        </>
      );
    case "multi": {
      const checked = Array.isArray(value) ? value : [];
      return (
        <fieldset className="field__group" data-testid={`field-${id}`} aria-invalid={props.invalid}>
          <legend className="field__label">{fieldLabel(input.field, locale)}</legend>
          {input.field.options.map((option) => (
            <label className="check" key={option.key}>
              <input
                type="checkbox"
                name={id}
                value={option.key}
                checked={checked.includes(option.key)}
                onChange={(event) => {
                  props.onChange(
                    event.target.checked
                      ? [...checked, option.key]
                      : checked.filter((key) => key !== option.key),
                  );
                }}
              />
              <span>{resolveLabel(option.label, locale) || option.key}</span>
            </label>
          ))}
        </fieldset>
      );
    }
    case "number":
      return (
        <>
          {label}
          <input
            {...common}
            className="field__input"
            type="text"
            inputMode={input.integer ? "numeric" : "decimal"}
            autoComplete="off"
            value={text}
            onChange={(event) => {
              props.onChange(event.target.value);
            }}
          />
        </>
      );
    default:
      return (
        <>
          {label}
          <input
            {...common}
            className="field__input"
            type={TEXT_TYPES[input.kind] ?? "text"}
            autoComplete="off"
            value={text}
            aria-busy={props.busy}
            onChange={(event) => {
              props.onChange(event.target.value);
            }}
            onKeyDown={
              input.kind === "scan"
                ? (event: KeyboardEvent<HTMLInputElement>) => {
                    if (event.key !== "Enter") return;
                    event.preventDefault();
                    props.onScan(event.currentTarget.value);
                  }
                : undefined
            }
          />
          {input.kind === "scan" && (
            <p className="field__hint">{props.busy ? t.scanning : t.scanHint}</p>
          )}
        </>
      );
  }
}
