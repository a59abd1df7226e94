/**
 * A published form definition turned into input descriptors, the form state
 * those inputs edit, and the record `data` (or PATCH diff) built from it.
 */
import { isoToLocalInput, localInputToIso } from "./datetime.ts";
import { resolveLabel, toLocalizedText, type LocalizedText } from "./labels.ts";
import type { ProblemError } from "./problem.ts";

export interface FieldOption {
  key: string;
  label: LocalizedText | null;
}

/** One field of a definition, as much of it as the UI uses. */
export interface FieldDef {
  id: string;
  type: string;
  label: LocalizedText | null;
  required: boolean;
  options: FieldOption[];
  /** scan_code: scan part (`lot`, `expiry`, …) → field id. */
  fill: Record<string, string>;
  min: number | null;
  max: number | null;
  defaultValue: unknown;
  /* Optional extras (absent on hand-built defs): what richer inputs need. */
  description?: LocalizedText | null;
  /** The admin made the field read-only: shown, never sent. */
  readOnly?: boolean;
  visibleIf?: string | null;
  requiredIf?: string | null;
  /** relation: the linked form, and its field shown for a link. */
  target?: string | null;
  displayField?: string | null;
  /** relation / user: several values. */
  multiple?: boolean;
  /** attachment / image. */
  maxFiles?: number | null;
  maxSizeMb?: number | null;
  accept?: string[];
  /** sub_table: the row's own fields. */
  columns?: FieldDef[];
  minRows?: number | null;
  maxRows?: number | null;
}

/** Layout: top-level fields shown together under a heading, in 1–3 columns. */
export interface SectionDef {
  id: string;
  label: LocalizedText | null;
  columns: number;
  fields: string[];
}

export interface FormDefinition {
  label: LocalizedText | null;
  fields: FieldDef[];
  titleField?: string | null;
  sections?: SectionDef[];
}

export type InputKind =
  | "text"
  | "textarea"
  | "number"
  | "checkbox"
  | "date"
  | "datetime"
  | "time"
  | "select"
  | "multi"
  | "email"
  | "tel"
  | "url"
  | "scan"
  | "relation"
  | "user"
  | "department"
  | "files"
  | "signature"
  | "geolocation"
  | "subtable"
  | "readonly";

export interface InputDescriptor {
  field: FieldDef;
  kind: InputKind;
  /** Whole numbers only (send as a JSON number). */
  integer: boolean;
  /** sub_table: one descriptor per column. */
  columns?: InputDescriptor[];
}

const KINDS: Readonly<Record<string, InputKind>> = {
  text: "text",
  long_text: "textarea",
  integer: "number",
  decimal: "number",
  currency: "number",
  percent: "number",
  boolean: "checkbox",
  date: "date",
  datetime: "datetime",
  time: "time",
  single_select: "select",
  multi_select: "multi",
  email: "email",
  phone: "tel",
  url: "url",
  scan_code: "scan",
  relation: "relation",
  user: "user",
  department: "department",
  attachment: "files",
  image: "files",
  signature: "signature",
  geolocation: "geolocation",
  sub_table: "subtable",
};

