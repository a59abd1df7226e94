import { useState } from "react";
import { Crumbs, type LoadedForm } from "../FormGate.tsx";
import type { Locale, Messages } from "../i18n.ts";
import { routeHash } from "../route.ts";
import { CheckStep } from "./CheckStep.tsx";
import { CommitStep } from "./CommitStep.tsx";
import type { ImportJob, JobErrors, PreviewRow } from "./importApi.ts";
import { importableFields, initialMapping, type Mapping } from "./mapping.ts";
import { MapStep } from "./MapStep.tsx";
import { importMessages, type ImportMessages } from "./messages.ts";
import { STEPS, stepForJob, type WizardStep } from "./progress.ts";
import { UploadStep } from "./UploadStep.tsx";
import "./importer.css";

type State =
  | { step: "upload" }
  | { step: "map"; job: ImportJob; preview: PreviewRow[]; mapping: Mapping; key: string | null }
  | {
      step: "check";
      job: ImportJob;
      preview: PreviewRow[];
      mapping: Mapping;
      key: string | null;
      summary: JobErrors;
    }
  | { step: "commit"; job: ImportJob };

/** Upload → map columns → dry run → commit with progress. */
export function ImportWizard(props: { loaded: LoadedForm; locale: Locale; t: Messages }) {
  const { loaded, locale, t } = props;
  const im = importMessages[locale];
  const fields = importableFields(loaded.definition);
  const [state, setState] = useState<State>({ step: "upload" });
  const listHref = routeHash({ page: "records", app: loaded.app, form: loaded.form });

  const toMap = (job: ImportJob, preview: PreviewRow[], suggested: Mapping, key: string | null) => {
    setState({ step: "map", job, preview, mapping: initialMapping(job.columns, suggested, fields), key });
  };

  /** A job picked from the recent imports: open it at the step it has reached. */
  const openJob = (job: ImportJob) => {
    const step = stepForJob(job);
    const mapping = initialMapping(job.columns, job.mapping, fields);
    if (step === "map") toMap(job, [], job.mapping, job.keyField);
    else if (step === "check" && job.errors !== null) {
      setState({ step: "check", job, preview: [], mapping, key: job.keyField, summary: job.errors });
    } else if (step === "check") toMap(job, [], job.mapping, job.keyField);
    else setState({ step: "commit", job });
  };

  return (
    <main className="container page importer" data-testid="import-wizard" data-step={state.step}>
      <Crumbs loaded={loaded} t={t} record />
      <div className="page__head">
        <div>
          <h1 className="page__title">{im.title(loaded.label)}</h1>
          <p className="page__intro">{im.intro}</p>
        </div>
        <a className="btn btn--ghost" href={listHref} data-testid="import-back-to-list">
          {im.backToList}
        </a>
      </div>

      <Stepper current={state.step} im={im} />

      {state.step === "upload" && (
        <UploadStep
          loaded={loaded}
          locale={locale}
          t={t}
          im={im}
          onUploaded={(uploaded) => {
            toMap(uploaded.job, uploaded.preview, uploaded.suggested, null);
          }}
          onOpenJob={openJob}
        />
      )}
      {state.step === "map" && (
        <MapStep
          loaded={loaded}
          job={state.job}
          preview={state.preview}
          fields={fields}
          mapping={state.mapping}
          keyField={state.key}
          onChange={(mapping, key) => {
            setState({ ...state, mapping, key });
          }}
          onChecked={(job, summary) => {
            setState({ ...state, step: "check", job, summary });
          }}
          onRestart={() => {
            setState({ step: "upload" });
          }}
          locale={locale}
          im={im}
        />
      )}
      {state.step === "check" && (
        <CheckStep
          loaded={loaded}
          job={state.job}
          summary={state.summary}
          onBack={() => {
            setState({ step: "map", job: state.job, preview: state.preview, mapping: state.mapping, key: state.key });
          }}
          onRestart={() => {
            setState({ step: "upload" });
          }}
          onCommitted={(job) => {
            setState({ step: "commit", job });
          }}
          locale={locale}
          im={im}
        />
      )}
      {state.step === "commit" && (
        <CommitStep
          loaded={loaded}
          job={state.job}
          listHref={listHref}
          onRestart={() => {
            setState({ step: "upload" });
          }}
          locale={locale}
          t={t}
          im={im}
        />
      )}
    </main>
  );
}

function Stepper(props: { current: WizardStep; im: ImportMessages }) {
  const { current, im } = props;
  const index = STEPS.indexOf(current);
  return (
    <ol className="importer__steps" aria-label={im.stepOf(index + 1, STEPS.length)} data-testid="import-steps">
      {STEPS.map((step, i) => {
        const state = i < index ? "done" : i === index ? "current" : "todo";
        return (
          <li
            key={step}
            className={`importer__step importer__step--${state}`}
            aria-current={state === "current" ? "step" : undefined}
          >
            <span className="importer__step-mark" aria-hidden="true">
              {state === "done" ? "✓" : i + 1}
            </span>
            <span className="importer__step-label">{im.steps[step]}</span>
          </li>
        );
      })}
    </ol>
  );
}
