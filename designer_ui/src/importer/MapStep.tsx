import { useId, useState } from "react";
import { toProblem } from "../api.ts";
import { fieldLabel, type FieldDef } from "../fields.ts";
import type { LoadedForm } from "../FormGate.tsx";
import type { Locale } from "../i18n.ts";
import type { Problem } from "../problem.ts";
import { checkImport, type ImportJob, type JobErrors, type PreviewRow } from "./importApi.ts";
import {
  duplicateFields,
  keyCandidates,
  mappingBody,
  mappingErrors,
  mappingIssues,
  missingRequired,
  sampleValues,
  setColumn,
  validKey,
  type Mapping,
} from "./mapping.ts";
import type { ImportMessages } from "./messages.ts";
import { ProblemBox } from "./ProblemBox.tsx";
import { BusyButton } from "../BusyButton.tsx";

/** Step 2: a field for each column of the file (prefilled), an optional key; then the dry run. */
export function MapStep(props: {
  loaded: LoadedForm;
  job: ImportJob;
  preview: readonly PreviewRow[];
  fields: readonly FieldDef[];
  mapping: Mapping;
  keyField: string | null;
  onChange: (mapping: Mapping, key: string | null) => void;
  onChecked: (job: ImportJob, summary: JobErrors) => void;
  onRestart: () => void;
  locale: Locale;
  im: ImportMessages;
}) {
  const { loaded, job, preview, fields, mapping, locale, im } = props;
  const key = validKey(mapping, props.keyField);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [tried, setTried] = useState(false);
  const id = useId();

  const duplicates = duplicateFields(mapping);
  const issues = mappingIssues(mapping);
  const missing = missingRequired(mapping, fields);
  const serverErrors = mappingErrors(problem?.errors ?? []);
  const candidates = keyCandidates(mapping, fields);

  const check = async () => {
    setTried(true);
    if (issues.length > 0) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await checkImport(loaded.app, loaded.form, job.id, mappingBody(mapping, key));
      props.onChecked(result.job, result.summary);
    } catch (error) {
      setProblem(await toProblem(error));
      setBusy(false);
    }
  };

  return (
    <section className="importer__card" aria-labelledby={`${id}-heading`} data-testid="import-map">
      <h2 className="importer__heading" id={`${id}-heading`}>
        {im.mapHeading}
      </h2>
      <p className="importer__hint">{im.mapHint}</p>
      <p className="importer__file-summary" data-testid="import-file-summary">
        {im.fileSummary(job.filename, job.totalRows, job.columns.length)}
      </p>

      <div className="importer__map" role="table" aria-label={im.mapHeading}>
        <div className="importer__map-head" role="row">
          <span role="columnheader">{im.columnHeader}</span>
          <span role="columnheader">{im.samplesHeader}</span>
          <span role="columnheader">{im.fieldHeader}</span>
        </div>
        {job.columns.map((column, index) => {
          const chosen = mapping[column] ?? null;
          const samples = sampleValues(preview, index);
          const duplicate = chosen !== null && duplicates.has(chosen);
          const errors = serverErrors.byColumn[column] ?? [];
          const selectId = `${id}-col-${index}`;
          const invalid = duplicate || errors.length > 0;
          return (
            <div
              key={column}
              role="row"
              className={chosen === null ? "importer__map-row importer__map-row--skipped" : "importer__map-row"}
              data-testid="map-row"
              data-column={column}
            >
              <label role="cell" className="importer__map-column" htmlFor={selectId}>
                {column}
              </label>
              <span role="cell" className="importer__samples">
                {samples.length === 0 ? (
                  <span className="muted">{im.noSamples}</span>
                ) : (
                  samples.map((sample) => (
                    <span key={sample} className="importer__sample">
                      {sample}
                    </span>
                  ))
                )}
              </span>
              <span role="cell" className="importer__map-field">
                <select
                  id={selectId}
                  className="field__input importer__select"
                  data-testid="map-field"
                  value={chosen ?? ""}
                  aria-invalid={invalid}
                  onChange={(event) => {
                    setProblem(null);
                    const next = setColumn(mapping, column, event.target.value);
                    props.onChange(next, validKey(next, key));
                  }}
                >
                  <option value="">{im.skip}</option>
                  {fields.map((field) => (
                    <option key={field.id} value={field.id}>
                      {fieldLabel(field, locale)}
                      {field.required ? " *" : ""}
                    </option>
                  ))}
                </select>
                {duplicate && <span className="field__error">{im.duplicate}</span>}
                {errors.map((message) => (
                  <span key={message} className="field__error" data-testid="map-error">
                    {message}
                  </span>
                ))}
              </span>
            </div>
          );
        })}
      </div>

      {missing.length > 0 && (
        <p className="importer__note" data-testid="map-missing-required">
          {im.missingRequired(missing.map((field) => fieldLabel(field, locale)).join(", "))}
        </p>
      )}

      <div className="importer__key">
        <label className="field">
          <span className="field__label">{im.keyHeading}</span>
          <select
            className="field__input importer__select"
            data-testid="map-key"
            value={key ?? ""}
            onChange={(event) => {
              setProblem(null);
              props.onChange(mapping, event.target.value === "" ? null : event.target.value);
            }}
          >
            <option value="">{im.keyNone}</option>
            {candidates.map((field) => (
              <option key={field.id} value={field.id}>
                {fieldLabel(field, locale)}
              </option>
            ))}
          </select>
          <span className="field__hint">{im.keyHint}</span>
          {serverErrors.key.map((message) => (
            <span key={message} className="field__error">
              {message}
            </span>
          ))}
        </label>
      </div>

      {tried && issues.includes("nothing_mapped") && (
        <p className="field__error" role="alert">
          {im.nothingMapped}
        </p>
      )}
      {tried && issues.includes("duplicates") && (
        <p className="field__error" role="alert">
          {im.duplicatesProblem}
        </p>
      )}
      {problem !== null && (
        <ProblemBox
          title={im.checkFailed}
          problem={problem}
          testId="import-check-error"
          hideErrors={Object.keys(serverErrors.byColumn).length > 0 && serverErrors.other.length === 0}
        />
      )}

      <div className="importer__actions">
        <BusyButton
          data-testid="import-check"
          busy={busy}
          busyLabel={im.checking}
          onClick={() => {
            void check();
          }}
        >
          {im.check}
        </BusyButton>
        <button type="button" className="btn btn--ghost" onClick={props.onRestart} disabled={busy} data-testid="import-restart">
          {im.uploadAnother}
        </button>
      </div>
    </section>
  );
}