/** Types whose values the engine computes: shown, never edited. */
export const COMPUTED_TYPES: ReadonlySet<string> = new Set(["formula", "auto_number", "lookup", "rollup"]);

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function finite(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function parseField(value: unknown): FieldDef | null {
  const record = asRecord(value);
  if (record === null || typeof record.id !== "string" || typeof record.type !== "string") {
    return null;
  }
  const options: FieldOption[] = [];
  if (Array.isArray(record.options)) {
    for (const item of record.options as unknown[]) {
      const option = asRecord(item);
      if (option !== null && typeof option.key === "string") {
        options.push({ key: option.key, label: toLocalizedText(option.label) });
      }
    }
  }
  const fill: Record<string, string> = {};
  for (const [part, target] of Object.entries(asRecord(record.fill) ?? {})) {
    if (typeof target === "string") fill[part] = target;
  }
  const field: FieldDef = {
    id: record.id,
    type: record.type,
    label: toLocalizedText(record.label),
    required: record.required === true,
    options,
    fill,
    min: finite(record.min),
    max: finite(record.max),
    defaultValue: record.default,
    description: toLocalizedText(record.description),
    readOnly: record.read_only === true,
    visibleIf: text(record.visible_if),
    requiredIf: text(record.required_if),
    target: text(record.target),
    displayField: text(record.display_field),
    multiple: record.multiple === true,
    maxFiles: finite(record.max_files),
    maxSizeMb: finite(record.max_size_mb),
    accept: Array.isArray(record.accept)
      ? (record.accept as unknown[]).filter((item): item is string => typeof item === "string")
      : [],
    minRows: finite(record.min_rows),
    maxRows: finite(record.max_rows),
  };
  if (record.type === "sub_table" && Array.isArray(record.fields)) {
    field.columns = (record.fields as unknown[])
      .map(parseField)
      .filter((column): column is FieldDef => column !== null);
  }
  return field;
}

function parseSections(value: unknown): SectionDef[] {
  if (!Array.isArray(value)) return [];
  const out: SectionDef[] = [];
  for (const item of value as unknown[]) {
    const section = asRecord(item);
    if (section === null || typeof section.id !== "string") continue;
    const columns = finite(section.columns) ?? 1;
    out.push({
      id: section.id,
      label: toLocalizedText(section.label),
      columns: Math.min(3, Math.max(1, Math.trunc(columns))),
      fields: Array.isArray(section.fields)
        ? (section.fields as unknown[]).filter((id): id is string => typeof id === "string")
        : [],
    });
  }
  return out;
}

/** Validate `GET …/forms/{form}?version=N` (`{document: {label, fields}}`). */
export function parseFormDefinition(data: unknown): FormDefinition {
  const outer = asRecord(data);
  const document = asRecord(outer?.document) ?? outer;
  if (document === null || !Array.isArray(document.fields)) {
    throw new Error("form definition: document.fields must be an array");
  }
  return {
    label: toLocalizedText(document.label),
    fields: (document.fields as unknown[])
      .map(parseField)
      .filter((field): field is FieldDef => field !== null),
    titleField: text(document.title_field),
    sections: parseSections(document.sections),
  };
}

function describe(field: FieldDef): InputDescriptor {
  const kind = field.readOnly === true || COMPUTED_TYPES.has(field.type) ? "readonly" : (KINDS[field.type] ?? "readonly");
  const input: InputDescriptor = { field, kind, integer: field.type === "integer" };
  if (kind === "subtable") input.columns = (field.columns ?? []).map(describe);
  return input;
}

/** Which input edits each field (`readonly` for computed, read-only and unknown types). */
export function describeInputs(definition: FormDefinition): InputDescriptor[] {
  return definition.fields.map(describe);
}

export function fieldLabel(field: FieldDef, locale: string): string {
  return resolveLabel(field.label, locale) || field.id;
}

/** A picked relation record (`id` a number), user (`id` the login) or department (a number). */
export interface LinkItem {
  id: string | number;
  display: string;
}

export interface LinksValue {
  kind: "links";
  items: LinkItem[];
}

/** An uploaded file as the files API describes it. */
export interface FileItem {
  id: string;
  name: string;
  size: number | null;
  contentType: string | null;
  url: string | null;
  thumbnailUrl: string | null;
}

export interface FilesValue {
  kind: "files";
  items: FileItem[];
}

/** Coordinates as typed (strings), sent as numbers. */
export interface GeoValue {
  kind: "geo";
  lat: string;
  lng: string;
  accuracy: string;
}

export interface TableRow {
  /** Stable React key (rows move). */
  key: string;
  values: FormState;
  /** Read-only cells (formulas, auto-numbers) as the record read showed them. */
  shown?: Record<string, unknown>;
}

export interface RowsValue {
  kind: "rows";
  rows: TableRow[];
}

/** What the inputs hold: text, a checkbox, the checked keys of a multi-select, or richer values. */
export type InputValue = string | boolean | string[] | LinksValue | FilesValue | GeoValue | RowsValue;
export type FormState = Record<string, InputValue>;

let rowCounter = 0;

/** A key no other row of this page has. */
export function newRowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}`;
}

function many(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : value === null || value === undefined ? [] : [value];
}

function linkItem(kind: InputKind, value: unknown): LinkItem | null {
  const record = asRecord(value);
  if (kind === "user") {
    const login = record === null ? value : record.login;
    if (typeof login !== "string" || login === "") return null;
    const name = record === null ? null : text(record.display_name);
    return { id: login, display: name ?? login };
  }
  const raw = record === null ? value : record.id;
  const id = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof id !== "number" || !Number.isFinite(id)) return null;
  const shown = record === null ? null : (record.display ?? record.name);
  const display =
    typeof shown === "string" && shown !== "" ? shown : typeof shown === "number" ? String(shown) : `#${id}`;
  return { id, display };
}

