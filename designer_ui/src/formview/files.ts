/** Checks before an upload, and how files are described. */
import type { FileItem, InputDescriptor } from "../fields.ts";

/** Bytes as "12 KB" / "3.4 MB". */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The file types a files field takes, as an `accept` attribute. */
export function acceptFor(input: InputDescriptor): string {
  if (input.field.type === "signature") return "image/png";
  if (input.field.type === "image") return "image/*";
  const accept = input.field.accept ?? [];
  return accept.length > 0 ? accept.join(",") : "image/*,application/pdf";
}

export function maxFilesFor(input: InputDescriptor): number {
  if (input.field.type === "signature") return 1;
  return input.field.maxFiles ?? 10;
}

export function maxBytesFor(input: InputDescriptor): number {
  if (input.field.type === "signature") return 2 * 1024 * 1024;
  return (input.field.maxSizeMb ?? 20) * 1024 * 1024;
}

/** Whether a MIME type matches one of `accept`'s patterns (`image/*`, `application/pdf`). */
export function typeAllowed(type: string, accept: string): boolean {
  if (type === "") return true; // unknown here: the server decides
  return accept.split(",").some((pattern) => {
    const wanted = pattern.trim().toLowerCase();
    if (wanted.endsWith("/*")) return type.toLowerCase().startsWith(wanted.slice(0, -1));
    return wanted === type.toLowerCase();
  });
}

export type RefusalReason = "too_many" | "too_big" | "type";

export interface Refusal {
  name: string;
  reason: RefusalReason;
}

export interface Candidate {
  name: string;
  size: number;
  type: string;
}

/**
 * Which of the chosen files to upload, given how many the field already holds;
 * the others are refused with a reason the operator can act on.
 */
export function checkFiles<T extends Candidate>(
  chosen: readonly T[],
  held: number,
  limits: { maxFiles: number; maxBytes: number; accept: string },
): { accepted: T[]; refused: Refusal[] } {
  const accepted: T[] = [];
  const refused: Refusal[] = [];
  for (const file of chosen) {
    if (!typeAllowed(file.type, limits.accept)) {
      refused.push({ name: file.name, reason: "type" });
    } else if (file.size > limits.maxBytes) {
      refused.push({ name: file.name, reason: "too_big" });
    } else if (held + accepted.length >= limits.maxFiles) {
      refused.push({ name: file.name, reason: "too_many" });
    } else {
      accepted.push(file);
    }
  }
  return { accepted, refused };
}

/** What to show as a file's preview: its thumbnail, the image itself, or nothing. */
export function previewUrl(item: FileItem): string | null {
  if (item.thumbnailUrl !== null) return item.thumbnailUrl;
  return item.contentType?.startsWith("image/") === true ? item.url : null;
}
