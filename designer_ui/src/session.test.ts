import { describe, expect, it } from "vitest";
import type { Problem } from "./problem.ts";
import { sessionLossReason } from "./session.ts";

function problem(overrides: Partial<Problem>): Problem {
  return {
    kind: "http",
    status: 401,
    title: "",
    detail: "",
    code: "",
    retryAfterSeconds: null,
    ...overrides,
  };
}

describe("sessionLossReason", () => {
  it("maps the two 401 codes", () => {
    expect(sessionLossReason(problem({ code: "session_expired" }))).toBe("expired");
    expect(sessionLossReason(problem({ code: "not_signed_in" }))).toBe("not-signed-in");
  });

  it("treats a 401 without a code as not signed in", () => {
    expect(sessionLossReason(problem({}))).toBe("not-signed-in");
  });

  it("ignores a failed sign-in and other statuses", () => {
    expect(sessionLossReason(problem({ code: "sign_in_failed" }))).toBeNull();
    expect(sessionLossReason(problem({ status: 403, code: "csrf_failed" }))).toBeNull();
    expect(sessionLossReason(problem({ status: 429, code: "too_many_attempts" }))).toBeNull();
    expect(sessionLossReason(problem({ status: 500 }))).toBeNull();
    expect(sessionLossReason(problem({ kind: "network", status: null }))).toBeNull();
  });
});
