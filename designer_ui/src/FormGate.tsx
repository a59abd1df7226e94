import type { ReactNode } from "react";
import { ErrorState } from "./ErrorState.tsx";
import { parseFormDefinition, type FormDefinition } from "./fields.ts";
import type { Locale, Messages } from "./i18n.ts";
import { resolveLabel } from "./labels.ts";
import { Loading } from "./Loading.tsx";
import { appUrl, definitionUrl, parseAppDetail } from "./recordsApi.ts";
import { routeHash } from "./route.ts";
import { useJson } from "./useJson.ts";

export interface LoadedForm {
  app: string;
  form: string;
  appLabel: string;
  label: string;
  definition: FormDefinition;
}

/** Load the app, then the form's published definition, then render `children`. */
export function FormGate(props: {
  app: string;
  form: string;
  locale: Locale;
  t: Messages;
  children: (loaded: LoadedForm) => ReactNode;
}) {
  const { app, form, locale, t } = props;
  const [detail, retry] = useJson(appUrl(app), parseAppDetail);
  if (detail.status === "loading") return <Shell t={t} app={app}><Loading text={t.loadingForms} /></Shell>;
  if (detail.status === "error") {
    return (
      <Shell t={t} app={app}>
        <ErrorState problem={detail.problem} onRetry={retry} title={t.formsError} testId="error-state" t={t} />
      </Shell>
    );
  }
  const summary = detail.data.forms.find((candidate) => candidate.key === form);
  if (summary?.published_version == null) {
    return (
      <Shell t={t} app={app}>
        <section className="panel panel--empty" data-testid="empty-state">
          <p className="panel__text">
            <code className="code">{form}</code> — {t.notPublishedForm}
          </p>
        </section>
      </Shell>
    );
  }
  return (
    <DefinitionGate
      {...props}
      version={summary.published_version}
      appLabel={resolveLabel(detail.data.label, locale) || app}
    />
  );
}

function DefinitionGate(props: {
  app: string;
  form: string;
  version: number;
  appLabel: string;
  locale: Locale;
  t: Messages;
  children: (loaded: LoadedForm) => ReactNode;
}) {
  const { app, form, version, locale, t } = props;
  const [definition, retry] = useJson(definitionUrl(app, form, version), parseFormDefinition);
  if (definition.status === "loading") return <Shell t={t} app={app}><Loading text={t.loadingForms} /></Shell>;
  if (definition.status === "error") {
    return (
      <Shell t={t} app={app}>
        <ErrorState problem={definition.problem} onRetry={retry} title={t.formsError} testId="error-state" t={t} />
      </Shell>
    );
  }
  return props.children({
    app,
    form,
    appLabel: props.appLabel,
    label: resolveLabel(definition.data.label, locale) || form,
    definition: definition.data,
  });
}

function Shell(props: { t: Messages; app: string; children: ReactNode }) {
  return (
    <main className="container page">
      <nav className="crumbs">
        <a href={routeHash({ page: "apps" })}>{props.t.backToApps}</a>
        <span aria-hidden="true">/</span>
        <a href={routeHash({ page: "app", app: props.app })}>{props.app}</a>
      </nav>
      {props.children}
    </main>
  );
}

/** Breadcrumbs for a loaded form's pages. */
export function Crumbs(props: { loaded: LoadedForm; t: Messages; record?: boolean }) {
  const { loaded, t } = props;
  return (
    <nav className="crumbs">
      <a href={routeHash({ page: "apps" })}>{t.backToApps}</a>
      <span aria-hidden="true">/</span>
      <a href={routeHash({ page: "app", app: loaded.app })}>{loaded.appLabel}</a>
      {props.record === true && (
        <>
          <span aria-hidden="true">/</span>
          <a href={routeHash({ page: "records", app: loaded.app, form: loaded.form })}>{loaded.label}</a>
        </>
      )}
    </nav>
  );
}
