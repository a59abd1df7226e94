/** Where each form of an app stands (published, with a newer draft, draft only). */
import type { FormSummary } from "../recordsApi.ts";

export type FormStatus =
  /** Published; `draft` is the newer saved version not yet published, if any. */
  | { kind: "published"; version: number; draft: number | null }
  /** Saved but never published: operators cannot use it yet. */
  | { kind: "draft"; version: number | null };

export function formStatus(form: FormSummary): FormStatus {
  const { published_version: published, latest_version: latest } = form;
  if (published === null) return { kind: "draft", version: latest };
  return { kind: "published", version: published, draft: latest !== null && latest > published ? latest : null };
}

/** Forms operators can fill, in the order given. */
export function publishedForms(forms: readonly FormSummary[]): (FormSummary & { published_version: number })[] {
  return forms.filter((form): form is FormSummary & { published_version: number } => form.published_version !== null);
}
