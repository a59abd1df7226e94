import { describe, expect, it } from "vitest";
import { CSRF_HEADER, isSameOriginPath, needsCsrf, withCsrf } from "./csrf.ts";

describe("needsCsrf", () => {
  it("is true for state-changing methods, whatever the case", () => {
    for (const method of ["POST", "put", "Patch", "DELETE"]) expect(needsCsrf(method)).toBe(true);
  });

  it("is false for safe methods and the default GET", () => {
    for (const method of ["GET", "head", "OPTIONS", undefined]) expect(needsCsrf(method)).toBe(false);
  });
});

describe("withCsrf", () => {
  it("adds the header to a POST and keeps the other headers", () => {
    const init: RequestInit = {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    };
    const result = withCsrf(init, "abc");
    const headers = new Headers(result.headers);
    expect(headers.get(CSRF_HEADER)).toBe("abc");
    expect(headers.get("content-type")).toBe("application/json");
    expect(result.body).toBe("{}");
    expect(result.method).toBe("POST");
  });

  it("accepts Headers and header pairs, and replaces a stale token", () => {
    const fromHeaders = withCsrf({ method: "DELETE", headers: new Headers({ [CSRF_HEADER]: "old" }) }, "new");
    expect(new Headers(fromHeaders.headers).get(CSRF_HEADER)).toBe("new");
    const fromPairs = withCsrf({ method: "PATCH", headers: [["Accept", "application/json"]] }, "t");
    const headers = new Headers(fromPairs.headers);
    expect(headers.get(CSRF_HEADER)).toBe("t");
    expect(headers.get("accept")).toBe("application/json");
  });

  it("does not modify its argument", () => {
    const original = { "Content-Type": "application/json" };
    const init: RequestInit = { method: "PUT", headers: original };
    withCsrf(init, "abc");
    expect(init.headers).toBe(original);
    expect(original).toEqual({ "Content-Type": "application/json" });
  });

  it("leaves safe requests and token-less calls alone", () => {
    const get: RequestInit = { headers: { Accept: "application/json" } };
    expect(withCsrf(get, "abc")).toBe(get);
    const post: RequestInit = { method: "POST" };
    expect(withCsrf(post, null)).toBe(post);
    expect(withCsrf(post, "")).toBe(post);
  });
});

describe("isSameOriginPath", () => {
  it("accepts paths on this origin only", () => {
    expect(isSameOriginPath("/api/v1/apps")).toBe(true);
    expect(isSameOriginPath("//evil.example/x")).toBe(false);
    expect(isSameOriginPath("/\\evil.example")).toBe(false);
    expect(isSameOriginPath("https://evil.example/api")).toBe(false);
    expect(isSameOriginPath("api/v1/apps")).toBe(false);
  });
});
