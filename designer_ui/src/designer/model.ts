/**
 * The form document the designer edits, and every change the designer makes
 * to it, as pure functions (each returns a new document; none mutates).
 *
 * Layout: top-level fields not in any section come first (in `fields` order),
 * then each section's fields in the section's order. After every change the
 * `fields` array is kept in that display order, so the document reads the way
 * the form looks. Sub-table columns live in their table's own `fields`.
 */
import { renameIdentifier } from "./expressions.ts";
import {
  canBeColumn,
  FIELD_ID_MAX,
  isFieldType,
  KEY_PATTERN,
  RESERVED_COLUMN_IDS,
  RESERVED_FIELD_IDS,
  SECTION_ID_MAX,
  type FieldType,
} from "./fieldTypes.ts";

/** Text as a definition stores it: one string, or locale → text. */
export type LabelDoc = string | Readonly<Record<string, string>>;

export interface FieldDoc {
  id: string;
  type: FieldType;
  label: LabelDoc;
  fields?: FieldDoc[];
  [prop: string]: unknown;
}

export interface SectionDoc {
  id: string;
  label?: LabelDoc | null;
  columns?: number;
  fields: string[];
}

export interface ValidationDoc {
  expression: string;
  message: LabelDoc;
  fields?: string[];
}

export interface FormDoc {
  schema_version: 1;
  key: string;
  label: LabelDoc;
  fields: FieldDoc[];
  description?: LabelDoc | null;
  title_field?: string | null;
  sections?: SectionDoc[];
  validations?: ValidationDoc[];
}

/** A field: top-level (`table: null`) or a column of the sub-table `table`. */
export interface FieldRef {
  table: string | null;
  id: string;
}

/** What the property panel shows: the form, one section, or one field. */
export type Selection = { kind: "form" } | { kind: "section"; id: string } | { kind: "field"; ref: FieldRef };

export type ContainerId = "root" | `section:${string}` | `table:${string}`;

export function refKey(ref: FieldRef): string {
  return ref.table === null ? ref.id : `${ref.table}/${ref.id}`;
}

export function sameRef(a: FieldRef | null, b: FieldRef | null): boolean {
  return a !== null && b !== null && a.table === b.table && a.id === b.id;
}

export function sectionContainer(id: string): ContainerId {
  return `section:${id}`;
}

export function tableContainer(id: string): ContainerId {
  return `table:${id}`;
}

