import type { Problem } from "./problem.ts";
import type { Session, SignedOutReason } from "./session.ts";

/** Where the person was when the session ran out, to bring them back there. */
export interface ViewSnapshot {
  scrollY: number;
}

export type AuthState =
  /** Waiting for `GET /auth/me`. */
  | { status: "checking" }
  /** `/auth/me` failed for another reason than "not signed in" (server down, …). */
  | { status: "error"; problem: Problem }
  | { status: "signed-out"; reason: SignedOutReason; returnTo: ViewSnapshot | null }
  | { status: "signed-in"; session: Session; returnTo: ViewSnapshot | null };

export type AuthAction =
  | { type: "check" }
  | { type: "check-failed"; problem: Problem }
  | { type: "signed-in"; session: Session }
  | { type: "signed-out"; reason: SignedOutReason }
  /** Some API call answered 401 while the person was working. */
  | { type: "session-lost"; reason: Exclude<SignedOutReason, "signed-out">; view: ViewSnapshot | null }
  /** The page is back where it was: forget the snapshot. */
  | { type: "returned" };

export const initialAuthState: AuthState = { status: "checking" };

export function authReducer(state: AuthState, action: AuthAction): AuthState {
  switch (action.type) {
    case "check":
      return { status: "checking" };
    case "check-failed":
      return state.status === "checking" ? { status: "error", problem: action.problem } : state;
    case "signed-in":
      return {
        status: "signed-in",
        session: action.session,
        // Coming back from the sign-in screen after a lost session: return to
        // where the person was. A fresh start or a new sign-in starts at the top.
        returnTo: state.status === "signed-out" ? state.returnTo : null,
      };
    case "signed-out":
      return { status: "signed-out", reason: action.reason, returnTo: null };
    case "session-lost":
      // Only a signed-in page can lose its session; while checking, the
      // `/auth/me` answer decides, and on the sign-in screen there is nothing to lose.
      return state.status === "signed-in"
        ? { status: "signed-out", reason: action.reason, returnTo: action.view }
        : state;
    case "returned":
      return state.status === "signed-in" && state.returnTo !== null
        ? { ...state, returnTo: null }
        : state;
  }
}
