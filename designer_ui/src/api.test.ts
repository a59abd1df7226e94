import { afterEach, describe, expect, it, vi } from "vitest";
import {
  apiFetch,
  ApiError,
  exportUrl,
  fetchSession,
  getCsrfToken,
  getJson,
  InvalidResponseError,
  onSessionLost,
  parseAppList,
  parseHealth,
  parseSession,
  setCsrfToken,
  signIn,
  signOut,
  type SessionLostReason,
} from "./api.ts";

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const SESSION_BODY = {
  user: { id: 1, login: "admin", display_name: "Administrator", is_admin: true },
  csrf_token: "abc",
  expires_at: "2026-11-22T10:00:00Z",
};

function problemResponse(status: number, body: object, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

/** Stub `fetch` with `respond` and return the mock, to inspect its calls. */
function stubFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const mock = vi.fn((url: string, init: RequestInit = {}) => Promise.resolve(respond(url, init)));
  vi.stubGlobal("fetch", mock);
  return mock;
}

function headersOf(mock: ReturnType<typeof stubFetch>, call = 0): Headers {
  const init = mock.mock.calls[call]?.[1];
  return new Headers(init?.headers);
}

describe("parseHealth", () => {
  it("accepts the documented shape", () => {
    expect(parseHealth({ status: "ok", database: "sqlite", version: "0.1.0" })).toEqual({
      status: "ok",
      database: "sqlite",
      version: "0.1.0",
    });
  });

  it("rejects anything else", () => {
    expect(() => parseHealth({ status: "ok" })).toThrow(InvalidResponseError);
    expect(() => parseHealth(null)).toThrow(InvalidResponseError);
  });
});

describe("parseAppList", () => {
  it("accepts the documented shape", () => {
    const list = parseAppList({
      items: [
        {
          key: "trace",
          label: { "zh-CN": "追溯", en: "Traceability" },
          description: null,
          published_version: 1,
          updated_at: "2026-11-21T10:00:00Z",
        },
        { key: "plain", label: "Plain", description: "Just text" },
      ],
      total: 2,
    });
    expect(list.total).toBe(2);
    expect(list.items).toEqual([
      {
        key: "trace",
        label: { "zh-CN": "追溯", en: "Traceability" },
        description: null,
        published_version: 1,
        updated_at: "2026-11-21T10:00:00Z",
      },
      {
        key: "plain",
        label: "Plain",
        description: "Just text",
        published_version: null,
        updated_at: null,
      },
    ]);
  });

  it("skips items without a key", () => {
    expect(parseAppList({ items: [{ label: "x" }, "y", { key: "" }] }).items).toEqual([]);
  });

  it("rejects a body without items", () => {
    expect(() => parseAppList({ total: 0 })).toThrow(InvalidResponseError);
    expect(() => parseAppList([])).toThrow(InvalidResponseError);
  });
});

describe("exportUrl", () => {
  it("encodes the key", () => {
    expect(exportUrl("trace")).toBe("/api/v1/apps/trace/export");
    expect(exportUrl("a b/c")).toBe("/api/v1/apps/a%20b%2Fc/export");
  });
});

describe("getJson", () => {
  it("returns the parsed body", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(Response.json({ status: "ok", database: "postgresql", version: "0.1.0" }))),
    );
    await expect(getJson("/api/v1/health", parseHealth)).resolves.toMatchObject({
      database: "postgresql",
    });
  });

  it("turns an error status into an ApiError with the problem", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() =>
        Promise.resolve(
          new Response(JSON.stringify({ title: "Database unavailable", detail: "Try later." }), {
            status: 503,
            headers: { "content-type": "application/problem+json" },
          }),
        ),
      ),
    );
    const error: unknown = await getJson("/api/v1/apps", parseAppList).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toEqual({
      kind: "http",
      status: 503,
      title: "Database unavailable",
      detail: "Try later.",
      code: "",
      retryAfterSeconds: null,
    });
  });

  it("turns a network failure into an ApiError", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("fetch failed"))));
    const error: unknown = await getJson("/api/v1/apps", parseAppList).catch((e: unknown) => e);
    expect((error as ApiError).problem.kind).toBe("network");
  });

  it("reports an unexpected body as invalid", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(Response.json({ nope: true }))));
    const error: unknown = await getJson("/api/v1/apps", parseAppList).catch((e: unknown) => e);
    expect((error as ApiError).problem.kind).toBe("invalid");
  });
});

describe("parseSession", () => {
  it("accepts the documented shape", () => {
    expect(parseSession(SESSION_BODY)).toEqual(SESSION_BODY);
  });

  it("falls back to the login for a missing display name", () => {
    const session = parseSession({ user: { id: 2, login: "li", display_name: "  " }, csrf_token: "t" });
    expect(session.user).toEqual({ id: 2, login: "li", display_name: "li", is_admin: false });
    expect(session.expires_at).toBeNull();
  });

  it("rejects a body without a login or a CSRF token", () => {
    expect(() => parseSession({ user: { id: 1 }, csrf_token: "t" })).toThrow(InvalidResponseError);
    expect(() => parseSession({ user: { login: "a" }, csrf_token: "" })).toThrow(InvalidResponseError);
    expect(() => parseSession({ csrf_token: "t" })).toThrow(InvalidResponseError);
    expect(() => parseSession(null)).toThrow(InvalidResponseError);
  });
});

