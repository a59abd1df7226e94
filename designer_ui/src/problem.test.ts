import { describe, expect, it } from "vitest";
import { looksLikeStackTrace, parseProblem } from "./problem.ts";

function respond(body: string, status: number, contentType?: string, statusText = ""): Response {
  const headers = new Headers();
  if (contentType !== undefined) headers.set("content-type", contentType);
  return new Response(body, { status, statusText, headers });
}

describe("parseProblem", () => {
  it("reads title and detail from application/problem+json", async () => {
    const response = respond(
      JSON.stringify({
        type: "about:blank",
        title: "App not found",
        status: 404,
        detail: "No app with key 'trace'.",
      }),
      404,
      "application/problem+json",
      "Not Found",
    );
    await expect(parseProblem(response)).resolves.toEqual({
      kind: "http",
      status: 404,
      title: "App not found",
      detail: "No app with key 'trace'.",
      code: "",
      retryAfterSeconds: null,
    });
  });

  it("falls back to the HTTP status when the JSON has no title", async () => {
    const response = respond(
      JSON.stringify({ detail: "Not Found" }),
      404,
      "application/json",
      "Not Found",
    );
    const problem = await parseProblem(response);
    expect(problem.title).toBe("HTTP 404 Not Found");
    expect(problem.detail).toBe("Not Found");
  });

  it("joins FastAPI validation messages", async () => {
    const response = respond(
      JSON.stringify({ detail: [{ msg: "field required" }, { msg: "too long" }] }),
      422,
      "application/json",
    );
    const problem = await parseProblem(response);
    expect(problem.title).toBe("HTTP 422");
    expect(problem.detail).toBe("field required; too long");
  });

  it("uses a plain text body as the detail", async () => {
    const problem = await parseProblem(
      respond("  Service temporarily unavailable \n", 503, "text/plain", "Service Unavailable"),
    );
    expect(problem).toEqual({
      kind: "http",
      status: 503,
      title: "HTTP 503 Service Unavailable",
      detail: "Service temporarily unavailable",
      code: "",
      retryAfterSeconds: null,
    });
  });

  it("treats malformed JSON as text", async () => {
    const problem = await parseProblem(respond("upstream timeout", 504, "application/json"));
    expect(problem.detail).toBe("upstream timeout");
    expect(problem.title).toBe("HTTP 504");
  });

  it("handles an empty body", async () => {
    const problem = await parseProblem(respond("", 500, undefined, "Internal Server Error"));
    expect(problem).toEqual({
      kind: "http",
      status: 500,
      title: "HTTP 500 Internal Server Error",
      detail: "",
      code: "",
      retryAfterSeconds: null,
    });
  });

  it("never passes on a stack trace", async () => {
    const trace = [
      "Traceback (most recent call last):",
      '  File "/app/engine/api/apps.py", line 42, in list_apps',
      "    raise RuntimeError('boom')",
      "RuntimeError: boom",
    ].join("\n");
    const plain = await parseProblem(respond(trace, 500, "text/plain"));
    expect(plain.detail).toBe("");
    const json = await parseProblem(
      respond(JSON.stringify({ title: "Server error", detail: trace }), 500, "application/problem+json"),
    );
    expect(json.title).toBe("Server error");
    expect(json.detail).toBe("");
  });

  it("drops HTML error pages", async () => {
    const problem = await parseProblem(
      respond("<html><body><h1>502 Bad Gateway</h1></body></html>", 502, "text/html", "Bad Gateway"),
    );
    expect(problem.title).toBe("HTTP 502 Bad Gateway");
    expect(problem.detail).toBe("");
  });

  it("caps very long details", async () => {
    const problem = await parseProblem(respond("x".repeat(5000), 500, "text/plain"));
    expect(problem.detail.length).toBeLessThanOrEqual(400);
    expect(problem.detail.endsWith("…")).toBe(true);
  });

  it("reports a network failure when fetch rejected", async () => {
    const problem = await parseProblem(new TypeError("Failed to fetch"));
    expect(problem).toEqual({
      kind: "network",
      status: null,
      title: "",
      detail: "Failed to fetch",
      code: "",
      retryAfterSeconds: null,
    });
  });

  it("reports a network failure for a non-Error rejection", async () => {
    await expect(parseProblem("offline")).resolves.toEqual({
      kind: "network",
      status: null,
      title: "",
      detail: "",
      code: "",
      retryAfterSeconds: null,
    });
  });

  it("keeps the API's problem code", async () => {
    const problem = await parseProblem(
      respond(
        JSON.stringify({ code: "session_expired", title: "Session expired", detail: "Sign in again." }),
        401,
        "application/problem+json",
      ),
    );
    expect(problem).toMatchObject({ status: 401, code: "session_expired", title: "Session expired" });
  });

  it("drops a code that is not an identifier", async () => {
    for (const code of [42, "", "<script>", "a b", "x".repeat(80)]) {
      const problem = await parseProblem(
        respond(JSON.stringify({ code, title: "t" }), 400, "application/problem+json"),
      );
      expect(problem.code).toBe("");
    }
  });

  it("reads Retry-After in seconds", async () => {
    const response = new Response(
      JSON.stringify({ code: "too_many_attempts", title: "Too many attempts" }),
      { status: 429, headers: { "content-type": "application/problem+json", "retry-after": "900" } },
    );
    const problem = await parseProblem(response);
    expect(problem.code).toBe("too_many_attempts");
    expect(problem.retryAfterSeconds).toBe(900);
  });
});

describe("looksLikeStackTrace", () => {
  it("recognises Python and JavaScript traces", () => {
    expect(looksLikeStackTrace("Traceback (most recent call last):\n ...")).toBe(true);
    expect(looksLikeStackTrace("Error: x\n    at main (/srv/app.js:10:5)")).toBe(true);
    expect(looksLikeStackTrace("No app with key 'trace'.")).toBe(false);
  });
});

describe("parseProblem errors[]", () => {
  it("keeps each error's pointer, code and message", async () => {
    const response = new Response(
      JSON.stringify({
        title: "Invalid record",
        detail: "1 problem",
        errors: [{ pointer: "/data/sampled", code: "min", message: "must be at least 1" }, { nope: 1 }],
      }),
      { status: 422, headers: { "Content-Type": "application/problem+json" } },
    );
    const problem = await parseProblem(response);
    expect(problem.errors).toEqual([
      { pointer: "/data/sampled", code: "min", message: "must be at least 1" },
    ]);
  });
});
