import { parseRetryAfter } from "./retryAfter.ts";

/**
 * What went wrong with a request, reduced to something safe to show a person.
 *
 * - `http`: the server answered with a non-2xx status;
 * - `network`: no answer at all (server down, offline, CORS, …);
 * - `invalid`: a 2xx answer whose body was not what the page expects.
 *
 * `title` and `detail` only ever carry short, human-oriented text: HTML error
 * pages and stack traces are dropped, never shown.
 */
export interface Problem {
  kind: "http" | "network" | "invalid";
  status: number | null;
  title: string;
  detail: string;
  /**
   * The API's machine-readable `code` (e.g. `"session_expired"`), or `""`
   * when the answer had none. Only short identifier-like values are kept.
   */
  code: string;
  /** Seconds from the `Retry-After` header, or `null` when there was none. */
  retryAfterSeconds: number | null;
  /** The problem's `errors[]` (`{pointer, code, message}`), when it sent any. */
  errors?: ProblemError[];
}

/** One specific error of a problem, e.g. `{pointer: "/data/sampled", …}`. */
export interface ProblemError {
  pointer: string;
  code: string;
  message: string;
}

function errorList(value: unknown): ProblemError[] {
  if (!Array.isArray(value)) return [];
  const out: ProblemError[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== "object" || item === null) continue;
    const record = item as Record<string, unknown>;
    const message = typeof record.message === "string" ? clean(record.message) : "";
    if (message === "") continue;
    out.push({
      pointer: typeof record.pointer === "string" ? record.pointer : "",
      code: codeText(record.code),
      message,
    });
  }
  return out;
}

const MAX_DETAIL_LENGTH = 400;

const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

/** The problem's `code` member if it looks like an identifier, else `""`. */
function codeText(value: unknown): string {
  return typeof value === "string" && CODE_PATTERN.test(value) ? value : "";
}

const STACK_TRACE_PATTERNS: readonly RegExp[] = [
  /Traceback \(most recent call last\)/,
  /^\s*File ".*", line \d+/m,
  /^\s+at .+:\d+(:\d+)?\)?\s*$/m,
  /\bException in thread\b/,
];

/** True for text that reads like a stack trace rather than a message. */
export function looksLikeStackTrace(text: string): boolean {
  return STACK_TRACE_PATTERNS.some((pattern) => pattern.test(text));
}

function looksLikeHtml(text: string): boolean {
  return /^\s*</.test(text);
}

/** Trim, reject traces and markup, and cap the length of server-sent text. */
function clean(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "" || looksLikeHtml(trimmed) || looksLikeStackTrace(trimmed)) return "";
  return trimmed.length > MAX_DETAIL_LENGTH
    ? `${trimmed.slice(0, MAX_DETAIL_LENGTH - 1).trimEnd()}…`
    : trimmed;
}

/**
 * FastAPI's validation errors put a list of `{msg, …}` objects in `detail`;
 * RFC 9457 says it is a string. Accept both.
 */
function detailText(value: unknown): string {
  if (typeof value === "string") return clean(value);
  if (Array.isArray(value)) {
    const messages = value
      .map((item: unknown) =>
        typeof item === "object" && item !== null && "msg" in item && typeof item.msg === "string"
          ? item.msg
          : "",
      )
      .filter((msg) => msg !== "");
    return clean(messages.join("; "));
  }
  return "";
}

function statusTitle(response: Response): string {
  const text = response.statusText.trim();
  return text === "" ? `HTTP ${response.status}` : `HTTP ${response.status} ${text}`;
}

function isResponse(value: unknown): value is Response {
  if (typeof Response !== "undefined" && value instanceof Response) return true;
  return (
    typeof value === "object" &&
    value !== null &&
    "status" in value &&
    typeof value.status === "number" &&
    "headers" in value &&
    "text" in value &&
    typeof value.text === "function"
  );
}

/**
 * Turn the outcome of a failed `fetch` into a {@link Problem}.
 *
 * Pass the `Response` when the server answered with an error status, or the
 * thrown value when `fetch` itself rejected (network failure).
 *
 * - `application/problem+json` (or any JSON) body: its `title` / `detail`;
 * - plain text body: the text as `detail` (unless it is HTML or a trace);
 * - missing pieces fall back to "HTTP <status> <statusText>" and `""`;
 * - JSON `code` and the `Retry-After` header are kept for callers to act on.
 */
export async function parseProblem(source: unknown): Promise<Problem> {
  if (!isResponse(source)) {
    return {
      kind: "network",
      status: null,
      title: "",
      detail: source instanceof Error ? clean(source.message) : "",
      code: "",
      retryAfterSeconds: null,
    };
  }

  const response = source;
  const fallbackTitle = statusTitle(response);
  const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"));
  let body: string;
  try {
    body = await response.text();
  } catch {
    body = "";
  }

  const contentType = (response.headers.get("content-type") ?? "").toLowerCase();
  if (contentType.includes("json")) {
    try {
      const data: unknown = JSON.parse(body);
      if (typeof data === "object" && data !== null && !Array.isArray(data)) {
        const record = data as Record<string, unknown>;
        const title = typeof record.title === "string" ? clean(record.title) : "";
        const errors = errorList(record.errors);
        return {
          kind: "http",
          status: response.status,
          title: title === "" ? fallbackTitle : title,
          detail: detailText(record.detail),
          code: codeText(record.code),
          retryAfterSeconds,
          ...(errors.length > 0 ? { errors } : {}),
        };
      }
    } catch {
      // Not JSON after all: treat the body as plain text below.
    }
  }

  return {
    kind: "http",
    status: response.status,
    title: fallbackTitle,
    detail: clean(body),
    code: "",
    retryAfterSeconds,
  };
}
