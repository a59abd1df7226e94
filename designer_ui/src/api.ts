import { isSameOriginPath, withCsrf } from "./csrf.ts";
import { toLocalizedText, type LocalizedText } from "./labels.ts";
import { parseProblem, type Problem } from "./problem.ts";
import { sessionLossReason, type Session, type SignedOutReason } from "./session.ts";

export const API_BASE = "/api/v1";

export interface Health {
  status: string;
  /** "sqlite" or "postgresql" today; kept open for future back ends. */
  database: string;
  version: string;
}

export interface AppSummary {
  key: string;
  label: LocalizedText | null;
  description: LocalizedText | null;
  published_version: number | null;
  updated_at: string | null;
}

export interface AppList {
  items: AppSummary[];
  total: number;
}

/** A request that failed; `problem` is safe to show. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title || problem.detail || `API request failed (${problem.kind})`);
    this.name = "ApiError";
    this.problem = problem;
  }
}

/** Thrown by the `parse*` functions when a 2xx body has the wrong shape. */
export class InvalidResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidResponseError";
  }
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidResponseError(`${what}: expected an object`);
  }
  return value as Record<string, unknown>;
}

function optionalString(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

export function parseHealth(data: unknown): Health {
  const record = asRecord(data, "health");
  const { status, database, version } = record;
  if (typeof status !== "string" || typeof database !== "string" || typeof version !== "string") {
    throw new InvalidResponseError("health: status, database and version must be strings");
  }
  return { status, database, version };
}

function parseAppSummary(data: unknown): AppSummary | null {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  const record = data as Record<string, unknown>;
  if (typeof record.key !== "string" || record.key === "") return null;
  const version = record.published_version;
  return {
    key: record.key,
    label: toLocalizedText(record.label),
    description: toLocalizedText(record.description),
    published_version: typeof version === "number" && Number.isFinite(version) ? version : null,
    updated_at: optionalString(record.updated_at),
  };
}

/** Validate `GET /apps`; items without a usable `key` are skipped. */
export function parseAppList(data: unknown): AppList {
  const record = asRecord(data, "app list");
  if (!Array.isArray(record.items)) {
    throw new InvalidResponseError("app list: items must be an array");
  }
  const items = record.items
    .map(parseAppSummary)
    .filter((item): item is AppSummary => item !== null);
  const total = typeof record.total === "number" ? record.total : items.length;
  return { items, total };
}

/** Validate the body of `GET /auth/me` and `POST /auth/login`. */
export function parseSession(data: unknown): Session {
  const record = asRecord(data, "session");
  const user = asRecord(record.user, "session user");
  if (typeof user.login !== "string" || user.login === "") {
    throw new InvalidResponseError("session: user.login must be a non-empty string");
  }
  if (typeof record.csrf_token !== "string" || record.csrf_token === "") {
    throw new InvalidResponseError("session: csrf_token must be a non-empty string");
  }
  const displayName = typeof user.display_name === "string" ? user.display_name.trim() : "";
  return {
    user: {
      id: typeof user.id === "number" ? user.id : 0,
      login: user.login,
      display_name: displayName === "" ? user.login : displayName,
      is_admin: user.is_admin === true,
    },
    csrf_token: record.csrf_token,
    expires_at: optionalString(record.expires_at),
  };
}

export function exportUrl(key: string): string {
  return `${API_BASE}/apps/${encodeURIComponent(key)}/export`;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

/** Any thrown value as a {@link Problem} (an `ApiError`'s own, or a network one). */
export function toProblem(error: unknown): Promise<Problem> {
  return error instanceof ApiError ? Promise.resolve(error.problem) : parseProblem(error);
}

// ---------------------------------------------------------------------------
// Session plumbing: the CSRF token and "the session is gone" notifications
// live here, in the one fetch helper every call goes through.

let csrfToken: string | null = null;

/** Remember (or, with `null`, forget) the token from `/auth/me` or `/auth/login`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

export type SessionLostReason = Exclude<SignedOutReason, "signed-out">;
type SessionLostListener = (reason: SessionLostReason) => void;
const sessionLostListeners = new Set<SessionLostListener>();

/**
 * Be told when any API call answers 401 `not_signed_in` / `session_expired`.
 * Returns the function that unsubscribes.
 */
export function onSessionLost(listener: SessionLostListener): () => void {
  sessionLostListeners.add(listener);
  return () => {
    sessionLostListeners.delete(listener);
  };
}

export interface ApiFetchOptions {
  /**
   * Tell {@link onSessionLost} listeners about a 401 (default `true`). Off for
   * the auth endpoints themselves, whose 401 is the answer, not an event.
   */
  reportSessionLoss?: boolean;
}

/**
 * `fetch` for the API: same-origin credentials (the session cookie), JSON
 * `Accept`, the CSRF token on state-changing methods, and errors as
 * {@link ApiError}s.
 *
 * Resolves with the 2xx `Response`. Rejects with an `ApiError` on network
 * failure or a non-2xx status (after notifying {@link onSessionLost}
 * listeners when it means the session is gone); an abort rejects with the
 * `AbortError` unchanged so callers can ignore it.
 */
export async function apiFetch(
  url: string,
  init: RequestInit = {},
  options: ApiFetchOptions = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has("Accept")) headers.set("Accept", "application/json");
  const request: RequestInit = { credentials: "same-origin", ...init, headers };

  let response: Response;
  try {
    response = await fetch(url, isSameOriginPath(url) ? withCsrf(request, csrfToken) : request);
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(await parseProblem(error));
  }

  if (!response.ok) {
    const problem = await parseProblem(response);
    const reason = options.reportSessionLoss === false ? null : sessionLossReason(problem);
    if (reason !== null) {
      for (const listener of [...sessionLostListeners]) listener(reason);
    }
    throw new ApiError(problem);
  }
  return response;
}

async function readJson<T>(response: Response, parse: (data: unknown) => T): Promise<T> {
  try {
    return parse(await response.json());
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError({
      kind: "invalid",
      status: response.status,
      title: "",
      detail: error instanceof InvalidResponseError ? error.message : "",
      code: "",
      retryAfterSeconds: null,
    });
  }
}

/**
 * GET `url` and validate its JSON body with `parse`.
 *
 * Rejects with an {@link ApiError} on network failure, on a non-2xx status and
 * on a body `parse` rejects; an abort through `signal` rejects with the
 * `AbortError` unchanged so callers can ignore it.
 */
export async function getJson<T>(
  url: string,
  parse: (data: unknown) => T,
  signal?: AbortSignal,
  options?: ApiFetchOptions,
): Promise<T> {
  const response = await apiFetch(url, signal ? { signal } : {}, options);
  return readJson(response, parse);
}

// ---------------------------------------------------------------------------
// Auth endpoints

export const AUTH_ME_URL = `${API_BASE}/auth/me`;
export const AUTH_LOGIN_URL = `${API_BASE}/auth/login`;
export const AUTH_LOGOUT_URL = `${API_BASE}/auth/logout`;

/**
 * `GET /auth/me`. Resolves with the session (and remembers its CSRF token);
 * rejects with an `ApiError` whose problem is a 401 when nobody is signed in.
 */
export async function fetchSession(signal?: AbortSignal): Promise<Session> {
  const session = await getJson(AUTH_ME_URL, parseSession, signal, { reportSessionLoss: false });
  setCsrfToken(session.csrf_token);
  return session;
}

/**
 * `POST /auth/login`. Resolves with the new session (and remembers its CSRF
 * token); rejects with an `ApiError` (401 `sign_in_failed`, 429
 * `too_many_attempts` with `retryAfterSeconds`, …).
 */
export async function signIn(login: string, password: string): Promise<Session> {
  const response = await apiFetch(
    AUTH_LOGIN_URL,
    {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ login, password }),
    },
    { reportSessionLoss: false },
  );
  const session = await readJson(response, parseSession);
  setCsrfToken(session.csrf_token);
  return session;
}

/**
 * `POST /auth/logout`, then forget the CSRF token. A 401 counts as success:
 * the session was already gone. Other failures reject with an `ApiError` and
 * leave the session as it was.
 */
export async function signOut(): Promise<void> {
  try {
    await apiFetch(AUTH_LOGOUT_URL, { method: "POST" }, { reportSessionLoss: false });
  } catch (error) {
    if (!(error instanceof ApiError && sessionLossReason(error.problem) !== null)) throw error;
  }
  setCsrfToken(null);
}
