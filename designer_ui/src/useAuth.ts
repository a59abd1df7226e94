import { useCallback, useEffect, useReducer } from "react";
import {
  fetchSession,
  isAbortError,
  onSessionLost,
  signIn as apiSignIn,
  signOut as apiSignOut,
  toProblem,
} from "./api.ts";
import { authReducer, initialAuthState, type AuthState } from "./authState.ts";
import { sessionLossReason } from "./session.ts";

export interface Auth {
  state: AuthState;
  /** Resolves when signed in; rejects with the `ApiError` the form explains. */
  signIn: (login: string, password: string) => Promise<void>;
  /** Resolves when signed out; rejects (still signed in) when the server did not confirm. */
  signOut: () => Promise<void>;
  /** Ask `/auth/me` again after it failed. */
  recheck: () => void;
  /** The page is back where it was before the session ran out. */
  returned: () => void;
}

/**
 * Session state for the whole page: asks `GET /auth/me` on start, signs in
 * and out, and drops to the sign-in screen whenever any API call reports the
 * session gone.
 */
export function useAuth(): Auth {
  const [state, dispatch] = useReducer(authReducer, initialAuthState);
  const checking = state.status === "checking";

  useEffect(() => {
    if (!checking) return;
    const controller = new AbortController();
    const cancelled = () => controller.signal.aborted;
    fetchSession(controller.signal).then(
      (session) => {
        if (!cancelled()) dispatch({ type: "signed-in", session });
      },
      async (error: unknown) => {
        if (cancelled() || isAbortError(error)) return;
        const problem = await toProblem(error);
        if (cancelled()) return;
        const reason = sessionLossReason(problem);
        dispatch(
          reason === null ? { type: "check-failed", problem } : { type: "signed-out", reason },
        );
      },
    );
    return () => {
      controller.abort();
    };
  }, [checking]);

  useEffect(
    () =>
      onSessionLost((reason) => {
        dispatch({ type: "session-lost", reason, view: { scrollY: window.scrollY } });
      }),
    [],
  );

  const signIn = useCallback(async (login: string, password: string) => {
    const session = await apiSignIn(login, password);
    dispatch({ type: "signed-in", session });
  }, []);

  const signOut = useCallback(async () => {
    await apiSignOut();
    dispatch({ type: "signed-out", reason: "signed-out" });
  }, []);

  const recheck = useCallback(() => {
    dispatch({ type: "check" });
  }, []);

  const returned = useCallback(() => {
    dispatch({ type: "returned" });
  }, []);

  return { state, signIn, signOut, recheck, returned };
}
