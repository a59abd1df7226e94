import { useEffect, useState } from "react";
import { ApiError, isAbortError, toProblem } from "../api.ts";
import { ErrorState } from "../ErrorState.tsx";
import type { Locale, Messages } from "../i18n.ts";
import { Loading } from "../Loading.tsx";
import type { Problem } from "../problem.ts";
import { routeHash } from "../route.ts";
import { Designer, type Notice } from "./Designer.tsx";
import { loadAppLabel, loadForm, type LoadedVersion } from "./designerApi.ts";
import { KEY_PATTERN } from "./fieldTypes.ts";
import { designerMessages } from "./messages.ts";
import type { LabelDoc } from "./model.ts";

type PageState =
  | { status: "loading" }
  | { status: "error"; problem: Problem }
  | { status: "ok"; appLabel: LabelDoc; loaded: LoadedVersion | null };

function isValidFormKey(key: string): boolean {
  return KEY_PATTERN.test(key) && key.length <= 40;
}

/** The form designer for one form of an app (a new form when the key has no definition yet). */
export function DesignerPage(props: { app: string; form: string; locale: Locale; t: Messages }) {
  const { app, form, locale, t } = props;
  const m = designerMessages[locale];
  const [state, setState] = useState<PageState>({ status: "loading" });
  const [load, setLoad] = useState<{ attempt: number; notice: Notice | null }>({ attempt: 0, notice: null });

  useEffect(() => {
    if (!isValidFormKey(form)) return;
    const controller = new AbortController();
    const { signal } = controller;
    const run = async () => {
      try {
        const [appLabel, loaded] = await Promise.all([
          loadAppLabel(app, signal),
          loadForm(app, form, signal).catch((error: unknown) => {
            // No such form yet: the designer starts a new one.
            if (error instanceof ApiError && error.problem.status === 404) return null;
            throw error;
          }),
        ]);
        if (!signal.aborted) setState({ status: "ok", appLabel, loaded });
      } catch (error) {
        if (signal.aborted || isAbortError(error)) return;
        const problem = await toProblem(error);
        setState({ status: "error", problem });
      }
    };
    void run();
    return () => {
      controller.abort();
    };
  }, [app, form, load.attempt]);

  const reload = (notice: Notice | null) => {
    setState({ status: "loading" });
    setLoad((current) => ({ attempt: current.attempt + 1, notice }));
  };

  if (!isValidFormKey(form)) {
    return (
      <main className="container page" data-testid="designer">
        <nav className="crumbs">
          <a href={routeHash({ page: "app", app })}>← {m.backToApp}</a>
        </nav>
        <section className="panel panel--error" role="alert" data-testid="designer-error">
          <h2 className="panel__title">{m.loadErrorTitle}</h2>
          <p className="panel__text">{m.invalidKey(form)}</p>
        </section>
      </main>
    );
  }
  if (state.status === "loading") {
    return (
      <main className="container page" data-testid="designer" aria-busy="true">
        <Loading text={m.loading} />
      </main>
    );
  }
  if (state.status === "error") {
    return (
      <main className="container page" data-testid="designer">
        <nav className="crumbs">
          <a href={routeHash({ page: "app", app })}>← {m.backToApp}</a>
        </nav>
        <ErrorState
          problem={state.problem}
          onRetry={() => {
            reload(null);
          }}
          title={m.loadErrorTitle}
          testId="designer-error"
          t={t}
        />
      </main>
    );
  }
  return (
    <Designer
      key={load.attempt}
      app={app}
      form={form}
      appLabel={state.appLabel}
      initial={state.loaded}
      notice={load.notice}
      locale={locale}
      t={t}
      onReload={reload}
    />
  );
}
