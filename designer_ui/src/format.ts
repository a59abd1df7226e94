/** Record values as short, readable text for lists, read-only fields and history. */
import type { FieldDef } from "./fields.ts";
import { formatDateTime, type Locale } from "./i18n.ts";
import { resolveLabel } from "./labels.ts";

export interface ValueWords {
  yes: string;
  no: string;
  rows: (count: number) => string;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function optionLabel(field: FieldDef | null, key: string, locale: Locale): string {
  const option = field?.options.find((candidate) => candidate.key === key);
  return option === undefined ? key : resolveLabel(option.label, locale) || key;
}

/** One value of any type (field may be `null` when unknown, e.g. in history). */
export function formatValue(
  field: FieldDef | null,
  value: unknown,
  locale: Locale,
  words: ValueWords,
): string {
  if (value === null || value === undefined || value === "") return "";
  const type = field?.type ?? "";
  if (typeof value === "boolean") return value ? words.yes : words.no;
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (type === "single_select") return optionLabel(field, value, locale);
    if (type === "datetime") return formatDateTime(value, locale) || value;
    return value;
  }
  if (Array.isArray(value)) {
    if (type === "sub_table") return words.rows(value.length);
    const parts = (value as unknown[]).map((item) => {
      if (typeof item === "string") {
        return type === "multi_select" ? optionLabel(field, item, locale) : item;
      }
      const record = asRecord(item);
      if (record !== null && Array.isArray(record.cells ?? null)) return "";
      return record === null ? formatValue(null, item, locale, words) : objectText(record);
    });
    if (parts.length > 0 && parts.every((part) => part === "") && value.length > 0) {
      return words.rows(value.length);
    }
    return parts.filter((part) => part !== "").join(", ");
  }
  const record = asRecord(value);
  return record === null ? "" : objectText(record);
}

/** `{id, display}` → display; user → display_name; file → name; geolocation → lat, lng. */
function objectText(record: Record<string, unknown>): string {
  for (const key of ["display", "display_name", "name", "label", "login"]) {
    const text = record[key];
    if (typeof text === "string" && text !== "") return text;
  }
  if (typeof record.lat === "number" && typeof record.lng === "number") {
    return `${record.lat}, ${record.lng}`;
  }
  if (typeof record.id === "number" || typeof record.id === "string") return `#${record.id}`;
  return "";
}
