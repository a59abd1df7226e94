import { ErrorState } from "../ErrorState.tsx";
import type { Locale, Messages } from "../i18n.ts";
import { resolveLabel } from "../labels.ts";
import { Loading } from "../Loading.tsx";
import { appUrl, parseAppDetail } from "../recordsApi.ts";
import { routeHash, type AppSection } from "../route.ts";
import { useJson } from "../useJson.ts";
import { AppLayout, PlaceIcon } from "./AppLayout.tsx";
import { shellMessages } from "./messages.ts";
import { saveTab } from "./places.ts";

/**
 * An app section whose designer is not built yet (flows, rules, reports,
 * dashboards, print templates): the app's navigation, and an honest empty
 * state saying what the section will hold — no controls that do nothing.
 */
export function SectionPage(props: { app: string; section: AppSection; locale: Locale; t: Messages }) {
  const { app, section, locale, t } = props;
  const s = shellMessages[locale];
  const [detail, retry] = useJson(appUrl(app), parseAppDetail);
  const label = detail.status === "ok" ? resolveLabel(detail.data.label, locale) || app : null;
  const name = s.places[section];

  return (
    <AppLayout
      app={app}
      label={label}
      place={section}
      busy={detail.status === "loading"}
      locale={locale}
      t={t}
    >
      {detail.status === "loading" && <Loading text={s.loadingApp} />}
      {detail.status === "error" && (
        <ErrorState problem={detail.problem} onRetry={retry} title={t.formsError} testId="error-state" t={t} />
      )}
      {detail.status === "ok" && (
        <section className="panel panel--empty shell-soon" data-testid="section-page" data-section={section}>
          <PlaceIcon place={section} className="panel__icon" />
          <h2 className="panel__title shell-soon__title" data-testid="section-title">
            {name}
          </h2>
          <span className="chip chip--muted shell-soon__chip" data-testid="section-soon">
            {s.comingLater}
          </span>
          <p className="panel__text" data-testid="section-intro">
            {s.sectionIntro[section]}
          </p>
          <div className="shell-soon__examples">
            <p className="shell-soon__examples-title">{s.forExample}</p>
            <ul>
              {s.sectionExamples[section].map((example) => (
                <li key={example}>{example}</li>
              ))}
            </ul>
          </div>
          <p className="panel__text shell-soon__meanwhile">{s.meanwhile}</p>
          <a
            className="btn btn--secondary"
            href={routeHash({ page: "app", app })}
            data-testid="section-go-data"
            onClick={() => {
              saveTab(app, "data");
            }}
          >
            {s.goToData}
          </a>
        </section>
      )}
    </AppLayout>
  );
}