describe("apiFetch", () => {
  it("sends same-origin credentials and asks for JSON", async () => {
    const mock = stubFetch(() => Response.json({}));
    await apiFetch("/api/v1/apps");
    expect(mock.mock.calls[0]?.[1]?.credentials).toBe("same-origin");
    expect(headersOf(mock).get("accept")).toBe("application/json");
  });

  it("adds the CSRF token to state-changing requests only", async () => {
    setCsrfToken("abc");
    const mock = stubFetch(() => new Response(null, { status: 204 }));
    await apiFetch("/api/v1/apps/x", { method: "DELETE" });
    await apiFetch("/api/v1/apps", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    await apiFetch("/api/v1/apps");
    expect(headersOf(mock, 0).get("x-csrf-token")).toBe("abc");
    expect(headersOf(mock, 1).get("x-csrf-token")).toBe("abc");
    expect(headersOf(mock, 1).get("content-type")).toBe("application/json");
    expect(headersOf(mock, 2).has("x-csrf-token")).toBe(false);
  });

  it("never hands the token to another origin", async () => {
    setCsrfToken("abc");
    const mock = stubFetch(() => new Response(null, { status: 204 }));
    await apiFetch("https://elsewhere.example/hook", { method: "POST" });
    expect(headersOf(mock).has("x-csrf-token")).toBe(false);
  });

  it("tells listeners when the session is gone, and still rejects", async () => {
    const reasons: SessionLostReason[] = [];
    const unsubscribe = onSessionLost((reason) => reasons.push(reason));
    try {
      stubFetch(() => problemResponse(401, { code: "session_expired", title: "Session expired" }));
      const error: unknown = await apiFetch("/api/v1/apps").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).problem).toMatchObject({ status: 401, code: "session_expired" });

      stubFetch(() => problemResponse(401, { code: "not_signed_in" }));
      await apiFetch("/api/v1/apps").catch(() => undefined);

      stubFetch(() => problemResponse(403, { code: "csrf_failed" }));
      await apiFetch("/api/v1/apps", { method: "POST" }).catch(() => undefined);

      expect(reasons).toEqual(["expired", "not-signed-in"]);
    } finally {
      unsubscribe();
    }
  });

  it("can be told not to report a 401", async () => {
    const listener = vi.fn();
    const unsubscribe = onSessionLost(listener);
    try {
      stubFetch(() => problemResponse(401, { code: "not_signed_in" }));
      await apiFetch("/api/v1/auth/me", {}, { reportSessionLoss: false }).catch(() => undefined);
      expect(listener).not.toHaveBeenCalled();
    } finally {
      unsubscribe();
    }
  });
});

describe("auth endpoints", () => {
  it("fetchSession remembers the CSRF token", async () => {
    stubFetch(() => Response.json(SESSION_BODY));
    await expect(fetchSession()).resolves.toEqual(SESSION_BODY);
    expect(getCsrfToken()).toBe("abc");
  });

  it("fetchSession rejects with the 401 problem without reporting a lost session", async () => {
    const listener = vi.fn();
    const unsubscribe = onSessionLost(listener);
    try {
      stubFetch(() => problemResponse(401, { code: "session_expired" }));
      const error: unknown = await fetchSession().catch((e: unknown) => e);
      expect((error as ApiError).problem.code).toBe("session_expired");
      expect(listener).not.toHaveBeenCalled();
    } finally {
      unsubscribe();
    }
  });

  it("signIn posts JSON credentials and keeps the new token", async () => {
    const mock = stubFetch(() => Response.json({ ...SESSION_BODY, csrf_token: "fresh" }));
    const session = await signIn("admin", "secret");
    expect(session.user.display_name).toBe("Administrator");
    expect(getCsrfToken()).toBe("fresh");
    const [url, init] = mock.mock.calls[0] ?? [];
    expect(url).toBe("/api/v1/auth/login");
    expect(init?.method).toBe("POST");
    expect(typeof init?.body).toBe("string");
    expect(JSON.parse(init?.body as string)).toEqual({ login: "admin", password: "secret" });
    expect(headersOf(mock).get("content-type")).toBe("application/json");
  });

  it("signIn reports a wrong password and a lockout, not a lost session", async () => {
    const listener = vi.fn();
    const unsubscribe = onSessionLost(listener);
    try {
      stubFetch(() => problemResponse(401, { code: "sign_in_failed" }));
      const failed: unknown = await signIn("admin", "x").catch((e: unknown) => e);
      expect((failed as ApiError).problem.code).toBe("sign_in_failed");

      stubFetch(() => problemResponse(429, { code: "too_many_attempts" }, { "Retry-After": "600" }));
      const locked: unknown = await signIn("admin", "x").catch((e: unknown) => e);
      expect((locked as ApiError).problem).toMatchObject({
        status: 429,
        code: "too_many_attempts",
        retryAfterSeconds: 600,
      });
      expect(listener).not.toHaveBeenCalled();
    } finally {
      unsubscribe();
    }
  });

  it("signOut posts with the token, then forgets it", async () => {
    setCsrfToken("abc");
    const mock = stubFetch(() => new Response(null, { status: 204 }));
    await signOut();
    expect(mock.mock.calls[0]?.[0]).toBe("/api/v1/auth/logout");
    expect(mock.mock.calls[0]?.[1]?.method).toBe("POST");
    expect(headersOf(mock).get("x-csrf-token")).toBe("abc");
    expect(getCsrfToken()).toBeNull();
  });

  it("signOut treats an already-gone session as signed out", async () => {
    setCsrfToken("abc");
    stubFetch(() => problemResponse(401, { code: "session_expired" }));
    await expect(signOut()).resolves.toBeUndefined();
    expect(getCsrfToken()).toBeNull();
  });

  it("signOut keeps the token when the server refused", async () => {
    setCsrfToken("abc");
    stubFetch(() => problemResponse(403, { code: "csrf_failed" }));
    await expect(signOut()).rejects.toBeInstanceOf(ApiError);
    expect(getCsrfToken()).toBe("abc");
  });
});
