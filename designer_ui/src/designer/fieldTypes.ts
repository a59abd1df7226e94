/**
 * What the designer knows about each field type: palette groups, and exactly
 * the properties the form meta-schema (`form.schema.json`, `$defs/<type>_field`)
 * allows for it, with the editor each property gets.
 *
 * `fieldTypes.test.ts` checks this table against the schema file, so a change
 * to the meta-schema that is not mirrored here fails the unit tests.
 */

export const FIELD_TYPES = [
  "text",
  "long_text",
  "integer",
  "decimal",
  "currency",
  "percent",
  "boolean",
  "single_select",
  "multi_select",
  "date",
  "datetime",
  "time",
  "email",
  "phone",
  "url",
  "scan_code",
  "geolocation",
  "attachment",
  "image",
  "signature",
  "user",
  "department",
  "relation",
  "lookup",
  "rollup",
  "formula",
  "auto_number",
  "sub_table",
] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

export function isFieldType(value: unknown): value is FieldType {
  return typeof value === "string" && (FIELD_TYPES as readonly string[]).includes(value);
}

/** Palette groups, in display order; `section` is a layout item, not a field type. */
export const PALETTE_GROUPS = [
  { id: "basic", items: ["text", "long_text", "integer", "decimal", "currency", "percent", "boolean"] },
  { id: "choice", items: ["single_select", "multi_select"] },
  { id: "datetime", items: ["date", "datetime", "time"] },
  { id: "contact", items: ["email", "phone", "url"] },
  { id: "media", items: ["scan_code", "geolocation", "attachment", "image", "signature"] },
  { id: "people", items: ["user", "department"] },
  { id: "computed", items: ["relation", "lookup", "rollup", "formula", "auto_number"] },
  { id: "layout", items: ["section", "sub_table"] },
] as const satisfies readonly { id: string; items: readonly (FieldType | "section")[] }[];

export type PaletteGroupId = (typeof PALETTE_GROUPS)[number]["id"];
export type PaletteItem = FieldType | "section";

/** Types the meta-schema accepts in a sub-table row (`$defs/column_field`). */
export const COLUMN_TYPES: readonly FieldType[] = [
  "text",
  "long_text",
  "integer",
  "decimal",
  "boolean",
  "date",
  "datetime",
  "single_select",
  "currency",
  "percent",
  "time",
  "multi_select",
  "email",
  "phone",
  "url",
  "geolocation",
  "auto_number",
  "scan_code",
  "relation",
  "formula",
];

/** Computed types: the engine does not accept them in sub-table rows yet. */
export const COMPUTED_TYPES: readonly FieldType[] = ["formula", "lookup", "rollup", "auto_number"];

/** Types that may be dropped into a sub-table: the schema's column types minus computed ones. */
export function canBeColumn(type: FieldType): boolean {
  return COLUMN_TYPES.includes(type) && !COMPUTED_TYPES.includes(type);
}

export const NUMERIC_TYPES: readonly FieldType[] = ["integer", "decimal", "currency", "percent", "rollup"];

/** Field ids the engine keeps for the record's own columns. */
export const RESERVED_FIELD_IDS: readonly string[] = [
  "id",
  "version",
  "created_at",
  "updated_at",
  "created_by",
  "updated_by",
  "data",
];
/** Field ids a sub-table row keeps for itself. */
export const RESERVED_COLUMN_IDS: readonly string[] = ["id", "parent_id", "position", "target_id"];

export const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
export const FIELD_ID_MAX = 48;
export const SECTION_ID_MAX = 40;

/** GS1 parts a scan can fill, and the field types each part fits (engine `PART_TARGETS`). */
export const SCAN_PARTS = {
  gtin: ["text", "scan_code"],
  lot: ["text", "scan_code"],
  serial: ["text", "scan_code"],
  sscc: ["text", "scan_code"],
  text: ["text", "long_text"],
  expiry: ["date", "text"],
  best_before: ["date", "text"],
  production_date: ["date", "text"],
  quantity: ["decimal", "integer", "text"],
  net_weight_kg: ["decimal", "text"],
} as const satisfies Record<string, readonly FieldType[]>;
export type ScanPart = keyof typeof SCAN_PARTS;
export const SCAN_PART_NAMES = Object.keys(SCAN_PARTS) as ScanPart[];

export const TRACE_ROLES = ["consumes", "produces", "receives", "ships", "contains"] as const;
export const FORMULA_RESULTS = ["number", "integer", "text", "boolean", "date", "datetime"] as const;
export const AGGREGATES = ["count", "sum", "avg", "min", "max"] as const;
export const SCAN_ACCEPT = ["any", "gs1"] as const;

/** Where a property is edited in the property panel. */
export type PropGroup =
  | "basics"
  | "behaviour"
  | "validation"
  | "default"
  | "options"
  | "relation"
  | "trace"
  | "lookup"
  | "rollup"
  | "formula"
  | "numbering"
  | "scan"
  | "people"
  | "currency"
  | "files"
  | "conditions"
  | "columns";

