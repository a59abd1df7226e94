/** Small stroke icons for buttons (1.1em, the colour of the text). */
import { StrokeIcon as Icon } from "../icons.tsx";

export function PlusIcon() {
  return <Icon d="M10 4v12M4 10h12" />;
}

export function PencilIcon() {
  return <Icon d="m12.5 4.5 3 3M4 16l1-4 8.5-8.5a1.4 1.4 0 0 1 2 0l1 1a1.4 1.4 0 0 1 0 2L8 15l-4 1Z" />;
}

export function UploadIcon() {
  return <Icon d="M10 13V3m0 0L6.5 6.5M10 3l3.5 3.5M4 13.5V16a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1v-2.5" />;
}

export function DownloadIcon() {
  return <Icon d="M10 3v9m0 0-3.5-3.5M10 12l3.5-3.5M4 14.5V16a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1v-1.5" />;
}
