/**
 * Server errors (RFC 9457 `errors[].pointer`, JSON pointers into the saved
 * document) mapped to what they concern in the designer: a field (and which of
 * its properties), a section, a form-level validation rule, or the form.
 */
import type { ProblemError } from "../problem.ts";
import { refKey, type FieldRef, type FormDoc } from "./model.ts";

export type ErrorTarget =
  | {
      kind: "field";
      ref: FieldRef;
      /** The field's property concerned (`max_length`, `options`…), `"section"` for layout, or `null`. */
      prop: string | null;
      /** The rest of the pointer below the property (`1/key` for `/options/1/key`). */
      detail: string;
    }
  | { kind: "section"; id: string; prop: string | null }
  | { kind: "validation"; index: number; prop: string | null }
  | { kind: "form"; prop: string | null };

/** RFC 6901 reference tokens of a pointer (`""` → none). */
export function pointerTokens(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .replace(/^\//, "")
    .split("/")
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function asIndex(token: string | undefined): number | null {
  return token !== undefined && /^\d+$/.test(token) ? Number(token) : null;
}

function findById(doc: FormDoc, id: string): FieldRef | null {
  if (doc.fields.some((f) => f.id === id)) return { table: null, id };
  for (const table of doc.fields) {
    if (table.fields?.some((c) => c.id === id)) return { table: table.id, id };
  }
  return null;
}

/** What the error at `pointer` in `doc` (the document as it was sent) is about. */
export function locatePointer(doc: FormDoc, pointer: string): ErrorTarget {
  const tokens = pointerTokens(pointer);
  const [head, second, third, fourth, fifth] = tokens;
  if (head === "fields" && second !== undefined) {
    const index = asIndex(second);
    const field = index === null ? doc.fields.find((f) => f.id === second) : doc.fields[index];
    if (field === undefined) return { kind: "form", prop: "fields" };
    const columnIndex = asIndex(fourth);
    if (third === "fields" && columnIndex !== null && field.fields !== undefined) {
      const column = field.fields[columnIndex];
      if (column !== undefined) {
        return {
          kind: "field",
          ref: { table: field.id, id: column.id },
          prop: fifth ?? null,
          detail: tokens.slice(5).join("/"),
        };
      }
    }
    return {
      kind: "field",
      ref: { table: null, id: field.id },
      prop: third ?? null,
      detail: tokens.slice(3).join("/"),
    };
  }
  if (head === "sections" && second !== undefined) {
    const section = doc.sections?.[asIndex(second) ?? -1];
    if (section === undefined) return { kind: "form", prop: "sections" };
    const position = asIndex(fourth);
    if (third === "fields" && position !== null) {
      const id = section.fields[position];
      if (id !== undefined && doc.fields.some((f) => f.id === id)) {
        return { kind: "field", ref: { table: null, id }, prop: "section", detail: "" };
      }
    }
    return { kind: "section", id: section.id, prop: third ?? null };
  }
  if (head === "validations" && second !== undefined) {
    const index = asIndex(second);
    if (index !== null) return { kind: "validation", index, prop: third ?? null };
  }
  if (head === "records" && third !== undefined) {
    // Publishing checks stored values: /records/{id}/{field}.
    const ref = findById(doc, third);
    if (ref !== null) return { kind: "field", ref, prop: "type", detail: "" };
  }
  return { kind: "form", prop: head ?? null };
}

export interface PlacedError {
  prop: string | null;
  detail: string;
  message: string;
}

/** Errors sorted by what they concern, ready for cards, the panel and banners. */
export interface ErrorIndex {
  /** Field errors by {@link refKey}. */
  fields: Readonly<Record<string, readonly PlacedError[]>>;
  sections: Readonly<Record<string, readonly PlacedError[]>>;
  validations: Readonly<Record<number, readonly PlacedError[]>>;
  form: readonly PlacedError[];
  /** The first field with an error (in the order the errors came), to select it. */
  firstField: FieldRef | null;
  count: number;
}

export const NO_ERRORS: ErrorIndex = {
  fields: {},
  sections: {},
  validations: {},
  form: [],
  firstField: null,
  count: 0,
};

function push<K extends string | number>(
  map: Record<K, PlacedError[]>,
  key: K,
  error: PlacedError,
): void {
  const list = map[key] as PlacedError[] | undefined;
  if (list === undefined) map[key] = [error];
  else list.push(error);
}

/** Index `errors` (pointers into `doc`) by the field, section or rule they concern. */
export function indexErrors(doc: FormDoc, errors: readonly ProblemError[]): ErrorIndex {
  const fields: Record<string, PlacedError[]> = {};
  const sections: Record<string, PlacedError[]> = {};
  const validations: Record<number, PlacedError[]> = {};
  const form: PlacedError[] = [];
  let firstField: FieldRef | null = null;
  for (const error of errors) {
    const target = locatePointer(doc, error.pointer);
    const placed = (prop: string | null, detail = ""): PlacedError => ({ prop, detail, message: error.message });
    switch (target.kind) {
      case "field":
        push(fields, refKey(target.ref), placed(target.prop, target.detail));
        firstField ??= target.ref;
        break;
      case "section":
        push(sections, target.id, placed(target.prop));
        break;
      case "validation":
        push(validations, target.index, placed(target.prop));
        break;
      case "form":
        form.push(placed(target.prop));
        break;
    }
  }
  return { fields, sections, validations, form, firstField, count: errors.length };
}

/** `index` without the errors of one field property (after the admin changed it). */
export function clearFieldErrors(index: ErrorIndex, key: string, prop: string): ErrorIndex {
  const current = index.fields[key];
  if (current === undefined) return index;
  const kept = current.filter((error) => error.prop !== prop);
  if (kept.length === current.length) return index;
  const fields = Object.fromEntries(Object.entries(index.fields).filter(([name]) => name !== key));
  if (kept.length > 0) fields[key] = kept;
  return { ...index, fields, count: index.count - (current.length - kept.length) };
}

/** `index` with a renamed field's errors kept under its new key. */
export function renameFieldErrors(index: ErrorIndex, from: string, to: string): ErrorIndex {
  const current = index.fields[from];
  if (current === undefined || from === to) return index;
  const fields = Object.fromEntries(Object.entries(index.fields).filter(([name]) => name !== from));
  fields[to] = current;
  return { ...index, fields };
}

/** Errors of a field that belong to no particular property editor (shown at the top of the panel). */
export function generalErrors(errors: readonly PlacedError[], props: readonly string[]): PlacedError[] {
  return errors.filter((error) => error.prop === null || !props.includes(error.prop));
}