export function parseContainer(value: string): ContainerId | null {
  if (value === "root") return "root";
  if (/^(section|table):[a-z][a-z0-9_]*$/.test(value)) return value as ContainerId;
  return null;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------
// Reading a document

function parseLabel(value: unknown): LabelDoc {
  if (typeof value === "string") return value;
  if (!isRecord(value)) return "";
  const out: Record<string, string> = {};
  for (const [locale, text] of Object.entries(value)) if (typeof text === "string") out[locale] = text;
  return out;
}

function parseField(value: unknown): FieldDoc | null {
  if (!isRecord(value) || typeof value.id !== "string" || typeof value.type !== "string") return null;
  // A type the designer does not know (a newer engine) is kept as it is, never dropped.
  const type = value.type as FieldType;
  const field: FieldDoc = { ...clone(value), id: value.id, type, label: parseLabel(value.label) };
  if (isFieldType(type) && type === "sub_table") {
    field.fields = Array.isArray(value.fields)
      ? value.fields.map(parseField).filter((f): f is FieldDoc => f !== null)
      : [];
  }
  return field;
}

/** A document from the API (anything) as a {@link FormDoc}, normalised. */
export function parseFormDoc(value: unknown, key: string): FormDoc {
  const record = isRecord(value) ? value : {};
  const doc: FormDoc = {
    ...clone(record),
    schema_version: 1,
    key: typeof record.key === "string" ? record.key : key,
    label: parseLabel(record.label),
    fields: Array.isArray(record.fields)
      ? record.fields.map(parseField).filter((f): f is FieldDoc => f !== null)
      : [],
  };
  if (Array.isArray(record.sections)) {
    doc.sections = record.sections.filter(isRecord).map((section) => ({
      ...clone(section),
      id: typeof section.id === "string" ? section.id : "",
      fields: Array.isArray(section.fields)
        ? section.fields.filter((id): id is string => typeof id === "string")
        : [],
    }));
  }
  return normalize(doc);
}

export function emptyForm(key: string, label: LabelDoc = ""): FormDoc {
  return { schema_version: 1, key, label, fields: [] };
}

export function sectionsOf(doc: FormDoc): readonly SectionDoc[] {
  return doc.sections ?? [];
}

/** The section holding top-level field `id`, if any. */
export function sectionOf(doc: FormDoc, id: string): SectionDoc | undefined {
  return sectionsOf(doc).find((section) => section.fields.includes(id));
}

/** Top-level field ids in no section, in `fields` order. */
export function rootIds(doc: FormDoc): string[] {
  const placed = new Set(sectionsOf(doc).flatMap((section) => section.fields));
  return doc.fields.map((f) => f.id).filter((id) => !placed.has(id));
}

export function findField(doc: FormDoc, ref: FieldRef): FieldDoc | undefined {
  if (ref.table === null) return doc.fields.find((f) => f.id === ref.id);
  const table = doc.fields.find((f) => f.id === ref.table);
  return table?.fields?.find((f) => f.id === ref.id);
}

/** The fields of a container, in display order. */
export function containerFields(doc: FormDoc, container: ContainerId): FieldDoc[] {
  const byId = new Map(doc.fields.map((f) => [f.id, f]));
  const pick = (ids: readonly string[]) =>
    ids.map((id) => byId.get(id)).filter((f): f is FieldDoc => f !== undefined);
  if (container === "root") return pick(rootIds(doc));
  if (container.startsWith("section:")) {
    const id = container.slice("section:".length);
    return pick(sectionsOf(doc).find((s) => s.id === id)?.fields ?? []);
  }
  const table = byId.get(container.slice("table:".length));
  return table?.fields ?? [];
}

/** The container a field is in. */
export function containerOf(doc: FormDoc, ref: FieldRef): ContainerId {
  if (ref.table !== null) return tableContainer(ref.table);
  const section = sectionOf(doc, ref.id);
  return section === undefined ? "root" : sectionContainer(section.id);
}

/** Every field of the form, top-level first, each followed by its columns. */
export function allRefs(doc: FormDoc): FieldRef[] {
  const refs: FieldRef[] = [];
  for (const field of doc.fields) {
    refs.push({ table: null, id: field.id });
    for (const column of field.fields ?? []) refs.push({ table: field.id, id: column.id });
  }
  return refs;
}

/** Every id used anywhere in the form (top-level fields and all columns). */
export function allIds(doc: FormDoc): Set<string> {
  return new Set(allRefs(doc).map((ref) => ref.id));
}

// ---------------------------------------------------------------------------
// Layout

/**
 * Keep only sections' references to existing top-level fields (each field in
 * one section at most) and put `fields` in display order.
 */
export function normalize(doc: FormDoc): FormDoc {
  const byId = new Map(doc.fields.map((f) => [f.id, f]));
  const placed = new Set<string>();
  const sections = sectionsOf(doc).map((section) => ({
    ...section,
    fields: section.fields.filter((id) => {
      if (!byId.has(id) || placed.has(id)) return false;
      placed.add(id);
      return true;
    }),
  }));
  const root = doc.fields.map((f) => f.id).filter((id) => !placed.has(id));
  return withLayout(doc, byId, root, sections);
}

function withLayout(
  doc: FormDoc,
  byId: ReadonlyMap<string, FieldDoc>,
  root: readonly string[],
  sections: readonly SectionDoc[],
): FormDoc {
  const order = [...root, ...sections.flatMap((s) => s.fields)];
  const next: FormDoc = {
    ...doc,
    fields: order.map((id) => byId.get(id)).filter((f): f is FieldDoc => f !== undefined),
  };
  if (sections.length > 0) next.sections = sections.map((s) => ({ ...s }));
  else delete next.sections;
  return next;
}

function clampIndex(index: number, length: number): number {
  return Math.max(0, Math.min(Number.isFinite(index) ? Math.trunc(index) : length, length));
}

function inserted<T>(list: readonly T[], index: number, item: T): T[] {
  const next = [...list];
  next.splice(clampIndex(index, list.length), 0, item);
  return next;
}

/** Take a field out of the document: the document without it, and the field. */
export function detachField(doc: FormDoc, ref: FieldRef): { doc: FormDoc; field: FieldDoc } | null {
  const field = findField(doc, ref);
  if (field === undefined) return null;
  if (ref.table !== null) {
    return {
      field,
      doc: mapField(doc, { table: null, id: ref.table }, (table) => ({
        ...table,
        fields: (table.fields ?? []).filter((f) => f.id !== ref.id),
      })),
    };
  }
  const byId = new Map(doc.fields.filter((f) => f.id !== ref.id).map((f) => [f.id, f]));
  const root = rootIds(doc).filter((id) => id !== ref.id);
  const sections = sectionsOf(doc).map((s) => ({ ...s, fields: s.fields.filter((id) => id !== ref.id) }));
  return { field, doc: withLayout(doc, byId, root, sections) };
}

/**
 * Put `field` into `container` at `index` (among the fields already there).
 * Returns `null` when the container does not exist or cannot hold the field
 * (a sub-table only takes its column types) or when the id is already taken there.
 */
export function insertField(
  doc: FormDoc,
  field: FieldDoc,
  container: ContainerId,
  index: number,
): FormDoc | null {
  if (container.startsWith("table:")) {
    const tableId = container.slice("table:".length);
    const table = doc.fields.find((f) => f.id === tableId);
    if (table?.type !== "sub_table" || !canBeColumn(field.type)) return null;
    if ((table.fields ?? []).some((f) => f.id === field.id)) return null;
    return mapField(doc, { table: null, id: tableId }, (t) => ({
      ...t,
      fields: inserted(t.fields ?? [], index, field),
    }));
  }
  if (doc.fields.some((f) => f.id === field.id)) return null;
  const byId = new Map(doc.fields.map((f) => [f.id, f]));
  byId.set(field.id, field);
  let root = rootIds(doc);
  let sections = sectionsOf(doc).map((s) => ({ ...s }));
  if (container === "root") {
    root = inserted(root, index, field.id);
  } else {
    const sectionId = container.slice("section:".length);
    if (!sections.some((s) => s.id === sectionId)) return null;
    sections = sections.map((s) => (s.id === sectionId ? { ...s, fields: inserted(s.fields, index, field.id) } : s));
  }
  return withLayout(doc, byId, root, sections);
}

/** Can `field` go into `container`? (Sub-tables take only their column types, never themselves.) */
export function accepts(container: ContainerId, type: FieldType): boolean {
  return container.startsWith("table:") ? canBeColumn(type) : true;
}

/**
 * Move a field to `index` in `container` (the index among the container's
 * fields without the moved one). A field whose id is taken in the target gets
 * a fresh id. Returns the document and the field's new reference, or `null`
 * when the move is not possible.
 */
export function moveField(
  doc: FormDoc,
  ref: FieldRef,
  container: ContainerId,
  index: number,
): { doc: FormDoc; ref: FieldRef } | null {
  const detached = detachField(doc, ref);
  if (detached === null || !accepts(container, detached.field.type)) return null;
  if (container === tableContainer(ref.id) && ref.table === null) return null;
  const table = container.startsWith("table:") ? container.slice("table:".length) : null;
  const taken = new Set(
    table === null
      ? detached.doc.fields.map((f) => f.id)
      : (detached.doc.fields.find((f) => f.id === table)?.fields ?? []).map((f) => f.id),
  );
  let field = detached.field;
  if (taken.has(field.id)) field = { ...field, id: uniqueId(field.id, allIds(detached.doc)) };
  const next = insertField(detached.doc, field, container, index);
  return next === null ? null : { doc: next, ref: { table, id: field.id } };
}

/** `base` if free, else `base_2`, `base_3`… (kept within the id length limit). */
export function uniqueId(base: string, taken: ReadonlySet<string>, max = FIELD_ID_MAX): string {
  const start = base.slice(0, max);
  if (!taken.has(start)) return start;
  for (let n = 2; ; n += 1) {
    const suffix = `_${n}`;
    const candidate = `${base.slice(0, max - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A new id for a field of `type`: `text_1`, `text_2`… not used anywhere in the form. */
export function nextFieldId(doc: FormDoc, type: FieldType): string {
  const taken = allIds(doc);
  for (let n = 1; ; n += 1) {
    const candidate = `${type}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export interface NewFieldTexts {
  /** The label a new field of the type gets. */
  label: LabelDoc;
  /** The label of the n-th (1-based) option of a new select. */
  option: (n: number) => LabelDoc;
}

/** A new field of `type` with a fresh id and what the schema requires filled in where possible. */
export function newField(doc: FormDoc, type: FieldType, texts: NewFieldTexts): FieldDoc {
  const field: FieldDoc = { id: nextFieldId(doc, type), type, label: texts.label };
  switch (type) {
    case "single_select":
    case "multi_select":
      field.options = [1, 2].map((n) => ({ key: `option_${n}`, label: texts.option(n) }));
      break;
    case "formula":
      field.expression = "";
      break;
    case "sub_table":
      field.fields = [];
      break;
    case "relation":
      field.target = "";
      break;
    case "lookup":
      field.relation = "";
      field.field = "";
      break;
    case "rollup":
      field.source = "";
      field.aggregate = "count";
      break;
    case "auto_number":
      field.pattern = "NO-{yyyyMMdd}-{seq:4}";
      break;
    default:
      break;
  }
  return field;
}

// ---------------------------------------------------------------------------
// Changing fields

/** The document with the field at `ref` replaced by `change(field)`. */
export function mapField(doc: FormDoc, ref: FieldRef, change: (field: FieldDoc) => FieldDoc): FormDoc {
  if (ref.table === null) {
    return { ...doc, fields: doc.fields.map((f) => (f.id === ref.id ? change(f) : f)) };
  }
  return mapField(doc, { table: null, id: ref.table }, (table) => ({
    ...table,
    fields: (table.fields ?? []).map((f) => (f.id === ref.id ? change(f) : f)),
  }));
}

/** Set (or, with `undefined`, remove) one property of a field. */
export function setFieldProp(doc: FormDoc, ref: FieldRef, prop: string, value: unknown): FormDoc {
  if (prop === "id" || prop === "type") return doc;
  return mapField(doc, ref, (field) => {
    // Replace in place (keeps the property order), or drop it.
    if (value !== undefined) return { ...field, [prop]: value };
    return Object.fromEntries(Object.entries(field).filter(([name]) => name !== prop)) as FieldDoc;
  });
}

export function removeField(doc: FormDoc, ref: FieldRef): FormDoc {
  const detached = detachField(doc, ref);
  if (detached === null) return doc;
  const next = detached.doc;
  if (ref.table === null && next.title_field === ref.id) delete next.title_field;
  return next;
}

/** A copy of the field (with a fresh id) right after it. */
export function duplicateField(doc: FormDoc, ref: FieldRef): { doc: FormDoc; ref: FieldRef } | null {
  const field = findField(doc, ref);
  if (field === undefined) return null;
  const container = containerOf(doc, ref);
  const siblings = containerFields(doc, container);
  const index = siblings.findIndex((f) => f.id === ref.id) + 1;
  const copy: FieldDoc = { ...clone(field), id: uniqueId(field.id, allIds(doc)) };
  const next = insertField(doc, copy, container, index);
  return next === null ? null : { doc: next, ref: { table: ref.table, id: copy.id } };
}

export type KeyProblem = "empty" | "pattern" | "too_long" | "reserved" | "duplicate";

/** Why `id` cannot be the key of the field at `ref` (or `null` if it can). */
export function keyProblem(doc: FormDoc, ref: FieldRef, id: string): KeyProblem | null {
  if (id === "") return "empty";
  if (!KEY_PATTERN.test(id)) return "pattern";
  if (id.length > FIELD_ID_MAX) return "too_long";
  const reserved = ref.table === null ? RESERVED_FIELD_IDS : RESERVED_COLUMN_IDS;
  if (reserved.includes(id)) return "reserved";
  const siblings =
    ref.table === null ? doc.fields : (doc.fields.find((f) => f.id === ref.table)?.fields ?? []);
  if (siblings.some((f) => f.id === id && f.id !== ref.id)) return "duplicate";
  return null;
}

function renameInFieldRefs(field: FieldDoc, from: string, to: string, expressions: boolean): FieldDoc {
  const next: FieldDoc = { ...field };
  const same = (value: unknown) => value === from;
  if (field.type === "lookup" && same(field.relation)) next.relation = to;
  if (field.type === "rollup" && same(field.source)) next.source = to;
  if (same(field.trace_quantity)) next.trace_quantity = to;
  if (field.type === "scan_code" && isRecord(field.fill)) {
    next.fill = Object.fromEntries(Object.entries(field.fill).map(([part, target]) => [part, target === from ? to : target]));
  }
  if (expressions) {
    for (const prop of ["expression", "visible_if", "required_if"]) {
      const source = field[prop];
      if (typeof source === "string") next[prop] = renameIdentifier(source, from, to);
    }
  }
  return next;
}

/**
 * Change a field's key, and every reference to it: sections, the title field,
 * lookups, rollups, scan fills, trace quantities, validation rules and
 * expressions. Returns `null` if the new key is not allowed ({@link keyProblem}).
 */
export function renameField(doc: FormDoc, ref: FieldRef, id: string): FormDoc | null {
  if (id === ref.id) return doc;
  if (keyProblem(doc, ref, id) !== null || findField(doc, ref) === undefined) return null;
  const from = ref.id;
  if (ref.table !== null) {
    const table = ref.table;
    const renamed = mapField(doc, { table: null, id: table }, (t) => ({
      ...t,
      fields: (t.fields ?? []).map((c) => renameInFieldRefs(c.id === from ? { ...c, id } : c, from, id, false)),
    }));
    return {
      ...renamed,
      fields: renamed.fields.map((f) =>
        f.type === "rollup" && f.source === table && f.field === from ? { ...f, field: id } : f,
      ),
    };
  }
  const next: FormDoc = {
    ...doc,
    fields: doc.fields.map((f) => renameInFieldRefs(f.id === from ? { ...f, id } : f, from, id, true)),
  };
  if (doc.sections !== undefined) {
    next.sections = doc.sections.map((s) => ({ ...s, fields: s.fields.map((f) => (f === from ? id : f)) }));
  }
  if (doc.title_field === from) next.title_field = id;
  if (doc.validations !== undefined) {
    next.validations = doc.validations.map((rule) => {
      const renamed: ValidationDoc = { ...rule, expression: renameIdentifier(rule.expression, from, id) };
      if (rule.fields !== undefined) renamed.fields = rule.fields.map((f) => (f === from ? id : f));
      return renamed;
    });
  }
  return next;
}

// ---------------------------------------------------------------------------
// Sections

export function addSection(
  doc: FormDoc,
  label: LabelDoc,
  index = sectionsOf(doc).length,
): { doc: FormDoc; id: string } {
  const taken = new Set(sectionsOf(doc).map((s) => s.id));
  let n = sectionsOf(doc).length + 1;
  while (taken.has(`section_${n}`)) n += 1;
  const id = `section_${n}`;
  const sections = inserted(sectionsOf(doc), index, { id, label, columns: 1, fields: [] });
  return { doc: { ...doc, sections }, id };
}

/** Remove a section; its fields stay in the form, without a section. */
export function removeSection(doc: FormDoc, id: string): FormDoc {
  const section = sectionsOf(doc).find((s) => s.id === id);
  if (section === undefined) return doc;
  const byId = new Map(doc.fields.map((f) => [f.id, f]));
  const root = [...rootIds(doc), ...section.fields];
  return withLayout(doc, byId, root, sectionsOf(doc).filter((s) => s.id !== id));
}

/** Move a section to position `index` among the sections. */
export function moveSection(doc: FormDoc, id: string, index: number): FormDoc {
  const sections = [...sectionsOf(doc)];
  const from = sections.findIndex((s) => s.id === id);
  if (from < 0) return doc;
  const [section] = sections.splice(from, 1);
  if (section === undefined) return doc;
  sections.splice(clampIndex(index, sections.length), 0, section);
  return normalize({ ...doc, sections });
}

export type SectionKeyProblem = KeyProblem;

export function sectionKeyProblem(doc: FormDoc, current: string, id: string): SectionKeyProblem | null {
  if (id === "") return "empty";
  if (!KEY_PATTERN.test(id)) return "pattern";
  if (id.length > SECTION_ID_MAX) return "too_long";
  if (sectionsOf(doc).some((s) => s.id === id && s.id !== current)) return "duplicate";
  return null;
}

export function updateSection(
  doc: FormDoc,
  id: string,
  change: Partial<Pick<SectionDoc, "id" | "label" | "columns">>,
): FormDoc {
  if (change.id !== undefined && sectionKeyProblem(doc, id, change.id) !== null) return doc;
  return {
    ...doc,
    sections: sectionsOf(doc).map((s) => {
      if (s.id !== id) return s;
      const next: SectionDoc = { ...s };
      if (change.id !== undefined) next.id = change.id;
      if (change.columns !== undefined) next.columns = Math.max(1, Math.min(3, change.columns));
      if ("label" in change) {
        const label = change.label;
        if (label === null || label === "") delete next.label;
        else next.label = label;
      }
      return next;
    }),
  };
}

// ---------------------------------------------------------------------------
// Form-level properties

export type OptionalFormProp = "description" | "title_field" | "validations";

/** Set (or, with `undefined` or an empty list, remove) an optional form-level property. */
export function setFormProp<K extends OptionalFormProp>(doc: FormDoc, prop: K, value: FormDoc[K] | undefined): FormDoc {
  const next: Record<string, unknown> = Object.fromEntries(Object.entries(doc).filter(([name]) => name !== prop));
  const raw: unknown = value;
  const empty = raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0);
  if (!empty) next[prop] = raw;
  return next as unknown as FormDoc;
}

// ---------------------------------------------------------------------------
// Labels

/** The text of `label` for editing in `locale` (a plain string shows in every locale). */
export function labelPart(label: LabelDoc | null | undefined, locale: string): string {
  if (label === null || label === undefined) return "";
  if (typeof label === "string") return label;
  return label[locale] ?? "";
}

/** `label` with the `locale` text replaced; empty texts are dropped, an all-empty label is `""`. */
export function setLabelPart(label: LabelDoc | null | undefined, locale: string, text: string, locales: readonly string[]): LabelDoc {
  const base: Record<string, string> = {};
  if (typeof label === "string") {
    for (const l of locales) base[l] = label;
  } else if (label !== null && label !== undefined) {
    Object.assign(base, label);
  }
  base[locale] = text;
  const out: Record<string, string> = {};
  for (const [l, t] of Object.entries(base)) if (t.trim() !== "") out[l] = t;
  return Object.keys(out).length === 0 ? "" : out;
}

export function labelIsEmpty(label: LabelDoc | null | undefined): boolean {
  if (label === null || label === undefined) return true;
  if (typeof label === "string") return label.trim() === "";
  return Object.values(label).every((text) => text.trim() === "");
}

/** Serialise for saving and for "unsaved changes" comparison. */
export function serialize(doc: FormDoc): string {
  return JSON.stringify(doc);
}
