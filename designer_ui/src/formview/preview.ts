/**
 * Live rules of the generated form: which fields are visible and required
 * right now, and the values of formulas, as the server's record preview
 * (`POST …/records/preview`) says.
 */
import { COMPUTED_TYPES, type FieldDef } from "../fields.ts";

export interface FieldRule {
  visible: boolean;
  required: boolean;
}

export interface RecordPreview {
  fields: Record<string, FieldRule>;
  computed: Record<string, unknown>;
}

/**
 * - `pending`: the first answer has not come yet;
 * - `ready`: the last answer holds;
 * - `off`: the server has no preview (or it failed): every field shows.
 */
export type PreviewStatus = "pending" | "ready" | "off";

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** Validate a preview answer; unknown members are ignored, missing ones are empty. */
export function parseRecordPreview(data: unknown): RecordPreview {
  const record = asRecord(data) ?? {};
  const fields: Record<string, FieldRule> = {};
  for (const [id, value] of Object.entries(asRecord(record.fields) ?? {})) {
    const rule = asRecord(value);
    if (rule === null) continue;
    fields[id] = { visible: rule.visible !== false, required: rule.required === true };
  }
  return { fields, computed: { ...(asRecord(record.computed) ?? {}) } };
}

/** Whether the form has anything the preview decides (else it is never asked). */
export function needsPreview(fields: readonly FieldDef[]): boolean {
  return fields.some(
    (field) =>
      (field.visibleIf ?? null) !== null ||
      (field.requiredIf ?? null) !== null ||
      (COMPUTED_TYPES.has(field.type) && field.type !== "auto_number"),
  );
}

/**
 * The fields to hide: those the preview says are invisible; while the first
 * answer is pending, the conditional ones (so they do not flash up and away).
 */
export function hiddenFields(
  fields: readonly FieldDef[],
  preview: RecordPreview | null,
  status: PreviewStatus,
): Set<string> {
  const hidden = new Set<string>();
  if (status === "off") return hidden;
  for (const field of fields) {
    const rule = preview?.fields[field.id];
    if (rule !== undefined ? !rule.visible : status === "pending" && (field.visibleIf ?? null) !== null) {
      hidden.add(field.id);
    }
  }
  return hidden;
}

/** Required now: as the preview says, else as the definition says. */
export function isRequiredNow(field: FieldDef, preview: RecordPreview | null): boolean {
  return preview?.fields[field.id]?.required ?? field.required;
}

/** Whether a field's requirement depends on the record (shown with a hint). */
export function isConditionallyRequired(field: FieldDef): boolean {
  return (field.requiredIf ?? null) !== null;
}

/** A stable text for "did the data change since the last preview?". */
export function previewKey(data: Record<string, unknown>, id: number | null): string {
  return JSON.stringify([id, data]);
}
