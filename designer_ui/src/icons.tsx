/** Line icons drawn with one stroked path, in the colour of the text around them. */
export function StrokeIcon(props: { d: string; box?: 20 | 24; weight?: number; className?: string }) {
  const box = props.box ?? 20;
  return (
    <svg className={props.className ?? "btn__icon"} viewBox={`0 0 ${box} ${box}`} aria-hidden="true">
      <path
        d={props.d}
        fill="none"
        stroke="currentColor"
        strokeWidth={props.weight ?? 1.7}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
