import { useLayoutEffect, useState } from "react";
import { API_BASE, parseAppList } from "./api.ts";
import { AppCard } from "./AppCard.tsx";
import type { ViewSnapshot } from "./authState.ts";
import { ErrorState } from "./ErrorState.tsx";
import { IMPORT_COMMAND, type Locale, type Messages } from "./i18n.ts";
import { routeHash } from "./route.ts";
import type { ImportResult } from "./shell/bundle.ts";
import { CreateAppDialog } from "./shell/CreateAppDialog.tsx";
import { PlusIcon, UploadIcon } from "./shell/icons.tsx";
import { ImportDialog } from "./shell/ImportDialog.tsx";
import { shellMessages } from "./shell/messages.ts";
import { useJson } from "./useJson.ts";
import "./shell/shell.css";

type Notice = { kind: "created"; key: string; name: string } | { kind: "imported"; result: ImportResult };

/**
 * The list of installed apps. `returnTo` is where the person was before their
 * session ran out: once the list is back, scroll there and call `onReturned`.
 */
export function AppsPage(props: {
  locale: Locale;
  t: Messages;
  /** Administrators create, import and export apps; others are not shown those buttons. */
  canExport: boolean;
  returnTo: ViewSnapshot | null;
  onReturned: () => void;
}) {
  const { locale, t, canExport, returnTo, onReturned } = props;
  const s = shellMessages[locale];
  const [apps, retryApps] = useJson(`${API_BASE}/apps`, parseAppList);
  const [dialog, setDialog] = useState<"create" | "import" | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const loaded = apps.status !== "loading";

  useLayoutEffect(() => {
    if (!loaded || returnTo === null) return;
    window.scrollTo(0, returnTo.scrollY);
    onReturned();
  }, [loaded, returnTo, onReturned]);

  const openCreate = () => {
    setDialog("create");
  };
  const openImport = () => {
    setDialog("import");
  };
  const closeDialog = () => {
    setDialog(null);
  };
  const highlighted =
    notice === null ? null : notice.kind === "created" ? notice.key : notice.result.app;

  return (
    <main className="container page" aria-busy={apps.status === "loading"}>
      <div className="page__head">
        <div>
          <h1 className="page__title">{t.appsHeading}</h1>
          <p className="page__intro">{t.appsIntro}</p>
        </div>
        <div className="shell-apps__side">
          {apps.status === "ok" && apps.data.items.length > 0 && (
            <span className="count">{t.appCount(apps.data.items.length)}</span>
          )}
          {canExport && (
            <div className="shell-apps__actions" role="group" aria-label={s.appActions}>
              <button type="button" className="btn btn--ghost" data-testid="import-app" onClick={openImport}>
                <UploadIcon />
                {s.importBundle}
              </button>
              <button
                type="button"
                className="btn btn--primary"
                data-testid="create-app"
                onClick={openCreate}
                disabled={apps.status !== "ok"}
              >
                <PlusIcon />
                {s.newApp}
              </button>
            </div>
          )}
        </div>
      </div>

      {notice !== null && (
        <div className="shell-notice" role="status" data-testid="apps-notice">
          <svg className="shell-notice__icon" viewBox="0 0 20 20" aria-hidden="true">
            <path d="m5 10.5 3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <p className="shell-notice__text">
            {notice.kind === "created" ? s.appCreated(notice.name) : s.importDone(notice.result)}
          </p>
          <a
            className="btn btn--secondary btn--sm"
            href={routeHash({ page: "app", app: highlighted ?? "" })}
            data-testid="notice-open"
          >
            {s.openNewApp}
          </a>
          <button
            type="button"
            className="shell-notice__dismiss"
            aria-label={s.dismiss}
            title={s.dismiss}
            onClick={() => {
              setNotice(null);
            }}
          >
            <svg viewBox="0 0 20 20" aria-hidden="true">
              <path d="m6 6 8 8M14 6l-8 8" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
          </button>
        </div>
      )}

      {apps.status === "loading" && <LoadingState t={t} />}
      {apps.status === "error" && (
        <ErrorState
          problem={apps.problem}
          onRetry={retryApps}
          title={t.errorTitle}
          testId="error-state"
          t={t}
        />
      )}
      {apps.status === "ok" &&
        (apps.data.items.length === 0 ? (
          <EmptyState locale={locale} t={t} isAdmin={canExport} onCreate={openCreate} onImport={openImport} />
        ) : (
          <ul className="card-grid" role="list">
            {apps.data.items.map((app) => (
              <li key={app.key}>
                <AppCard
                  app={app}
                  locale={locale}
                  t={t}
                  canExport={canExport}
                  highlighted={app.key === highlighted}
                />
              </li>
            ))}
          </ul>
        ))}

      {dialog === "create" && apps.status === "ok" && (
        <CreateAppDialog
          locale={locale}
          t={t}
          takenKeys={apps.data.items.map((app) => app.key)}
          onClose={closeDialog}
          onCreated={(key, name) => {
            setDialog(null);
            setNotice({ kind: "created", key, name });
            retryApps();
          }}
        />
      )}
      {dialog === "import" && (
        <ImportDialog
          locale={locale}
          t={t}
          onClose={closeDialog}
          onImported={(result) => {
            setDialog(null);
            setNotice({ kind: "imported", result });
            retryApps();
          }}
        />
      )}
    </main>
  );
}

function LoadingState({ t }: { t: Messages }) {
  return (
    <div className="loading" role="status" data-testid="loading-state">
      <span className="spinner" aria-hidden="true" />
      <span>{t.loadingApps}</span>
      <ul className="card-grid card-grid--skeleton" aria-hidden="true">
        {[0, 1, 2].map((n) => (
          <li key={n} className="card card--skeleton">
            <span className="skeleton skeleton--title" />
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--line skeleton--short" />
          </li>
        ))}
      </ul>
    </div>
  );
}

function EmptyState(props: {
  locale: Locale;
  t: Messages;
  isAdmin: boolean;
  onCreate: () => void;
  onImport: () => void;
}) {
  const { t, isAdmin } = props;
  const s = shellMessages[props.locale];
  return (
    <section className="panel panel--empty" data-testid="empty-state">
      <svg className="panel__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path
          d="M4 7.5 12 3l8 4.5v9L12 21l-8-4.5v-9Zm0 0 8 4.5m0 0 8-4.5M12 12v9"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
        />
      </svg>
      <h2 className="panel__title">{s.emptyTitle}</h2>
      <p className="panel__text">{isAdmin ? s.emptyAdmin : s.emptyMember}</p>
      {isAdmin && (
        <>
          <div className="shell-empty__actions">
            <button type="button" className="btn btn--primary" data-testid="empty-create-app" onClick={props.onCreate}>
              <PlusIcon />
              {s.newApp}
            </button>
            <button type="button" className="btn btn--ghost" data-testid="empty-import-app" onClick={props.onImport}>
              <UploadIcon />
              {s.importBundle}
            </button>
          </div>
          <p className="shell-empty__cli" data-testid="empty-cli">
            {t.emptyBefore}
            <code className="code code--sm">{IMPORT_COMMAND}</code>
            {t.emptyAfter}
          </p>
        </>
      )}
    </section>
  );
}
