export function Loading(props: { text: string }) {
  return (
    <div className="loading" role="status" data-testid="loading-state">
      <span className="spinner" aria-hidden="true" />
      <span>{props.text}</span>
    </div>
  );
}
