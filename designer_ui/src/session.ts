import type { Problem } from "./problem.ts";

/** The signed-in person, as `GET /auth/me` and `POST /auth/login` describe them. */
export interface User {
  id: number;
  login: string;
  display_name: string;
  is_admin: boolean;
}

export interface Session {
  user: User;
  /** Sent back as `X-CSRF-Token` on every state-changing request. */
  csrf_token: string;
  expires_at: string | null;
}

/** Why the sign-in screen is showing. */
export type SignedOutReason =
  /** Never signed in (or the server forgot the session without saying it expired). */
  | "not-signed-in"
  /** The server said `session_expired`: tell the person. */
  | "expired"
  /** The person pressed "Sign out". */
  | "signed-out";

/**
 * Whether a failed API call means the session is gone, and why; `null` when
 * it does not (any other status, or a 401 with another code such as
 * `sign_in_failed`, which is an answer to a sign-in attempt, not a lost session).
 */
export function sessionLossReason(problem: Problem): Exclude<SignedOutReason, "signed-out"> | null {
  if (problem.kind !== "http" || problem.status !== 401) return null;
  switch (problem.code) {
    case "session_expired":
      return "expired";
    case "not_signed_in":
    case "": // A 401 without a code still means "no session".
      return "not-signed-in";
    default:
      return null;
  }
}