function fileItem(value: unknown): FileItem | null {
  const record = asRecord(value);
  const id = record === null ? value : record.id;
  if (typeof id !== "string" || id === "") return null;
  return {
    id,
    name: (record && text(record.name)) ?? id,
    size: record === null ? null : finite(record.size),
    contentType: record === null ? null : text(record.content_type),
    url: (record && text(record.url)) ?? `/api/v1/files/${id}`,
    thumbnailUrl: record === null ? null : text(record.thumbnail_url),
  };
}

function numberText(value: unknown): string {
  return typeof value === "number" || typeof value === "string" ? String(value) : "";
}

function toInputValue(input: InputDescriptor, value: unknown): InputValue {
  const { kind } = input;
  switch (kind) {
    case "checkbox":
      return value === true;
    case "multi":
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
    case "datetime":
      return typeof value === "string" ? isoToLocalInput(value) : "";
    case "relation":
    case "user":
    case "department":
      return {
        kind: "links",
        items: many(value)
          .map((item) => linkItem(kind, item))
          .filter((item): item is LinkItem => item !== null),
      };
    case "files":
    case "signature":
      return {
        kind: "files",
        items: many(value)
          .map(fileItem)
          .filter((item): item is FileItem => item !== null),
      };
    case "geolocation": {
      const record = asRecord(value);
      return {
        kind: "geo",
        lat: numberText(record?.lat),
        lng: numberText(record?.lng),
        accuracy: numberText(record?.accuracy),
      };
    }
    case "subtable":
      return {
        kind: "rows",
        rows: many(value).map((row) => ({
          key: newRowKey(),
          values: initialState(input.columns ?? [], asRecord(row) ?? {}),
          shown: asRecord(row) ?? {},
        })),
      };
    default:
      return typeof value === "string" || typeof value === "number" ? String(value) : "";
  }
}

/** A new, empty sub-table row (column defaults filled in). */
export function emptyRow(columns: InputDescriptor[]): TableRow {
  return { key: newRowKey(), values: initialState(columns, null) };
}

/**
 * The starting state of the editable inputs: the record's values when editing,
 * else each field's `default`.
 */
export function initialState(inputs: InputDescriptor[], data: Record<string, unknown> | null): FormState {
  const state: FormState = {};
  for (const input of inputs) {
    if (input.kind === "readonly") continue;
    const value = data === null ? input.field.defaultValue : data[input.field.id];
    state[input.field.id] = toInputValue(input, value);
  }
  return state;
}

function apiNumber(text: string): string | number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function richApiValue(input: InputDescriptor, value: InputValue | undefined): unknown {
  const single = input.field.multiple !== true;
  if (typeof value !== "object" || Array.isArray(value)) return null;
  switch (value.kind) {
    case "links": {
      const ids = value.items.map((item) => item.id);
      return single ? (ids[0] ?? null) : ids.length > 0 ? ids : null;
    }
    case "files": {
      const ids = value.items.map((item) => item.id);
      return input.kind === "signature" ? (ids[0] ?? null) : ids.length > 0 ? ids : null;
    }
    case "geo": {
      const lat = apiNumber(value.lat);
      const lng = apiNumber(value.lng);
      const accuracy = apiNumber(value.accuracy);
      if (lat === null && lng === null && accuracy === null) return null;
      return { lat, lng, ...(accuracy === null ? {} : { accuracy }) };
    }
    case "rows":
      return value.rows.map((row) => buildCreateData(input.columns ?? [], row.values));
  }
}

const RICH_KINDS: ReadonlySet<InputKind> = new Set([
  "relation",
  "user",
  "department",
  "files",
  "signature",
  "geolocation",
  "subtable",
]);

/** One input's value as the API wants it (`null` for empty). */
export function toApiValue(input: InputDescriptor, value: InputValue | undefined): unknown {
  if (input.kind === "checkbox") return value === true;
  if (input.kind === "multi") return Array.isArray(value) ? value : [];
  if (RICH_KINDS.has(input.kind)) return richApiValue(input, value);
  if (typeof value !== "string") return null;
  if (input.kind === "scan") return value === "" ? null : value; // keep GS characters
  const text = input.kind === "textarea" ? value : value.trim();
  if (text === "") return null;
  if (input.kind === "number") {
    // Integers as numbers; decimals as strings (no float rounding). Anything
    // unparsable goes as typed so the server can say what is wrong.
    return input.integer && /^-?\d+$/.test(text) ? Number(text) : text;
  }
  if (input.kind === "datetime") return localInputToIso(text) ?? text;
  return text;
}

/**
 * `data` for `POST …/records`: every editable field with a value, except the
 * fields in `skip` (hidden by their condition: never sent).
 */
