import { useEffect, useRef, useState } from "react";
import { isAbortError, toProblem } from "../api.ts";
import { previewRecord } from "../recordsApi.ts";
import { parseRecordPreview, previewKey, type PreviewStatus, type RecordPreview } from "./preview.ts";

const DEBOUNCE_MS = 250;

export interface PreviewState {
  status: PreviewStatus;
  preview: RecordPreview | null;
}

/**
 * Ask the server, as the operator types (debounced), which fields are visible
 * and required and what the formulas come to. A server without the preview
 * (404/405/501) or a failed first answer turns it `off`: every field shows and
 * the server checks on save as always.
 */
export function usePreview(
  app: string,
  form: string,
  id: number | null,
  data: Record<string, unknown>,
  enabled: boolean,
): PreviewState {
  const key = previewKey(data, id);
  const [state, setState] = useState<PreviewState>({ status: enabled ? "pending" : "off", preview: null });
  const [unsupported, setUnsupported] = useState(false);
  const asked = useRef(false);

  useEffect(() => {
    if (!enabled || unsupported) return;
    const controller = new AbortController();
    // A function, so the check is re-read after each await.
    const cancelled = () => controller.signal.aborted;
    const [recordId, body] = JSON.parse(key) as [number | null, Record<string, unknown>];
    const delay = asked.current ? DEBOUNCE_MS : 0;
    asked.current = true;
    const timer = window.setTimeout(() => {
      previewRecord(app, form, body, recordId, controller.signal).then(
        (raw) => {
          if (!cancelled()) setState({ status: "ready", preview: parseRecordPreview(raw) });
        },
        async (error: unknown) => {
          if (cancelled() || isAbortError(error)) return;
          const problem = await toProblem(error);
          if (cancelled()) return;
          if (problem.status === 404 || problem.status === 405 || problem.status === 501) {
            setUnsupported(true);
            setState({ status: "off", preview: null });
            return;
          }
          // Keep the last good answer; with none yet, show every field.
          setState((previous) => (previous.preview === null ? { status: "off", preview: null } : previous));
        },
      );
    }, delay);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [app, form, key, enabled, unsupported]);

  return enabled && !unsupported ? state : { status: "off", preview: null };
}
