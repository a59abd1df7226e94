import type { Problem } from "../problem.ts";

/** A refused request in plain words: our title, the server's detail and its specific errors. */
export function ProblemBox(props: { title: string; problem: Problem; testId: string; hideErrors?: boolean }) {
  const { problem } = props;
  const detail = problem.detail !== "" ? problem.detail : problem.title;
  const errors = props.hideErrors === true ? [] : (problem.errors ?? []);
  return (
    <div className="importer__problem" role="alert" data-testid={props.testId}>
      <p className="importer__problem-title">{props.title}</p>
      {detail !== "" && <p>{detail}</p>}
      {errors.length > 0 && (
        <ul>
          {errors.slice(0, 12).map((error, index) => (
            <li key={`${error.pointer}-${index}`}>{error.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
