import type { Health } from "./api.ts";
import { databaseName, type Messages } from "./i18n.ts";
import type { LoadState } from "./useJson.ts";

export function HealthBadge(props: { state: LoadState<Health>; t: Messages }) {
  const { state, t } = props;
  let text: string;
  let tone: "ok" | "warn" | "error" | "pending";
  if (state.status === "loading") {
    text = t.healthChecking;
    tone = "pending";
  } else if (state.status === "error") {
    text = t.healthError;
    tone = "error";
  } else {
    text = t.healthOk(databaseName(state.data.database), state.data.version);
    tone = state.data.status === "ok" ? "ok" : "warn";
  }
  return (
    <span
      className={`badge badge--${tone}`}
      data-testid="health-badge"
      data-state={state.status}
      {...(state.status === "ok"
        ? { "data-database": state.data.database, "data-version": state.data.version }
        : {})}
      role="status"
      title={t.healthLabel}
    >
      <span className="badge__dot" aria-hidden="true" />
      {text}
    </span>
  );
}
