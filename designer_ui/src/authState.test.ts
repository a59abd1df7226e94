import { describe, expect, it } from "vitest";
import { authReducer, initialAuthState, type AuthState } from "./authState.ts";
import type { Problem } from "./problem.ts";
import type { Session } from "./session.ts";

const session: Session = {
  user: { id: 1, login: "admin", display_name: "Administrator", is_admin: true },
  csrf_token: "abc",
  expires_at: null,
};

const serverDown: Problem = {
  kind: "network",
  status: null,
  title: "",
  detail: "",
  code: "",
  retryAfterSeconds: null,
};

const signedIn: AuthState = { status: "signed-in", session, returnTo: null };

describe("authReducer", () => {
  it("starts by checking", () => {
    expect(initialAuthState).toEqual({ status: "checking" });
  });

  it("settles the check", () => {
    expect(authReducer(initialAuthState, { type: "signed-in", session })).toEqual(signedIn);
    expect(authReducer(initialAuthState, { type: "signed-out", reason: "expired" })).toEqual({
      status: "signed-out",
      reason: "expired",
      returnTo: null,
    });
    expect(authReducer(initialAuthState, { type: "check-failed", problem: serverDown })).toEqual({
      status: "error",
      problem: serverDown,
    });
  });

  it("checks again after a failure", () => {
    const failed = authReducer(initialAuthState, { type: "check-failed", problem: serverDown });
    expect(authReducer(failed, { type: "check" })).toEqual({ status: "checking" });
  });

  it("drops to the sign-in screen when a signed-in page loses its session", () => {
    const lost = authReducer(signedIn, {
      type: "session-lost",
      reason: "expired",
      view: { scrollY: 640 },
    });
    expect(lost).toEqual({ status: "signed-out", reason: "expired", returnTo: { scrollY: 640 } });
    // Later 401s from requests that were in flight change nothing.
    expect(authReducer(lost, { type: "session-lost", reason: "not-signed-in", view: null })).toBe(lost);
  });

  it("ignores a lost session while checking or signed out", () => {
    const signedOut: AuthState = { status: "signed-out", reason: "signed-out", returnTo: null };
    const action = { type: "session-lost", reason: "expired", view: { scrollY: 1 } } as const;
    expect(authReducer(initialAuthState, action)).toBe(initialAuthState);
    expect(authReducer(signedOut, action)).toBe(signedOut);
  });

  it("returns to where the person was after signing in again", () => {
    const lost = authReducer(signedIn, {
      type: "session-lost",
      reason: "expired",
      view: { scrollY: 640 },
    });
    const back = authReducer(lost, { type: "signed-in", session });
    expect(back).toEqual({ status: "signed-in", session, returnTo: { scrollY: 640 } });
    expect(authReducer(back, { type: "returned" })).toEqual(signedIn);
    expect(authReducer(signedIn, { type: "returned" })).toBe(signedIn);
  });

  it("forgets the place on an explicit sign-out", () => {
    const out = authReducer(signedIn, { type: "signed-out", reason: "signed-out" });
    expect(out).toEqual({ status: "signed-out", reason: "signed-out", returnTo: null });
    expect(authReducer(out, { type: "signed-in", session })).toEqual(signedIn);
  });
});
