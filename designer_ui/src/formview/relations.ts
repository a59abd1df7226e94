/** Relation pickers: which field of the linked form to show and search, and how. */
import type { FieldDef, FormDefinition, LinkItem } from "../fields.ts";
import { formatValue, type ValueWords } from "../format.ts";
import type { Locale } from "../i18n.ts";
import type { RecordItem } from "../recordsApi.ts";

/** Types the list API can search with `contains`. */
const CONTAINS_TYPES: ReadonlySet<string> = new Set([
  "text",
  "long_text",
  "email",
  "phone",
  "url",
  "scan_code",
  "auto_number",
]);

const EQUALS_TYPES: ReadonlySet<string> = new Set(["integer", "decimal", "currency", "percent", "date"]);

/** The linked form's field shown for a link: as chosen, else its title field, else `id`. */
export function displayFieldOf(field: FieldDef, target: FormDefinition | null): string {
  const chosen = field.displayField ?? target?.titleField ?? null;
  if (chosen === null) return "id";
  if (target !== null && !target.fields.some((candidate) => candidate.id === chosen)) return "id";
  return chosen;
}

export interface SearchFilter {
  field: string | null;
  op: "contains" | "eq";
  text: string;
}

/**
 * How to find what the operator typed: `contains` on a text display field,
 * `eq` on numbers, dates and ids; no filter (the newest records) otherwise.
 */
export function searchFilter(displayField: string, target: FormDefinition | null, typed: string): SearchFilter {
  const text = typed.trim();
  if (text === "") return { field: null, op: "eq", text: "" };
  if (displayField === "id") {
    const id = text.replace(/^#/, "");
    return /^\d+$/.test(id) ? { field: "id", op: "eq", text: id } : { field: null, op: "eq", text: "" };
  }
  const type = target?.fields.find((candidate) => candidate.id === displayField)?.type ?? "text";
  if (CONTAINS_TYPES.has(type)) return { field: displayField, op: "contains", text };
  if (EQUALS_TYPES.has(type)) return { field: displayField, op: "eq", text };
  return { field: null, op: "eq", text: "" };
}

/** A found record as a picker option (its display value, or `#id`). */
export function recordOption(
  record: RecordItem,
  displayField: string,
  target: FormDefinition | null,
  locale: Locale,
  words: ValueWords,
): LinkItem {
  if (displayField === "id") return { id: record.id, display: `#${record.id}` };
  const field = target?.fields.find((candidate) => candidate.id === displayField) ?? null;
  const shown = formatValue(field, record.data[displayField], locale, words);
  return { id: record.id, display: shown === "" ? `#${record.id}` : shown };
}

/** Options not already picked. */
export function withoutPicked<T extends { id: string | number }>(options: readonly T[], picked: readonly LinkItem[]): T[] {
  const ids = new Set(picked.map((item) => String(item.id)));
  return options.filter((option) => !ids.has(String(option.id)));
}

/** People options matching typed text (name, login, or parents' names). */
export function filterOptions<T extends { display: string; detail?: string }>(options: readonly T[], typed: string, limit = 20): T[] {
  const text = typed.trim().toLowerCase();
  const found = text === ""
    ? [...options]
    : options.filter(
        (option) => option.display.toLowerCase().includes(text) || (option.detail ?? "").toLowerCase().includes(text),
      );
  return found.slice(0, limit);
}
