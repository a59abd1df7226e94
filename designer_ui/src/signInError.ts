import type { Messages } from "./i18n.ts";
import type { Problem } from "./problem.ts";
import { retryAfterMinutes } from "./retryAfter.ts";

/**
 * The message the sign-in form shows for a failed `POST /auth/login`.
 *
 * A wrong login and a wrong password get the same text; the server's own
 * title/detail is never shown here, so it cannot leak which one was wrong.
 */
export function signInErrorMessage(problem: Problem, t: Messages): string {
  if (problem.kind === "network") return t.errorNetwork;
  if (problem.kind === "invalid") return t.errorInvalid;
  if (problem.code === "too_many_attempts" || problem.status === 429) {
    return problem.retryAfterSeconds === null
      ? t.tooManyAttemptsLater
      : t.tooManyAttempts(retryAfterMinutes(problem.retryAfterSeconds));
  }
  if (problem.code === "csrf_failed") return t.csrfFailed;
  // 422: the server rejected the fields themselves (e.g. a login longer than any
  // login can be), which for the person is just a wrong login or password.
  if (problem.code === "sign_in_failed" || problem.status === 401 || problem.status === 422) {
    return t.signInFailed;
  }
  return t.signInServerError;
}
