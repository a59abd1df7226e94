import { useId } from "react";
import { exportUrl, type AppSummary } from "./api.ts";
import { formatDateTime, type Locale, type Messages } from "./i18n.ts";
import { resolveLabel } from "./labels.ts";
import { navigate, routeHash } from "./route.ts";
import { DownloadIcon } from "./shell/icons.tsx";

export function AppCard(props: {
  app: AppSummary;
  locale: Locale;
  t: Messages;
  canExport: boolean;
  /** Just created or imported: drawn out so the person finds it. */
  highlighted?: boolean;
}) {
  const { app, locale, t } = props;
  const label = resolveLabel(app.label, locale) || app.key;
  const description = resolveLabel(app.description, locale);
  const updated = formatDateTime(app.updated_at, locale);
  const titleId = useId();

  return (
    <article
      className={props.highlighted === true ? "card card--link shell-card--new" : "card card--link"}
      data-testid="app-card"
      data-app-key={app.key}
      aria-labelledby={titleId}
      onClick={(event) => {
        // The export link and other controls keep their own behaviour.
        if (event.target instanceof Element && event.target.closest("a, button") !== null) return;
        navigate({ page: "app", app: app.key });
      }}
    >
      <div className="card__head">
        <h2 className="card__title" id={titleId}>
          <a className="card__link" href={routeHash({ page: "app", app: app.key })} data-testid="open-app">
            {label}
          </a>
        </h2>
        {app.published_version === null ? (
          <span className="chip chip--muted">{t.unpublished}</span>
        ) : (
          <span className="chip chip--accent">{t.publishedVersion(app.published_version)}</span>
        )}
      </div>
      <p className="card__key">
        <span className="visually-hidden">{t.appKey}: </span>
        <code className="code code--sm" data-testid="app-key">
          {app.key}
        </code>
      </p>
      <p className={description === "" ? "card__desc card__desc--empty" : "card__desc"}>
        {description === "" ? t.noDescription : description}
      </p>
      <div className="card__foot">
        {updated !== "" && (
          <time className="card__meta" dateTime={app.updated_at ?? undefined}>
            {t.updatedAt(updated)}
          </time>
        )}
        {props.canExport && (
          <a className="btn btn--secondary btn--sm" href={exportUrl(app.key)} download data-testid="export-link">
            <DownloadIcon />
            {t.exportBundle}
          </a>
        )}
      </div>
    </article>
  );
}