/** How a property is edited. `nullable` mirrors `"type": [..., "null"]` in the schema. */
export type PropEditor =
  | { kind: "key" }
  | { kind: "type" }
  | { kind: "label" }
  | { kind: "description" }
  | { kind: "bool" }
  | { kind: "int"; min: number | null; max: number | null; nullable: boolean }
  | { kind: "decimal" }
  | { kind: "date" }
  | { kind: "datetime" }
  | { kind: "time" }
  | { kind: "text" }
  | { kind: "regex" }
  | { kind: "enum"; values: readonly string[]; nullable: boolean }
  | { kind: "expression" }
  | { kind: "options" }
  | { kind: "fill" }
  | { kind: "mime_list" }
  | { kind: "currency_code" }
  | { kind: "numbering" }
  | { kind: "target_form" }
  | { kind: "target_field" }
  | { kind: "relation_ref" }
  | { kind: "lookup_field" }
  | { kind: "rollup_source" }
  | { kind: "rollup_field" }
  | { kind: "sibling_number" }
  | { kind: "default_text" }
  | { kind: "default_bool" }
  | { kind: "default_select" }
  | { kind: "default_multi" }
  | { kind: "columns" };

export interface PropSpec {
  editor: PropEditor;
  group: PropGroup;
}

const p = (editor: PropEditor, group: PropGroup): PropSpec => ({ editor, group });
const int = (min: number | null, max: number | null, nullable: boolean, group: PropGroup) =>
  p({ kind: "int", min, max, nullable }, group);

const COMMON = {
  id: p({ kind: "key" }, "basics"),
  type: p({ kind: "type" }, "basics"),
  label: p({ kind: "label" }, "basics"),
  description: p({ kind: "description" }, "basics"),
  required: p({ kind: "bool" }, "behaviour"),
  read_only: p({ kind: "bool" }, "behaviour"),
  unique: p({ kind: "bool" }, "behaviour"),
  index: p({ kind: "bool" }, "behaviour"),
  visible_if: p({ kind: "expression" }, "conditions"),
  required_if: p({ kind: "expression" }, "conditions"),
} as const satisfies Record<string, PropSpec>;

const DECIMAL = p({ kind: "decimal" }, "validation");
const DECIMAL_DEFAULT = p({ kind: "decimal" }, "default");

/** Every property the meta-schema allows, per field type, in panel order. */
export const FIELD_PROPS: Readonly<Record<FieldType, Readonly<Record<string, PropSpec>>>> = {
  text: {
    ...COMMON,
    min_length: int(0, null, true, "validation"),
    max_length: int(1, 10000, false, "validation"),
    pattern: p({ kind: "regex" }, "validation"),
    default: p({ kind: "default_text" }, "default"),
  },
  long_text: {
    ...COMMON,
    min_length: int(0, null, true, "validation"),
    max_length: int(1, 1000000, false, "validation"),
    default: p({ kind: "default_text" }, "default"),
  },
  integer: {
    ...COMMON,
    min: int(null, null, true, "validation"),
    max: int(null, null, true, "validation"),
    default: int(null, null, true, "default"),
  },
  decimal: {
    ...COMMON,
    precision: int(1, 15, false, "validation"),
    scale: int(0, 10, false, "validation"),
    min: DECIMAL,
    max: DECIMAL,
    default: DECIMAL_DEFAULT,
  },
  currency: {
    ...COMMON,
    currency: p({ kind: "currency_code" }, "currency"),
    precision: int(1, 15, false, "validation"),
    scale: int(0, 4, false, "validation"),
    min: DECIMAL,
    max: DECIMAL,
    default: DECIMAL_DEFAULT,
  },
  percent: {
    ...COMMON,
    precision: int(1, 15, false, "validation"),
    scale: int(0, 6, false, "validation"),
    min: DECIMAL,
    max: DECIMAL,
    default: DECIMAL_DEFAULT,
  },
  boolean: { ...COMMON, default: p({ kind: "default_bool" }, "default") },
  single_select: {
    ...COMMON,
    options: p({ kind: "options" }, "options"),
    default: p({ kind: "default_select" }, "default"),
  },
  multi_select: {
    ...COMMON,
    options: p({ kind: "options" }, "options"),
    min_items: int(0, null, true, "validation"),
    max_items: int(1, null, true, "validation"),
    default: p({ kind: "default_multi" }, "default"),
  },
  date: {
    ...COMMON,
    min: p({ kind: "date" }, "validation"),
    max: p({ kind: "date" }, "validation"),
    default: p({ kind: "date" }, "default"),
  },
  datetime: {
    ...COMMON,
    min: p({ kind: "datetime" }, "validation"),
    max: p({ kind: "datetime" }, "validation"),
  },
  time: {
    ...COMMON,
    min: p({ kind: "time" }, "validation"),
    max: p({ kind: "time" }, "validation"),
    default: p({ kind: "time" }, "default"),
  },
  email: { ...COMMON, default: p({ kind: "default_text" }, "default") },
  phone: { ...COMMON, default: p({ kind: "default_text" }, "default") },
  url: { ...COMMON, default: p({ kind: "default_text" }, "default") },
  scan_code: {
    ...COMMON,
    accept: p({ kind: "enum", values: SCAN_ACCEPT, nullable: false }, "scan"),
    max_length: int(1, 1000, false, "validation"),
    fill: p({ kind: "fill" }, "scan"),
  },
  geolocation: { ...COMMON },
  attachment: {
    ...COMMON,
    accept: p({ kind: "mime_list" }, "files"),
    max_files: int(1, 50, false, "files"),
    max_size_mb: int(1, 50, false, "files"),
  },
  image: {
    ...COMMON,
    max_files: int(1, 50, false, "files"),
    max_size_mb: int(1, 50, false, "files"),
  },
  signature: { ...COMMON },
  user: {
    ...COMMON,
    multiple: p({ kind: "bool" }, "people"),
    current_user: p({ kind: "bool" }, "people"),
  },
  department: { ...COMMON },
  relation: {
    ...COMMON,
    target: p({ kind: "target_form" }, "relation"),
    multiple: p({ kind: "bool" }, "relation"),
    display_field: p({ kind: "target_field" }, "relation"),
    trace_role: p({ kind: "enum", values: TRACE_ROLES, nullable: true }, "trace"),
    trace_quantity: p({ kind: "sibling_number" }, "trace"),
  },
  lookup: {
    ...COMMON,
    relation: p({ kind: "relation_ref" }, "lookup"),
    field: p({ kind: "lookup_field" }, "lookup"),
  },
  rollup: {
    ...COMMON,
    source: p({ kind: "rollup_source" }, "rollup"),
    aggregate: p({ kind: "enum", values: AGGREGATES, nullable: false }, "rollup"),
    field: p({ kind: "rollup_field" }, "rollup"),
    scale: int(0, 10, false, "rollup"),
  },
  formula: {
    ...COMMON,
    expression: p({ kind: "expression" }, "formula"),
    result: p({ kind: "enum", values: FORMULA_RESULTS, nullable: false }, "formula"),
    scale: int(0, 10, false, "formula"),
  },
  auto_number: { ...COMMON, pattern: p({ kind: "numbering" }, "numbering") },
  sub_table: {
    // `index` and `unique` are `const: false` for sub-tables: nothing to edit.
    id: COMMON.id,
    type: COMMON.type,
    label: COMMON.label,
    description: COMMON.description,
    required: COMMON.required,
    read_only: COMMON.read_only,
    visible_if: COMMON.visible_if,
    required_if: COMMON.required_if,
    fields: p({ kind: "columns" }, "columns"),
    min_rows: int(0, null, true, "validation"),
    max_rows: int(1, 1000, false, "validation"),
  },
};

