import { ErrorState } from "./ErrorState.tsx";
import { parseFormDefinition } from "./fields.ts";
import type { Locale, Messages } from "./i18n.ts";
import { resolveLabel } from "./labels.ts";
import { appUrl, definitionUrl, parseAppDetail, type FormSummary } from "./recordsApi.ts";
import { routeHash } from "./route.ts";
import { Loading } from "./Loading.tsx";
import { useJson } from "./useJson.ts";

/** One app: its forms; only published ones open. */
export function AppPage(props: { app: string; locale: Locale; t: Messages }) {
  const { app, locale, t } = props;
  const [detail, retry] = useJson(appUrl(app), parseAppDetail);
  return (
    <main className="container page" aria-busy={detail.status === "loading"}>
      <nav className="crumbs">
        <a href={routeHash({ page: "apps" })}>{t.backToApps}</a>
      </nav>
      <div className="page__head">
        <div>
          <h1 className="page__title" data-testid="app-title">
            {detail.status === "ok" ? resolveLabel(detail.data.label, locale) || app : app}
          </h1>
          <p className="page__intro">{t.formsHeading}</p>
        </div>
      </div>
      {detail.status === "loading" && <Loading text={t.loadingForms} />}
      {detail.status === "error" && (
        <ErrorState problem={detail.problem} onRetry={retry} title={t.formsError} testId="error-state" t={t} />
      )}
      {detail.status === "ok" &&
        (detail.data.forms.length === 0 ? (
          <section className="panel panel--empty" data-testid="empty-state">
            <p className="panel__text">{t.noForms}</p>
          </section>
        ) : (
          <ul className="form-list" role="list" data-testid="form-list">
            {detail.data.forms.map((form) => (
              <li key={form.key}>
                <FormLink app={app} form={form} locale={locale} t={t} />
              </li>
            ))}
          </ul>
        ))}
    </main>
  );
}

function FormLink(props: { app: string; form: FormSummary; locale: Locale; t: Messages }) {
  const { form, t } = props;
  if (form.published_version === null) {
    return (
      <div className="form-link form-link--disabled" data-testid="form-link" data-form-key={form.key} aria-disabled="true">
        <span className="form-link__title">{form.key}</span>
        <span className="chip chip--muted">{t.notPublishedForm}</span>
      </div>
    );
  }
  return <PublishedFormLink {...props} version={form.published_version} />;
}

function PublishedFormLink(props: { app: string; form: FormSummary; version: number; locale: Locale; t: Messages }) {
  const { app, form, version, locale, t } = props;
  const [definition] = useJson(definitionUrl(app, form.key, version), parseFormDefinition);
  const label = definition.status === "ok" ? resolveLabel(definition.data.label, locale) || form.key : form.key;
  return (
    <a
      className="form-link"
      href={routeHash({ page: "records", app, form: form.key })}
      data-testid="form-link"
      data-form-key={form.key}
    >
      <span className="form-link__title">{label}</span>
      <code className="code code--sm">{form.key}</code>
      <span className="chip chip--accent">{t.publishedVersion(version)}</span>
    </a>
  );
}
