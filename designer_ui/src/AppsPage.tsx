import { useLayoutEffect } from "react";
import { API_BASE, parseAppList } from "./api.ts";
import { AppCard } from "./AppCard.tsx";
import type { ViewSnapshot } from "./authState.ts";
import { ErrorState } from "./ErrorState.tsx";
import { IMPORT_COMMAND, type Locale, type Messages } from "./i18n.ts";
import { useJson } from "./useJson.ts";

/**
 * The list of installed apps. `returnTo` is where the person was before their
 * session ran out: once the list is back, scroll there and call `onReturned`.
 */
export function AppsPage(props: {
  locale: Locale;
  t: Messages;
  /** Bundle export is for administrators; others are not shown the button. */
  canExport: boolean;
  returnTo: ViewSnapshot | null;
  onReturned: () => void;
}) {
  const { locale, t, canExport, returnTo, onReturned } = props;
  const [apps, retryApps] = useJson(`${API_BASE}/apps`, parseAppList);
  const loaded = apps.status !== "loading";

  useLayoutEffect(() => {
    if (!loaded || returnTo === null) return;
    window.scrollTo(0, returnTo.scrollY);
    onReturned();
  }, [loaded, returnTo, onReturned]);

  return (
    <main className="container page" aria-busy={apps.status === "loading"}>
      <div className="page__head">
        <div>
          <h1 className="page__title">{t.appsHeading}</h1>
          <p className="page__intro">{t.appsIntro}</p>
        </div>
        {apps.status === "ok" && apps.data.items.length > 0 && (
          <span className="count">{t.appCount(apps.data.items.length)}</span>
        )}
      </div>

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
          <EmptyState t={t} />
        ) : (
          <ul className="card-grid" role="list">
            {apps.data.items.map((app) => (
              <li key={app.key}>
                <AppCard app={app} locale={locale} t={t} canExport={canExport} />
              </li>
            ))}
          </ul>
        ))}
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

function EmptyState({ t }: { t: Messages }) {
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
      <p className="panel__text">
        {t.emptyBefore}
        <code className="code">{IMPORT_COMMAND}</code>
        {t.emptyAfter}
      </p>
    </section>
  );
}
