import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { getJson, isAbortError, toProblem } from "../api.ts";
import type { Problem } from "../problem.ts";
import { pageUrl, parseListPage, type ListQuery, type ListRecord } from "./query.ts";

/** True while the media query matches (re-renders when it changes). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (notify: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", notify);
      return () => {
        list.removeEventListener("change", notify);
      };
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}

interface Loaded {
  key: string;
  items: ListRecord[];
  total: number | null;
  next: string | null;
}

export interface RecordPages {
  status: "loading" | "ok" | "error";
  problem: Problem | null;
  items: ListRecord[];
  total: number | null;
  next: string | null;
  /** Showing the rows of an earlier query while the new one loads. */
  updating: boolean;
  loadMore: () => void;
  moreBusy: boolean;
  moreProblem: Problem | null;
  /** Start again from the first page (after a change). */
  reload: () => void;
}

/**
 * The list's rows: the first page for `query` (with the total), then more
 * pages after the keyset cursor on demand. A new query keeps the old rows on
 * screen until its first page arrives.
 */
export function useRecordPages(app: string, form: string, query: ListQuery): RecordPages {
  const url = pageUrl(app, form, query);
  const [attempt, setAttempt] = useState(0);
  const key = `${attempt}:${url}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<{ key: string; problem: Problem } | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreProblem, setMoreProblem] = useState<{ key: string; problem: Problem } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const cancelled = () => controller.signal.aborted;
    getJson(url, parseListPage, controller.signal).then(
      (page) => {
        if (cancelled()) return;
        setLoaded({ key, items: page.items, total: page.total, next: page.next_cursor });
        setFailed(null);
      },
      async (error: unknown) => {
        if (cancelled() || isAbortError(error)) return;
        const problem = await toProblem(error);
        if (!cancelled()) setFailed({ key, problem });
      },
    );
    return () => {
      controller.abort();
    };
  }, [url, key]);

  const current = loaded?.key === key ? loaded : null;

  const loadMore = useCallback(() => {
    if (current?.next == null) return;
    const cursor = current.next;
    setMoreBusy(true);
    setMoreProblem(null);
    getJson(pageUrl(app, form, query, cursor), parseListPage).then(
      (page) => {
        setLoaded((previous) =>
          previous?.key === key
            ? { ...previous, items: [...previous.items, ...page.items], next: page.next_cursor }
            : previous,
        );
        setMoreBusy(false);
      },
      async (error: unknown) => {
        setMoreProblem({ key, problem: await toProblem(error) });
        setMoreBusy(false);
      },
    );
  }, [app, form, query, current, key]);

  const reload = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);

  const problem = failed?.key === key ? failed.problem : null;
  const shown = loaded;
  return {
    status: problem !== null ? "error" : shown === null ? "loading" : "ok",
    problem,
    items: shown?.items ?? [],
    total: shown?.total ?? null,
    next: current?.next ?? null,
    updating: problem === null && shown !== null && current === null,
    loadMore,
    moreBusy,
    moreProblem: moreProblem?.key === key ? moreProblem.problem : null,
    reload,
  };
}
