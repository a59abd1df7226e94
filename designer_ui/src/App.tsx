import { useEffect, useState } from "react";
import { API_BASE, parseAppList, parseHealth } from "./api.ts";
import { AppCard } from "./AppCard.tsx";
import { HealthBadge } from "./HealthBadge.tsx";
import {
  IMPORT_COMMAND,
  initialLocale,
  isLocale,
  LOCALES,
  messages,
  saveLocale,
  type Locale,
  type Messages,
} from "./i18n.ts";
import type { Problem } from "./problem.ts";
import { useJson } from "./useJson.ts";

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const t = messages[locale];
  const [health] = useJson(`${API_BASE}/health`, parseHealth);
  const [apps, retryApps] = useJson(`${API_BASE}/apps`, parseAppList);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const changeLocale = (next: Locale) => {
    setLocale(next);
    saveLocale(next);
  };

  return (
    <div className="shell">
      <header className="topbar">
        <div className="container topbar__inner">
          <a className="brand" href="/">
            <span className="brand__mark" aria-hidden="true">
              T
            </span>
            <span className="brand__text">
              <span className="brand__name">Tracery</span>
              <span className="brand__tagline">{t.tagline}</span>
            </span>
          </a>
          <div className="topbar__status">
            <HealthBadge state={health} t={t} />
            <a className="btn btn--ghost btn--sm" href="/docs" data-testid="docs-link">
              {t.apiDocs}
            </a>
          </div>
          <LanguageSwitch locale={locale} onChange={changeLocale} t={t} />
        </div>
      </header>

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
          <ErrorState problem={apps.problem} onRetry={retryApps} t={t} />
        )}
        {apps.status === "ok" &&
          (apps.data.items.length === 0 ? (
            <EmptyState t={t} />
          ) : (
            <ul className="card-grid" role="list">
              {apps.data.items.map((app) => (
                <li key={app.key}>
                  <AppCard app={app} locale={locale} t={t} />
                </li>
              ))}
            </ul>
          ))}
      </main>

      <footer className="footer">
        <div className="container footer__inner">
          <span>{t.footer}</span>
          <a href="/docs">{t.apiDocs}</a>
        </div>
      </footer>
    </div>
  );
}

function LanguageSwitch(props: {
  locale: Locale;
  onChange: (locale: Locale) => void;
  t: Messages;
}) {
  return (
    <label className="select topbar__lang">
      <span className="visually-hidden">{props.t.languageLabel}</span>
      <select
        data-testid="lang-switch"
        value={props.locale}
        onChange={(event) => {
          const next = event.target.value;
          if (isLocale(next)) props.onChange(next);
        }}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {messages[code].languageName}
          </option>
        ))}
      </select>
    </label>
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

function ErrorState(props: { problem: Problem; onRetry: () => void; t: Messages }) {
  const { problem, t } = props;
  const friendly =
    problem.kind === "network"
      ? t.errorNetwork
      : problem.kind === "invalid"
        ? t.errorInvalid
        : t.errorHttp;
  // Browser network errors ("Failed to fetch") add nothing for a person:
  // only show what the server itself said.
  const showServerText = problem.kind !== "network";
  return (
    <section className="panel panel--error" role="alert" data-testid="error-state">
      <h2 className="panel__title">{t.errorTitle}</h2>
      <p className="panel__text">{friendly}</p>
      {showServerText && (problem.title !== "" || problem.detail !== "") && (
        <div className="problem">
          {problem.title !== "" && (
            <p className="problem__title" data-testid="error-title">
              {problem.title}
            </p>
          )}
          {problem.detail !== "" && (
            <p className="problem__detail" data-testid="error-detail">
              {problem.detail}
            </p>
          )}
        </div>
      )}
      <button type="button" className="btn btn--primary" onClick={props.onRetry}>
        {t.retry}
      </button>
    </section>
  );
}
