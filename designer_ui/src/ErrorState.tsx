import type { Messages } from "./i18n.ts";
import type { Problem } from "./problem.ts";

/** A failed load: a friendly sentence, what the server said (if safe), and a retry button. */
export function ErrorState(props: {
  problem: Problem;
  onRetry: () => void;
  title: string;
  testId: string;
  t: Messages;
}) {
  const { problem, t } = props;
  const friendly =
    problem.kind === "network"
      ? t.errorNetwork
      : problem.kind === "invalid"
        ? t.errorInvalid
        : t.errorHttp;
  // Browser network errors ("Failed to fetch") add nothing for a person:
  // only show what the server itself said.
  const showServerText = problem.kind !== "network";
  return (
    <section className="panel panel--error" role="alert" data-testid={props.testId}>
      <h2 className="panel__title">{props.title}</h2>
      <p className="panel__text">{friendly}</p>
      {showServerText && (problem.title !== "" || problem.detail !== "") && (
        <div className="problem">
          {problem.title !== "" && (
            <p className="problem__title" data-testid="error-title">
              {problem.title}
            </p>
          )}
          {problem.detail !== "" && (
            <p className="problem__detail" data-testid="error-detail">
              {problem.detail}
            </p>
          )}
        </div>
      )}
      <button type="button" className="btn btn--primary" onClick={props.onRetry}>
        {t.retry}
      </button>
    </section>
  );
}
