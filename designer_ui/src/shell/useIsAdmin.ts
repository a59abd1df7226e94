import { AUTH_ME_URL, parseSession } from "../api.ts";
import { useJson } from "../useJson.ts";

function parseIsAdmin(data: unknown): boolean {
  return parseSession(data).user.is_admin;
}

/**
 * Whether the signed-in person is an administrator (`GET /auth/me`), for
 * pages App.tsx does not tell: `false` until known, and when it can't be.
 */
export function useIsAdmin(): boolean {
  const [state] = useJson(AUTH_ME_URL, parseIsAdmin);
  return state.status === "ok" && state.data;
}
