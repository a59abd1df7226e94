/** Filters of the record list: their values as typed, checked, and as query parameters. */
import { localInputToIso } from "../datetime.ts";
import type { FilterOp, ValueKind } from "./fieldCaps.ts";

export interface ActiveFilter {
  /** Field id or system key. */
  field: string;
  op: FilterOp;
  /** The value as the API takes it (`in` lists comma-separated, `isnull` "true"/"false"). */
  value: string;
}

export type ValueProblem = "required" | "integer" | "number" | "date" | "datetime" | "time";

export type CheckedValue = { ok: true; value: string } | { ok: false; problem: ValueProblem };

const INTEGER = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;

function ok(value: string): CheckedValue {
  return { ok: true, value };
}

function bad(problem: ValueProblem): CheckedValue {
  return { ok: false, problem };
}

/** Split a typed list ("a, b\nc") into its distinct, non-empty items. */
export function splitList(text: string): string[] {
  const items = text
    .split(/[,，\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
  return [...new Set(items)];
}

/**
 * Check what was typed or picked for a filter and turn it into the value the
 * API takes; `datetime` inputs (browser-local) become ISO times with an offset.
 */
export function checkFilterValue(
  kind: ValueKind,
  raw: string | readonly string[],
  toIso: (local: string) => string | null = localInputToIso,
): CheckedValue {
  if (kind === "none") return ok("");
  if (kind === "options") {
    const items = (typeof raw === "string" ? splitList(raw) : [...new Set(raw)]).filter((item) => item !== "");
    return items.length === 0 ? bad("required") : ok(items.join(","));
  }
  const text = (typeof raw === "string" ? raw : raw.join(",")).trim();
  if (text === "") return bad("required");
  switch (kind) {
    case "empty":
    case "boolean":
      return text === "true" || text === "false" ? ok(text) : bad("required");
    case "list": {
      const items = splitList(text);
      return items.length === 0 ? bad("required") : ok(items.join(","));
    }
    case "integer":
      return INTEGER.test(text) ? ok(text) : bad("integer");
    case "number":
      return NUMBER.test(text) ? ok(text) : bad("number");
    case "date":
      return DATE.test(text) ? ok(text) : bad("date");
    case "time":
      return TIME.test(text) ? ok(text) : bad("time");
    case "datetime": {
      const iso = toIso(text);
      return iso === null ? bad("datetime") : ok(iso);
    }
    default:
      return ok(text);
  }
}

/** `filter[field][op]=value` pairs, in the order the filters were added. */
export function filterParams(filters: readonly ActiveFilter[]): [string, string][] {
  return filters.map((filter) => [`filter[${filter.field}][${filter.op}]`, filter.value]);
}

export function sameFilter(a: ActiveFilter, b: ActiveFilter): boolean {
  return a.field === b.field && a.op === b.op && a.value === b.value;
}

/** Add a filter; one already there (same field, operator and value) is not repeated. */
export function addFilter(filters: readonly ActiveFilter[], filter: ActiveFilter): ActiveFilter[] {
  return filters.some((existing) => sameFilter(existing, filter)) ? [...filters] : [...filters, filter];
}

export function removeFilter(filters: readonly ActiveFilter[], index: number): ActiveFilter[] {
  return filters.filter((_, i) => i !== index);
}