export function buildCreateData(
  inputs: InputDescriptor[],
  state: FormState,
  skip: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const input of inputs) {
    if (input.kind === "readonly" || skip.has(input.field.id)) continue;
    const value = toApiValue(input, state[input.field.id]);
    if (value === null || (Array.isArray(value) && value.length === 0)) continue;
    data[input.field.id] = value;
  }
  return data;
}

/**
 * `data` for `POST …/records/preview`: every editable field, empty ones as
 * `null` (so a value cleared while editing counts as cleared).
 */
export function buildPreviewData(inputs: InputDescriptor[], state: FormState): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const input of inputs) {
    if (input.kind === "readonly") continue;
    const value = toApiValue(input, state[input.field.id]);
    data[input.field.id] = input.kind === "subtable" && value === null ? [] : value;
  }
  return data;
}

function sameValue(input: InputDescriptor, a: InputValue | undefined, b: InputValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");
  }
  if (typeof a === "object" || typeof b === "object") {
    return JSON.stringify(toApiValue(input, a)) === JSON.stringify(toApiValue(input, b));
  }
  return a === b;
}

/** `data` for `PATCH …/records/{id}`: only the fields whose input changed (never those in `skip`). */
export function buildPatchData(
  inputs: InputDescriptor[],
  before: FormState,
  after: FormState,
  skip: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const input of inputs) {
    if (input.kind === "readonly" || skip.has(input.field.id)) continue;
    const id = input.field.id;
    if (!sameValue(input, before[id], after[id])) {
      const value = toApiValue(input, after[id]);
      data[id] = input.kind === "subtable" && value === null ? [] : value;
    }
  }
  return data;
}

export interface MappedErrors {
  /** field id → its messages. */
  byField: Record<string, string[]>;
  /** Errors that point at no field on the page. */
  other: string[];
  /** Sub-table cells: `"<field>/<row index>/<column>"` → messages. */
  cells?: Record<string, string[]>;
  /** Whole sub-table rows: `"<field>/<row index>"` → messages. */
  rows?: Record<string, string[]>;
}

/** The key of a sub-table cell in {@link MappedErrors.cells}. */
export function cellKey(field: string, row: number, column: string): string {
  return `${field}/${row}/${column}`;
}

/**
 * Put each `errors[]` entry (pointer `/data/<field>[/…]`) at its field; for
 * the sub-tables named in `subTables`, `/data/<field>/<row>/<column>` goes to
 * that cell and `/data/<field>/<row>` to that row.
 */
export function mapErrors(
  errors: readonly ProblemError[],
  fieldIds: readonly string[],
  subTables: readonly string[] = [],
): MappedErrors {
  const byField: Record<string, string[]> = {};
  const cells: Record<string, string[]> = {};
  const rows: Record<string, string[]> = {};
  const other: string[] = [];
  for (const error of errors) {
    const parts = error.pointer.split("/").map(decodePointer);
    const id = parts[1] === "data" && parts.length > 2 ? (parts[2] ?? "") : "";
    if (id === "" || !fieldIds.includes(id)) {
      other.push(error.pointer === "" ? error.message : `${error.pointer}: ${error.message}`);
      continue;
    }
    const row = parts[3] ?? "";
    if (subTables.includes(id) && /^\d+$/.test(row)) {
      const column = parts[4];
      if (column !== undefined && column !== "") {
        (cells[cellKey(id, Number(row), column)] ??= []).push(error.message);
      } else {
        (rows[`${id}/${Number(row)}`] ??= []).push(error.message);
      }
      continue;
    }
    (byField[id] ??= []).push(error.message);
  }
  return { byField, other, cells, rows };
}

function decodePointer(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Inputs that hold plain text (and so can take a part of a scan). */
const TEXT_KINDS: ReadonlySet<InputKind> = new Set([
  "text",
  "textarea",
  "number",
  "date",
  "datetime",
  "time",
  "select",
  "email",
  "tel",
  "url",
  "scan",
]);

/**
 * Copy the parts of a `POST /scan` answer into the inputs a scan field's
 * `fill` map names (only inputs on this form that take text).
 */
export function applyScan(
  inputs: InputDescriptor[],
  state: FormState,
  fill: Readonly<Record<string, string>>,
  parts: Readonly<Record<string, unknown>>,
): FormState {
  const next: FormState = { ...state };
  for (const [part, target] of Object.entries(fill)) {
    const value = parts[part];
    if (value === null || value === undefined) continue;
    const input = inputs.find((candidate) => candidate.field.id === target);
    if (input === undefined || !TEXT_KINDS.has(input.kind)) continue;
    if (typeof value === "string" || typeof value === "number") {
      next[target] = input.kind === "datetime" ? isoToLocalInput(String(value)) : String(value);
    }
  }
  return next;
}
