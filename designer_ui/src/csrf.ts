/** Header the API checks on every state-changing request made with the session cookie. */
export const CSRF_HEADER = "X-CSRF-Token";

const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** True for methods that change state (POST, PUT, PATCH, DELETE, …). */
export function needsCsrf(method: string | undefined): boolean {
  return !SAFE_METHODS.has((method ?? "GET").trim().toUpperCase());
}

/**
 * A copy of `init` whose headers carry the CSRF token when the method needs
 * one and a token is known. `init` itself is never modified.
 */
export function withCsrf(init: RequestInit, token: string | null): RequestInit {
  if (token === null || token === "" || !needsCsrf(init.method)) return init;
  const headers = new Headers(init.headers);
  headers.set(CSRF_HEADER, token);
  return { ...init, headers };
}

/**
 * True for an absolute path on this origin ("/api/v1/apps"), false for
 * anything that could point elsewhere ("https://…", "//host/…"), so the token
 * is never handed to another site.
 */
export function isSameOriginPath(url: string): boolean {
  return url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\");
}
