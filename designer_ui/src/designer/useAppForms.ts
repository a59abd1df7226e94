/** The app's forms with their latest definitions, for relation, lookup and rollup pickers. */
import { useEffect, useState } from "react";
import { listForms, loadForm } from "./designerApi.ts";
import type { FieldDoc, LabelDoc } from "./model.ts";

export interface AppForm {
  key: string;
  label: LabelDoc;
  fields: readonly FieldDoc[];
  titleField: string | null;
}

export type AppFormsState = { status: "loading" } | { status: "ok"; forms: readonly AppForm[] } | { status: "error" };

const cache = new Map<string, Promise<AppForm[]>>();

async function fetchAppForms(app: string): Promise<AppForm[]> {
  const summaries = await listForms(app);
  return Promise.all(
    summaries.slice(0, 100).map(async (summary) => {
      try {
        const loaded = await loadForm(app, summary.key);
        return {
          key: summary.key,
          label: loaded.document.label,
          fields: loaded.document.fields,
          titleField: loaded.document.title_field ?? null,
        };
      } catch {
        return { key: summary.key, label: summary.key, fields: [], titleField: null };
      }
    }),
  );
}

export function loadAppForms(app: string): Promise<AppForm[]> {
  let pending = cache.get(app);
  if (pending === undefined) {
    pending = fetchAppForms(app);
    cache.set(app, pending);
    pending.catch(() => cache.delete(app));
  }
  return pending;
}

/** Forget what was loaded (after saving or publishing, the list may differ). */
export function forgetAppForms(app: string): void {
  cache.delete(app);
}

/** Load the app's forms once `enabled` (the first picker that needs them is shown). */
export function useAppForms(app: string, enabled: boolean): AppFormsState {
  const [state, setState] = useState<{ app: string; value: AppFormsState } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    loadAppForms(app).then(
      (forms) => {
        if (live) setState({ app, value: { status: "ok", forms } });
      },
      () => {
        if (live) setState({ app, value: { status: "error" } });
      },
    );
    return () => {
      live = false;
    };
  }, [app, enabled]);
  return state !== null && state.app === app ? state.value : { status: "loading" };
}
