/** Which column of the sheet goes into which field: the choice, its checks, and samples. */
import type { FieldDef, FormDefinition } from "../fields.ts";
import type { ProblemError } from "../problem.ts";
import type { CellProblem, PreviewRow } from "./importApi.ts";

export type Mapping = Record<string, string | null>;

/** Types the engine fills in itself, or that hold rows: a cell cannot fill them. */
const NOT_IMPORTABLE: ReadonlySet<string> = new Set(["formula", "auto_number", "lookup", "rollup", "sub_table"]);

export function importableFields(definition: FormDefinition): FieldDef[] {
  return definition.fields.filter((field) => !NOT_IMPORTABLE.has(field.type));
}

/**
 * The mapping to start from: every column of the file, with the server's
 * suggestion where it has one (and only fields this form can import).
 */
export function initialMapping(columns: readonly string[], suggested: Mapping, fields: readonly FieldDef[]): Mapping {
  const known = new Set(fields.map((field) => field.id));
  const out: Mapping = {};
  const taken = new Set<string>();
  for (const column of columns) {
    const field = suggested[column] ?? null;
    if (field !== null && known.has(field) && !taken.has(field)) {
      out[column] = field;
      taken.add(field);
    } else {
      out[column] = null;
    }
  }
  return out;
}

export function setColumn(mapping: Mapping, column: string, field: string | null): Mapping {
  return { ...mapping, [column]: field === "" ? null : field };
}

/** Field id → the columns mapped to it, for fields chosen more than once. */
export function duplicateFields(mapping: Mapping): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const [column, field] of Object.entries(mapping)) {
    if (field === null) continue;
    byField.set(field, [...(byField.get(field) ?? []), column]);
  }
  return new Map([...byField].filter(([, columns]) => columns.length > 1));
}

export function mappedCount(mapping: Mapping): number {
  return Object.values(mapping).filter((field) => field !== null).length;
}

/** Required fields no column fills (new records would be refused). */
export function missingRequired(mapping: Mapping, fields: readonly FieldDef[]): FieldDef[] {
  const mapped = new Set(Object.values(mapping));
  return fields.filter((field) => field.required && !mapped.has(field.id));
}

/** Fields a key can be: those a column is mapped to. */
export function keyCandidates(mapping: Mapping, fields: readonly FieldDef[]): FieldDef[] {
  const mapped = new Set(Object.values(mapping));
  return fields.filter((field) => mapped.has(field.id));
}

/** The key stays only while its field is still mapped. */
export function validKey(mapping: Mapping, key: string | null): string | null {
  return key !== null && Object.values(mapping).includes(key) ? key : null;
}

/** What the mapping lets the check go ahead with, or why not. */
export type MappingIssue = "nothing_mapped" | "duplicates";

export function mappingIssues(mapping: Mapping): MappingIssue[] {
  const issues: MappingIssue[] = [];
  if (mappedCount(mapping) === 0) issues.push("nothing_mapped");
  if (duplicateFields(mapping).size > 0) issues.push("duplicates");
  return issues;
}

/** The body for `/check`: only the mapped columns count, skipped ones are sent as null. */
export function mappingBody(mapping: Mapping, key: string | null): { mapping: Mapping; key_field: string | null } {
  return { mapping: { ...mapping }, key_field: validKey(mapping, key) };
}

/** A preview cell as short text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Up to `limit` distinct, non-empty sample values of the column at `index`. */
export function sampleValues(preview: readonly PreviewRow[], index: number, limit = 3): string[] {
  const out: string[] = [];
  for (const row of preview) {
    const text = cellText(row.cells[index]).trim();
    if (text === "" || out.includes(text)) continue;
    out.push(text);
    if (out.length >= limit) break;
  }
  return out;
}

/** Decode one JSON-pointer token (`~1` is "/", `~0` is "~"). */
function unescapePointer(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

export interface MappingErrors {
  /** Column header → messages. */
  byColumn: Record<string, string[]>;
  key: string[];
  other: string[];
}

/** A refused mapping's `errors[]` (`/mapping/<column>`, `/key_field`) put at their column. */
export function mappingErrors(errors: readonly ProblemError[]): MappingErrors {
  const out: MappingErrors = { byColumn: {}, key: [], other: [] };
  for (const error of errors) {
    if (error.pointer.startsWith("/mapping/")) {
      const column = unescapePointer(error.pointer.slice("/mapping/".length));
      (out.byColumn[column] ??= []).push(error.message);
    } else if (error.pointer === "/key_field") {
      out.key.push(error.message);
    } else {
      out.other.push(error.message);
    }
  }
  return out;
}

/** One page of the bad cells. */
export function problemPage(problems: readonly CellProblem[], page: number, size: number): CellProblem[] {
  const start = Math.max(0, page) * size;
  return problems.slice(start, start + size);
}

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Rows with at least one problem. */
export function badRows(problems: readonly CellProblem[]): number {
  return new Set(problems.map((problem) => problem.row)).size;
}
