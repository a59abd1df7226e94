import { lazy, Suspense, useEffect, useState } from "react";
import { API_BASE, parseHealth } from "./api.ts";
import { AppPage } from "./AppPage.tsx";
import { AppsPage } from "./AppsPage.tsx";
import { FormGate } from "./FormGate.tsx";
import { ImportWizard } from "./importer/ImportWizard.tsx";
import { NewRecordPage, RecordDetailPage } from "./RecordFormPage.tsx";
import { RecordListPage } from "./RecordListPage.tsx";
import { parseRoute, type Route } from "./route.ts";
import { ErrorState } from "./ErrorState.tsx";
import { HealthBadge } from "./HealthBadge.tsx";
import { Loading } from "./Loading.tsx";
import {
  initialLocale,
  isLocale,
  LOCALES,
  messages,
  saveLocale,
  type Locale,
  type Messages,
} from "./i18n.ts";
import type { Session, User } from "./session.ts";
import { SectionPage } from "./shell/SectionPage.tsx";
import { SignInScreen } from "./SignInScreen.tsx";
import { useAuth } from "./useAuth.ts";
import { useJson } from "./useJson.ts";

// The designer is for administrators only: operators' phones never download it.
const DesignerPage = lazy(async () => ({
  default: (await import("./designer/DesignerPage.tsx")).DesignerPage,
}));

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const t = messages[locale];
  // Public: checked whatever the session state, and never sends anyone to sign in.
  const [health] = useJson(`${API_BASE}/health`, parseHealth);
  const auth = useAuth();
  const { state } = auth;
  const [signingOut, setSigningOut] = useState(false);
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));

  useEffect(() => {
    const onHashChange = () => {
      setRoute(parseRoute(window.location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener("hashchange", onHashChange);
    return () => {
      window.removeEventListener("hashchange", onHashChange);
    };
  }, []);
  // Tied to the session it happened in, so it never outlives that session.
  const [signOutFailedIn, setSignOutFailedIn] = useState<Session | null>(null);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const changeLocale = (next: Locale) => {
    setLocale(next);
    saveLocale(next);
  };

  const session = state.status === "signed-in" ? state.session : null;
  const user = session?.user ?? null;

  const signOut = async () => {
    if (session === null) return;
    setSigningOut(true);
    setSignOutFailedIn(null);
    try {
      await auth.signOut();
    } catch {
      // Still signed in (server down, refused, …): say so rather than pretend.
      setSignOutFailedIn(session);
    } finally {
      setSigningOut(false);
    }
  };

  return (
    <div className="shell">
      <header className="topbar">
        <div className={user === null ? "container topbar__inner" : "container topbar__inner topbar__inner--user"}>
          <a className="brand" href="#/">
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
          {user !== null && (
            <UserMenu
              user={user}
              busy={signingOut}
              onSignOut={() => {
                void signOut();
              }}
              t={t}
            />
          )}
          <LanguageSwitch locale={locale} onChange={changeLocale} t={t} />
        </div>
      </header>

      {session !== null && signOutFailedIn === session && (
        <div className="container">
          <p className="banner banner--error" role="alert" data-testid="signout-error">
            {t.signOutFailed}
          </p>
        </div>
      )}

      {state.status === "checking" && (
        <main className="container page page--center" aria-busy="true">
          <div className="loading" role="status" data-testid="session-loading">
            <span className="spinner" aria-hidden="true" />
            <span>{t.checkingSession}</span>
          </div>
        </main>
      )}
      {state.status === "error" && (
        <main className="container page">
          <ErrorState
            problem={state.problem}
            onRetry={auth.recheck}
            title={t.sessionErrorTitle}
            testId="session-error"
            t={t}
          />
        </main>
      )}
      {state.status === "signed-out" && (
        <SignInScreen reason={state.reason} onSignIn={auth.signIn} t={t} />
      )}
      {state.status === "signed-in" && route.page !== "apps" && (
        <RoutePage key={JSON.stringify(route)} route={route} locale={locale} t={t} />
      )}
      {state.status === "signed-in" && route.page === "apps" && (
        <AppsPage
          locale={locale}
          t={t}
          canExport={state.session.user.is_admin}
          returnTo={state.returnTo}
          onReturned={auth.returned}
        />
      )}

      <footer className="footer">
        <div className="container footer__inner">
          <span>{t.footer}</span>
          <a href="/docs">{t.apiDocs}</a>
        </div>
      </footer>
    </div>
  );
}

function RoutePage(props: { route: Exclude<Route, { page: "apps" }>; locale: Locale; t: Messages }) {
  const { route, locale, t } = props;
  if (route.page === "app") return <AppPage app={route.app} locale={locale} t={t} />;
  if (route.page === "section") {
    return <SectionPage app={route.app} section={route.section} locale={locale} t={t} />;
  }
  // The designer opens drafts and new forms too: no published definition needed.
  if (route.page === "design") {
    return (
      <Suspense
        fallback={
          <main className="container page">
            <Loading text={t.loadingForms} />
          </main>
        }
      >
        <DesignerPage app={route.app} form={route.form} locale={locale} t={t} />
      </Suspense>
    );
  }
  return (
    <FormGate app={route.app} form={route.form} locale={locale} t={t}>
      {(loaded) =>
        route.page === "records" ? (
          <RecordListPage loaded={loaded} locale={locale} t={t} />
        ) : route.page === "new" ? (
          <NewRecordPage loaded={loaded} locale={locale} t={t} />
        ) : route.page === "import" ? (
          <ImportWizard loaded={loaded} locale={locale} t={t} />
        ) : (
          <RecordDetailPage loaded={loaded} id={route.id} locale={locale} t={t} />
        )
      }
    </FormGate>
  );
}

function UserMenu(props: { user: User; busy: boolean; onSignOut: () => void; t: Messages }) {
  const { user, busy, t } = props;
  return (
    <div className="topbar__user">
      <span className="user" title={`${user.display_name} (${user.login})`}>
        <span className="user__avatar" aria-hidden="true">
          {initial(user.display_name)}
        </span>
        <span className="visually-hidden">{t.signedInAs} </span>
        <span className="user__name" data-testid="user-name">
          {user.display_name}
        </span>
      </span>
      <button
        type="button"
        className="btn btn--ghost btn--sm"
        data-testid="signout"
        disabled={busy}
        aria-busy={busy}
        onClick={props.onSignOut}
      >
        {busy ? t.signingOut : t.signOut}
      </button>
    </div>
  );
}

/** First character (not UTF-16 unit) of a name, for the avatar. */
function initial(name: string): string {
  const [first = "?"] = Array.from(name.trim());
  return first.toUpperCase();
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