/** Properties the meta-schema requires, beyond `id`, `type` and `label`. */
export const REQUIRED_PROPS: Readonly<Partial<Record<FieldType, readonly string[]>>> = {
  relation: ["target"],
  sub_table: ["fields"],
  formula: ["expression"],
  lookup: ["relation", "field"],
  rollup: ["source"],
};

/**
 * The editable properties of `type`. A type this table does not know (a newer
 * engine) gets only the common basics, so its other properties are kept untouched.
 */
export function specsOf(type: string): Readonly<Record<string, PropSpec>> {
  const known = (FIELD_PROPS as Readonly<Record<string, Readonly<Record<string, PropSpec>> | undefined>>)[type];
  return known ?? { id: COMMON.id, type: COMMON.type, label: COMMON.label };
}

/** Property names of `type`, in panel order. */
export function propsOf(type: string): string[] {
  return Object.keys(specsOf(type));
}

export function propSpec(type: string, prop: string): PropSpec | undefined {
  return specsOf(type)[prop];
}

/** Order of the groups in the property panel. */
export const PROP_GROUP_ORDER: readonly PropGroup[] = [
  "basics",
  "columns",
  "options",
  "relation",
  "lookup",
  "rollup",
  "formula",
  "numbering",
  "scan",
  "currency",
  "people",
  "files",
  "validation",
  "default",
  "behaviour",
  "trace",
  "conditions",
];

/** A short glyph per type for palette items and canvas cards (decorative). */
/** The glyph of a palette item or field type (`?` for a type this table does not know). */
export function glyphOf(type: string): string {
  return (TYPE_GLYPHS as Readonly<Record<string, string | undefined>>)[type] ?? "?";
}

export const TYPE_GLYPHS: Readonly<Record<PaletteItem, string>> = {
  text: "Aa",
  long_text: "¶",
  integer: "123",
  decimal: "1.5",
  currency: "¤",
  percent: "%",
  boolean: "✓",
  single_select: "◉",
  multi_select: "☑",
  date: "▦",
  datetime: "▦◷",
  time: "◷",
  email: "@",
  phone: "☎",
  url: "⚭",
  scan_code: "▥",
  geolocation: "⚲",
  attachment: "❐",
  image: "▣",
  signature: "✍",
  user: "☺",
  department: "⌂",
  relation: "⇄",
  lookup: "↪",
  rollup: "Σ",
  formula: "ƒx",
  auto_number: "#",
  sub_table: "⊞",
  section: "▭",
};
