import { useState } from "react";
import { ErrorState } from "./ErrorState.tsx";
import type { Locale, Messages } from "./i18n.ts";
import { resolveLabel } from "./labels.ts";
import { Loading } from "./Loading.tsx";
import { appUrl, parseAppDetail, parseRecordPage, recordsUrl, type FormSummary } from "./recordsApi.ts";
import { routeHash } from "./route.ts";
import { AppLayout } from "./shell/AppLayout.tsx";
import { PencilIcon, PlusIcon } from "./shell/icons.tsx";
import { formStatus, publishedForms } from "./shell/formStatus.ts";
import { shellMessages } from "./shell/messages.ts";
import { NewFormDialog } from "./shell/NewFormDialog.tsx";
import { loadTab, saveTab, type AppTab } from "./shell/places.ts";
import { useIsAdmin } from "./shell/useIsAdmin.ts";
import { useJson } from "./useJson.ts";

/** One app: its navigation, then the Forms tab (every form, to design) or the Data tab (published forms' records). */
export function AppPage(props: { app: string; locale: Locale; t: Messages }) {
  const { app, locale, t } = props;
  const s = shellMessages[locale];
  const [detail, retry] = useJson(appUrl(app), parseAppDetail);
  const isAdmin = useIsAdmin();
  const [tab, setTab] = useState<AppTab>(() => loadTab(app));
  const [creating, setCreating] = useState(false);

  const selectTab = (next: AppTab) => {
    saveTab(app, next);
    setTab(next);
  };
  const label = detail.status === "ok" ? resolveLabel(detail.data.label, locale) || app : null;

  return (
    <AppLayout
      app={app}
      label={label}
      place={tab}
      onSelectTab={selectTab}
      busy={detail.status === "loading"}
      locale={locale}
      t={t}
    >
      <div className="shell-section-head">
        <div>
          <h2 className="shell-section-head__title" data-testid="tab-title">
            {s.places[tab]}
          </h2>
          <p className="shell-section-head__intro">{tab === "forms" ? s.formsIntro : s.dataIntro}</p>
        </div>
        {tab === "forms" && isAdmin && detail.status === "ok" && detail.data.forms.length > 0 && (
          <button
            type="button"
            className="btn btn--primary"
            data-testid="new-form"
            onClick={() => {
              setCreating(true);
            }}
          >
            <PlusIcon />
            {s.newForm}
          </button>
        )}
      </div>
      {detail.status === "loading" && <Loading text={t.loadingForms} />}
      {detail.status === "error" && (
        <ErrorState problem={detail.problem} onRetry={retry} title={t.formsError} testId="error-state" t={t} />
      )}
      {detail.status === "ok" &&
        (tab === "forms" ? (
          <FormsTab
            app={app}
            forms={detail.data.forms}
            isAdmin={isAdmin}
            onNewForm={() => {
              setCreating(true);
            }}
            locale={locale}
            t={t}
          />
        ) : (
          <DataTab
            app={app}
            forms={detail.data.forms}
            isAdmin={isAdmin}
            onForms={() => {
              selectTab("forms");
            }}
            locale={locale}
            t={t}
          />
        ))}
      {creating && detail.status === "ok" && (
        <NewFormDialog
          app={app}
          takenKeys={detail.data.forms.map((form) => form.key)}
          locale={locale}
          onClose={() => {
            setCreating(false);
          }}
        />
      )}
    </AppLayout>
  );
}

