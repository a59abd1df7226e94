import type { AppSection } from "../route.ts";
import type { Locale, Messages } from "../i18n.ts";

/** An app section whose designer is not built yet (flows, rules, reports, …). */
export function SectionPage(props: { app: string; section: AppSection; locale: Locale; t: Messages }) {
  return (
    <main className="container page" data-testid="section-page">
      <h1 className="page__title">{props.section}</h1>
    </main>
  );
}
