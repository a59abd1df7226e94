/** Small stroke icons for the form's buttons (inherit the text colour). */
import { StrokeIcon } from "../icons.tsx";

function Icon(props: { d: string }) {
  return <StrokeIcon d={props.d} box={24} weight={2} />;
}

export function CameraIcon() {
  return <Icon d="M4 8h3l2-3h6l2 3h3v11H4zM12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8z" />;
}

export function PaperclipIcon() {
  return <Icon d="M21 11.5l-8.5 8.5a5 5 0 0 1-7-7L14 4.5a3.5 3.5 0 0 1 5 5L10.5 18a2 2 0 0 1-3-3L15 7.5" />;
}

export function PinIcon() {
  return <Icon d="M12 21s-6-5.5-6-11a6 6 0 1 1 12 0c0 5.5-6 11-6 11zM12 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z" />;
}

export function PlusIcon() {
  return <Icon d="M12 5v14M5 12h14" />;
}

export function BarcodeIcon() {
  return <Icon d="M4 7V5a1 1 0 0 1 1-1h2M17 4h2a1 1 0 0 1 1 1v2M20 17v2a1 1 0 0 1-1 1h-2M7 20H5a1 1 0 0 1-1-1v-2M7 8v8M10 8v8M13 8v8M16 8v8" />;
}
