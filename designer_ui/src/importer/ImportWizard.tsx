import type { LoadedForm } from "../FormGate.tsx";
import type { Locale, Messages } from "../i18n.ts";

/** Upload → map columns → dry run → commit with progress. */
export function ImportWizard(props: { loaded: LoadedForm; locale: Locale; t: Messages }) {
  return (
    <main className="container page" data-testid="import-wizard">
      <h1 className="page__title">{props.loaded.label}</h1>
    </main>
  );
}
