/** Column headings, cell texts and filter descriptions as people read them. */
import { fieldLabel, type FieldDef } from "../fields.ts";
import { formatValue, type ValueWords } from "../format.ts";
import { formatDateTime, type Locale } from "../i18n.ts";
import { resolveLabel } from "../labels.ts";
import { isSystemKey, type ListColumn } from "./columns.ts";
import type { ActiveFilter } from "./filters.ts";
import type { ListMessages } from "./messages.ts";
import { cellValue, type ListRecord } from "./query.ts";

export function columnLabel(column: ListColumn, locale: Locale, lm: ListMessages): string {
  if (column.field !== null) return fieldLabel(column.field, locale);
  return isSystemKey(column.key) ? lm.system[column.key] : column.key;
}

export function cellText(
  column: ListColumn,
  record: ListRecord,
  locale: Locale,
  words: ValueWords,
): string {
  const value = cellValue(record, column.key);
  if (column.field !== null) return formatValue(column.field, value, locale, words);
  if (column.key === "id") return `#${record.id}`;
  if (column.type === "datetime") return typeof value === "string" ? formatDateTime(value, locale) : "";
  return typeof value === "string" ? value : "";
}

function optionText(field: FieldDef | null, key: string, locale: Locale): string {
  const option = field?.options.find((candidate) => candidate.key === key);
  return option === undefined ? key : resolveLabel(option.label, locale) || key;
}

/** A filter's value in words ("Yes", an option's label, a local time, …). */
export function filterValueText(
  column: ListColumn | undefined,
  filter: ActiveFilter,
  locale: Locale,
  words: ValueWords,
  lm: ListMessages,
): string {
  if (filter.op === "isnull") return filter.value === "true" ? lm.isEmpty : lm.isNotEmpty;
  const type = column?.type ?? "";
  if (type === "boolean") return filter.value === "true" ? words.yes : words.no;
  if (type === "single_select" || type === "multi_select") {
    return filter.value
      .split(",")
      .map((key) => optionText(column?.field ?? null, key, locale))
      .join(", ");
  }
  if (type === "datetime") return formatDateTime(filter.value, locale) || filter.value;
  if (filter.op === "in" || filter.op === "nin") return filter.value.split(",").join(", ");
  return filter.value;
}

/** "Sampled at least 3", "Remarks is empty", … */
export function describeFilter(
  column: ListColumn | undefined,
  filter: ActiveFilter,
  locale: Locale,
  words: ValueWords,
  lm: ListMessages,
): string {
  const label = column === undefined ? filter.field : columnLabel(column, locale, lm);
  const value = filterValueText(column, filter, locale, words, lm);
  if (filter.op === "isnull") return `${label} ${value}`;
  return `${label} ${lm.opLabel(filter.op, column?.type ?? "")} ${value}`;
}
