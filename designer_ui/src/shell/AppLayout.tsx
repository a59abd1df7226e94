import { useEffect, useRef, type ReactNode } from "react";
import type { Locale, Messages } from "../i18n.ts";
import { StrokeIcon } from "../icons.tsx";
import { routeHash } from "../route.ts";
import { shellMessages } from "./messages.ts";
import { APP_PLACES, isAppTab, isComingLater, placeHref, saveTab, type AppPlace, type AppTab } from "./places.ts";
import "./shell.css";

/**
 * The frame of every page of an app: breadcrumbs, the app's name, and its
 * navigation — a rail on the left on wide screens, a scrolling tab bar on
 * phones. `onSelectTab` is given on the app page, where Forms and Data switch
 * in place; elsewhere those two links open the app page on that tab.
 */
export function AppLayout(props: {
  app: string;
  /** The app's name once loaded (`null` shows the key). */
  label: string | null;
  place: AppPlace;
  onSelectTab?: (tab: AppTab) => void;
  busy: boolean;
  locale: Locale;
  t: Messages;
  children: ReactNode;
}) {
  const { app, label, place, onSelectTab, locale, t } = props;
  const s = shellMessages[locale];
  const current = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    // On phones the tab bar scrolls sideways: keep the current place in view.
    const link = current.current;
    const bar = link?.closest("ul");
    if (link == null || bar == null || bar.scrollWidth <= bar.clientWidth) return;
    bar.scrollLeft = link.offsetLeft - (bar.clientWidth - link.offsetWidth) / 2;
  }, [place]);

  return (
    <main className="container page shell-app" aria-busy={props.busy} data-testid="app-shell" data-place={place}>
      <nav className="crumbs" aria-label={t.backToApps}>
        <a href={routeHash({ page: "apps" })} data-testid="crumb-apps">
          {t.backToApps}
        </a>
        <span aria-hidden="true">/</span>
        <span className="shell-app__crumb">{label ?? app}</span>
      </nav>
      <header className="shell-app__head">
        <span className="shell-app__mark" aria-hidden="true">
          {initial(label ?? app)}
        </span>
        <div className="shell-app__names">
          <h1 className="page__title shell-app__title" data-testid="app-title">
            {label ?? app}
          </h1>
          <code className="code code--sm">{app}</code>
        </div>
      </header>
      <div className="shell-app__body">
        <nav className="shell-nav" aria-label={s.appNavLabel} data-testid="app-nav">
          <ul className="shell-nav__list" role="list">
            {APP_PLACES.map((item) => {
              const active = item === place;
              return (
                <li key={item} className="shell-nav__entry">
                  <a
                    ref={active ? current : undefined}
                    className={active ? "shell-nav__item shell-nav__item--active" : "shell-nav__item"}
                    href={placeHref(app, item)}
                    aria-current={active ? "page" : undefined}
                    data-testid="app-nav-item"
                    data-place={item}
                    onClick={(event) => {
                      if (!isAppTab(item)) return;
                      saveTab(app, item);
                      if (onSelectTab !== undefined) {
                        event.preventDefault();
                        onSelectTab(item);
                      }
                    }}
                  >
                    <PlaceIcon place={item} />
                    <span className="shell-nav__label">{s.places[item]}</span>
                    {isComingLater(item) && <span className="shell-nav__soon">{s.soon}</span>}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="shell-app__content">{props.children}</div>
      </div>
    </main>
  );
}

function initial(name: string): string {
  const [first = "?"] = Array.from(name.trim());
  return first.toUpperCase();
}

const ICONS: Readonly<Record<AppPlace, string>> = {
  forms: "M7 3h7l4 4v13a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Zm7 0v4h4M9 12h6M9 16h6",
  data: "M4 5h16v14H4V5Zm0 5h16M4 15h16M10 5v14",
  flows: "M6 4a2 2 0 1 0 0 4 2 2 0 0 0 0-4Zm12 12a2 2 0 1 0 0 4 2 2 0 0 0 0-4ZM6 8v3a3 3 0 0 0 3 3h6a3 3 0 0 1 3 3",
  rules: "M5 7h8M5 12h14M5 17h8M16 5l2 2 3-3M16 15l2 2 3-3",
  reports: "M5 20V10m5 10V4m5 16v-7m5 7V8",
  dashboards: "M4 4h7v9H4V4Zm9 0h7v5h-7V4Zm0 7h7v9h-7v-9ZM4 15h7v5H4v-5Z",
  print: "M7 9V3h10v6M7 17H5a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-2M7 14h10v7H7v-7Z",
};

/** The icon of a place; also used, larger, on a section's empty state. */
export function PlaceIcon(props: { place: AppPlace; className?: string }) {
  return (
    <StrokeIcon d={ICONS[props.place]} box={24} className={props.className ?? "shell-nav__icon"} />
  );
}
