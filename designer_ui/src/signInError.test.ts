import { describe, expect, it } from "vitest";
import { messages } from "./i18n.ts";
import type { Problem } from "./problem.ts";
import { signInErrorMessage } from "./signInError.ts";

const en = messages.en;
const zh = messages["zh-CN"];

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

describe("signInErrorMessage", () => {
  it("gives one message for a wrong login or password, never the server's text", () => {
    const failed = problem({ code: "sign_in_failed", title: "Unknown user", detail: "No user 'bob'." });
    expect(signInErrorMessage(failed, en)).toBe("Incorrect username or password.");
    expect(signInErrorMessage(failed, zh)).toBe("用户名或密码不正确。");
    expect(signInErrorMessage(problem({}), en)).toBe(en.signInFailed);
    expect(signInErrorMessage(problem({ status: 422, detail: "/login: too long" }), en)).toBe(
      en.signInFailed,
    );
  });

  it("turns Retry-After into minutes", () => {
    const locked = problem({ status: 429, code: "too_many_attempts", retryAfterSeconds: 900 });
    expect(signInErrorMessage(locked, en)).toBe("Too many failed sign-ins. Try again in 15 minutes.");
    expect(signInErrorMessage(locked, zh)).toBe("登录失败次数过多，请 15 分钟后再试。");
    expect(signInErrorMessage({ ...locked, retryAfterSeconds: 30 }, en)).toBe(
      "Too many failed sign-ins. Try again in 1 minute.",
    );
  });

  it("copes with a lockout without Retry-After", () => {
    const locked = problem({ status: 429, code: "too_many_attempts" });
    expect(signInErrorMessage(locked, en)).toBe(en.tooManyAttemptsLater);
    expect(signInErrorMessage(locked, zh)).toBe(zh.tooManyAttemptsLater);
  });

  it("explains the other failures", () => {
    expect(signInErrorMessage(problem({ status: 403, code: "csrf_failed" }), en)).toBe(en.csrfFailed);
    expect(signInErrorMessage(problem({ kind: "network", status: null }), en)).toBe(en.errorNetwork);
    expect(signInErrorMessage(problem({ kind: "invalid", status: 200 }), en)).toBe(en.errorInvalid);
    expect(signInErrorMessage(problem({ status: 500, title: "Traceback-free" }), zh)).toBe(
      zh.signInServerError,
    );
  });
});
