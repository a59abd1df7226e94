import type { Locale, Messages } from "../i18n.ts";

/** The form designer for one form of an app (a new form when the key has no definition yet). */
export function DesignerPage(props: { app: string; form: string; locale: Locale; t: Messages }) {
  return (
    <main className="container page" data-testid="designer">
      <h1 className="page__title">{props.form}</h1>
    </main>
  );
}
