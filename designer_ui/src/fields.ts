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
}

export interface FormDefinition {
  label: LocalizedText | null;
  fields: FieldDef[];
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
  | "readonly";

export interface InputDescriptor {
  field: FieldDef;
  kind: InputKind;
  /** Whole numbers only (send as a JSON number). */
  integer: boolean;
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
};

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function finite(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
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
  return {
    id: record.id,
    type: record.type,
    label: toLocalizedText(record.label),
    required: record.required === true,
    options,
    fill,
    min: finite(record.min),
    max: finite(record.max),
    defaultValue: record.default,
  };
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
  };
}

/** Which input edits each field (`readonly` for computed and not-yet-supported types). */
export function describeInputs(definition: FormDefinition): InputDescriptor[] {
  return definition.fields.map((field) => ({
    field,
    kind: KINDS[field.type] ?? "readonly",
    integer: field.type === "integer",
  }));
}

export function fieldLabel(field: FieldDef, locale: string): string {
  return resolveLabel(field.label, locale) || field.id;
}

/** What the inputs hold: text, a checkbox, or the checked keys of a multi-select. */
export type InputValue = string | boolean | string[];
export type FormState = Record<string, InputValue>;

function toInputValue(kind: InputKind, value: unknown): InputValue {
  switch (kind) {
    case "checkbox":
      return value === true;
    case "multi":
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
    case "datetime":
      return typeof value === "string" ? isoToLocalInput(value) : "";
    default:
      return typeof value === "string" || typeof value === "number" ? String(value) : "";
  }
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
    state[input.field.id] = toInputValue(input.kind, value);
  }
  return state;
}

/** One input's value as the API wants it (`null` for empty). */
export function toApiValue(input: InputDescriptor, value: InputValue | undefined): unknown {
  if (input.kind === "checkbox") return value === true;
  if (input.kind === "multi") return Array.isArray(value) ? value : [];
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

/** `data` for `POST …/records`: every editable field with a value. */
export function buildCreateData(inputs: InputDescriptor[], state: FormState): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const input of inputs) {
    if (input.kind === "readonly") continue;
    const value = toApiValue(input, state[input.field.id]);
    if (value === null || (Array.isArray(value) && value.length === 0)) continue;
    data[input.field.id] = value;
  }
  return data;
}

function sameValue(a: InputValue | undefined, b: InputValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");
  }
  return a === b;
}

/** `data` for `PATCH …/records/{id}`: only the fields whose input changed. */
export function buildPatchData(
  inputs: InputDescriptor[],
  before: FormState,
  after: FormState,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const input of inputs) {
    if (input.kind === "readonly") continue;
    const id = input.field.id;
    if (!sameValue(before[id], after[id])) data[id] = toApiValue(input, after[id]);
  }
  return data;
}

export interface MappedErrors {
  /** field id → its messages. */
  byField: Record<string, string[]>;
  /** Errors that point at no field on the page. */
  other: string[];
}

/** Put each `errors[]` entry (pointer `/data/<field>[/…]`) at its field. */
export function mapErrors(errors: readonly ProblemError[], fieldIds: readonly string[]): MappedErrors {
  const byField: Record<string, string[]> = {};
  const other: string[] = [];
  for (const error of errors) {
    const parts = error.pointer.split("/");
    const id = parts[1] === "data" && parts.length > 2 ? decodePointer(parts[2] ?? "") : "";
    if (id !== "" && fieldIds.includes(id)) {
      (byField[id] ??= []).push(error.message);
    } else {
      other.push(error.pointer === "" ? error.message : `${error.pointer}: ${error.message}`);
    }
  }
  return { byField, other };
}

function decodePointer(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

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
    if (input === undefined || input.kind === "readonly") continue;
    if (input.kind === "checkbox" || input.kind === "multi") continue;
    if (typeof value === "string" || typeof value === "number") {
      next[target] = input.kind === "datetime" ? isoToLocalInput(String(value)) : String(value);
    }
  }
  return next;
}