function FormsTab(props: {
  app: string;
  forms: FormSummary[];
  isAdmin: boolean;
  onNewForm: () => void;
  locale: Locale;
  t: Messages;
}) {
  const { app, forms, isAdmin, locale, t } = props;
  const s = shellMessages[locale];
  if (forms.length === 0) {
    return (
      <section className="panel panel--empty" data-testid="empty-state">
        <p className="panel__text">{isAdmin ? s.noFormsAdmin : s.noFormsMember}</p>
        {isAdmin && (
          <button type="button" className="btn btn--primary" data-testid="empty-new-form" onClick={props.onNewForm}>
            <PlusIcon />
            {s.newForm}
          </button>
        )}
      </section>
    );
  }
  return (
    <ul className="shell-forms" role="list" data-testid="form-list">
      {forms.map((form) => {
        const status = formStatus(form);
        const published = status.kind === "published";
        return (
          <li key={form.key} className="shell-form" data-testid="form-row" data-form-key={form.key}>
            {published ? (
              <a
                className="shell-form__main"
                href={routeHash({ page: "records", app, form: form.key })}
                data-testid="form-link"
                data-form-key={form.key}
              >
                <FormName form={form} locale={locale} />
              </a>
            ) : (
              <div className="shell-form__main" data-testid="form-link" data-form-key={form.key} aria-disabled="true">
                <FormName form={form} locale={locale} />
              </div>
            )}
            <span className="shell-form__chips">
              {status.kind === "published" ? (
                <>
                  <span className="chip chip--accent">{t.publishedVersion(status.version)}</span>
                  {status.draft !== null && (
                    <span className="chip shell-chip--warning" data-testid="form-draft">
                      {s.draftChip(status.draft)}
                    </span>
                  )}
                </>
              ) : (
                <span className="chip chip--muted" data-testid="form-draft">
                  {status.version === null ? t.notPublishedForm : s.neverPublished}
                </span>
              )}
            </span>
            {isAdmin && (
              <a
                className="btn btn--ghost btn--sm shell-form__action"
                href={routeHash({ page: "design", app, form: form.key })}
                data-testid="design-form"
                data-form-key={form.key}
              >
                <PencilIcon />
                {s.design}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function DataTab(props: {
  app: string;
  forms: FormSummary[];
  isAdmin: boolean;
  onForms: () => void;
  locale: Locale;
  t: Messages;
}) {
  const { app, isAdmin, locale, t } = props;
  const s = shellMessages[locale];
  const forms = publishedForms(props.forms);
  if (forms.length === 0) {
    return (
      <section className="panel panel--empty" data-testid="empty-state">
        <h3 className="panel__title">{s.noDataTitle}</h3>
        <p className="panel__text">{isAdmin ? s.noDataAdmin : s.noDataMember}</p>
        {isAdmin && props.forms.length > 0 && (
          <button type="button" className="btn btn--secondary" onClick={props.onForms}>
            {s.openForms}
          </button>
        )}
      </section>
    );
  }
  return (
    <ul className="shell-forms" role="list" data-testid="data-list">
      {forms.map((form) => (
        <li key={form.key} className="shell-form" data-testid="data-row" data-form-key={form.key}>
          <a
            className="shell-form__main"
            href={routeHash({ page: "records", app, form: form.key })}
            data-testid="data-form-link"
            data-form-key={form.key}
          >
            <FormName form={form} locale={locale} />
          </a>
          <RecordCount app={app} form={form.key} locale={locale} />
          <a
            className="btn btn--primary btn--sm shell-form__action"
            href={routeHash({ page: "new", app, form: form.key })}
            data-testid="data-new-record"
            data-form-key={form.key}
          >
            <PlusIcon />
            {t.newRecord}
          </a>
        </li>
      ))}
    </ul>
  );
}

function FormName(props: { form: FormSummary; locale: Locale }) {
  const { form, locale } = props;
  return (
    <>
      <span className="shell-form__title">{resolveLabel(form.label, locale) || form.key}</span>
      <code className="code code--sm shell-form__key">{form.key}</code>
    </>
  );
}

function RecordCount(props: { app: string; form: string; locale: Locale }) {
  const [page] = useJson(`${recordsUrl(props.app, props.form)}?limit=1`, parseRecordPage);
  const total = page.status === "ok" ? page.data.total : null;
  if (total === null) return <span className="shell-form__chips" />;
  return (
    <span className="shell-form__chips">
      <span className="chip chip--muted" data-testid="record-count">
        {shellMessages[props.locale].records(total)}
      </span>
    </span>
  );
}
