import { useCallback, useEffect, useState } from "react";
import { getJson, isAbortError, toProblem } from "./api.ts";
import type { Problem } from "./problem.ts";

export type LoadState<T> =
  | { status: "loading" }
  | { status: "ok"; data: T }
  | { status: "error"; problem: Problem };

/**
 * Fetch and validate JSON from `url` on mount (and on `retry()`).
 * `parse` must be a stable function (e.g. defined at module level).
 */
export function useJson<T>(
  url: string,
  parse: (data: unknown) => T,
): [state: LoadState<T>, retry: () => void] {
  const [state, setState] = useState<LoadState<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    // A function, so the check is re-evaluated after each await.
    const cancelled = () => controller.signal.aborted;
    getJson(url, parse, controller.signal).then(
      (data) => {
        if (!cancelled()) setState({ status: "ok", data });
      },
      async (error: unknown) => {
        if (cancelled() || isAbortError(error)) return;
        const problem = await toProblem(error);
        if (!cancelled()) setState({ status: "error", problem });
      },
    );
    return () => {
      controller.abort();
    };
  }, [url, parse, attempt]);

  const retry = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((n) => n + 1);
  }, []);

  return [state, retry];
}
