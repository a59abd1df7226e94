/**
 * What the list API lets a client do with each field type: sort by it, and
 * which filter operators it takes (mirrors `engine/forms/field_types/*.py`:
 * `sortable`, `filter_operators`, `has_column`).
 */

export const FILTER_OPS = [
  "eq",
  "ne",
  "gt",
  "gte",
  "lt",
  "lte",
  "in",
  "nin",
  "contains",
  "startswith",
  "has",
  "isnull",
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export function isFilterOp(value: string): value is FilterOp {
  return (FILTER_OPS as readonly string[]).includes(value);
}

const EQUALITY: readonly FilterOp[] = ["eq", "ne", "in", "nin", "isnull"];
const RANGE: readonly FilterOp[] = ["gt", "gte", "lt", "lte"];
const TEXT: readonly FilterOp[] = ["contains", "startswith"];

/** Operators in the order a person expects them in a menu. */
const MENU_ORDER: readonly FilterOp[] = [
  "contains",
  "eq",
  "ne",
  "startswith",
  "gt",
  "gte",
  "lt",
  "lte",
  "has",
  "in",
  "nin",
  "isnull",
];

function ordered(ops: readonly FilterOp[]): FilterOp[] {
  return MENU_ORDER.filter((op) => ops.includes(op));
}

const OPERATORS: Readonly<Record<string, readonly FilterOp[]>> = {
  text: [...EQUALITY, ...RANGE, ...TEXT],
  long_text: ["contains", "isnull"],
  integer: [...EQUALITY, ...RANGE],
  decimal: [...EQUALITY, ...RANGE],
  currency: [...EQUALITY, ...RANGE],
  percent: [...EQUALITY, ...RANGE],
  date: [...EQUALITY, ...RANGE],
  datetime: [...EQUALITY, ...RANGE],
  time: [...EQUALITY, ...RANGE],
  boolean: ["eq", "ne", "isnull"],
  single_select: EQUALITY,
  multi_select: ["has", "isnull"],
  email: [...EQUALITY, ...TEXT],
  phone: [...EQUALITY, ...TEXT],
  url: [...EQUALITY, ...TEXT],
  scan_code: [...EQUALITY, ...TEXT],
  auto_number: [...EQUALITY, ...RANGE, ...TEXT],
  formula: [...EQUALITY, ...RANGE],
  rollup: [...EQUALITY, ...RANGE],
  user: ["eq", "ne", "isnull"],
  department: ["eq", "ne", "isnull"],
  relation: ["eq", "ne", "in", "nin", "isnull"],
  attachment: ["isnull"],
  image: ["isnull"],
  signature: ["isnull"],
  geolocation: ["isnull"],
  lookup: [],
  sub_table: [],
};

/** Filter operators the list API accepts for a field of `type` (none for unknown types). */
export function operatorsFor(type: string): FilterOp[] {
  return ordered(OPERATORS[type] ?? []);
}

/**
 * Types the list cannot sort by. `user` and `relation` may hold several
 * values (the definition says so, not the type), so they are left out too.
 */
const NOT_SORTABLE: ReadonlySet<string> = new Set([
  "long_text",
  "multi_select",
  "attachment",
  "image",
  "signature",
  "geolocation",
  "lookup",
  "sub_table",
  "relation",
  "department",
  "user",
]);

export function isSortable(type: string): boolean {
  return type in OPERATORS && !NOT_SORTABLE.has(type);
}

/** The input a filter value is typed in. */
export type ValueKind =
  | "none"
  | "empty"
  | "text"
  | "list"
  | "integer"
  | "number"
  | "date"
  | "datetime"
  | "time"
  | "boolean"
  | "option"
  | "options";

const NUMBER_TYPES: ReadonlySet<string> = new Set(["decimal", "currency", "percent", "rollup"]);

/** Which input asks for the value of `op` on a field of `type`. */
export function valueKindFor(type: string, op: FilterOp): ValueKind {
  if (op === "isnull") return "empty";
  if (type === "boolean") return "boolean";
  if (type === "single_select") return op === "in" || op === "nin" ? "options" : "option";
  if (type === "multi_select") return "option";
  if (op === "in" || op === "nin") return "list";
  if (op === "contains" || op === "startswith") return "text";
  if (type === "integer") return "integer";
  if (NUMBER_TYPES.has(type)) return "number";
  if (type === "date") return "date";
  if (type === "datetime") return "datetime";
  if (type === "time") return "time";
  if (type === "relation") return "integer";
  return "text";
}
