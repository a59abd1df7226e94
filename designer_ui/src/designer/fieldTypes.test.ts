import { describe, expect, it } from "vitest";
import schemaText from "../../../engine/definitions/schemas/form.schema.json?raw";
import {
  AGGREGATES,
  canBeColumn,
  COLUMN_TYPES,
  FIELD_PROPS,
  FIELD_TYPES,
  FORMULA_RESULTS,
  glyphOf,
  propSpec,
  propsOf,
  specsOf,
  PALETTE_GROUPS,
  PROP_GROUP_ORDER,
  REQUIRED_PROPS,
  SCAN_ACCEPT,
  SCAN_PART_NAMES,
  TRACE_ROLES,
  type FieldType,
} from "./fieldTypes.ts";

interface SchemaNode {
  type?: string | string[];
  enum?: (string | null)[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  propertyNames?: { enum?: string[] };
}

const schema = JSON.parse(schemaText) as {
  $defs: Record<string, SchemaNode>;
  properties: Record<string, SchemaNode>;
};

function def(type: FieldType): SchemaNode {
  const node = schema.$defs[`${type}_field`];
  if (node === undefined) throw new Error(`no $defs/${type}_field`);
  return node;
}

function typesOf(node: SchemaNode): string[] {
  return node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
}

describe("the field type table matches form.schema.json", () => {
  it("knows exactly the schema's field types", () => {
    const field = schema.$defs.field;
    expect([...FIELD_TYPES].sort()).toEqual([...(field?.properties?.type?.enum ?? [])].sort());
  });

  it("puts every field type in exactly one palette group", () => {
    const placed = PALETTE_GROUPS.flatMap((group) => group.items).filter((item) => item !== "section");
    expect([...placed].sort()).toEqual([...FIELD_TYPES].sort());
    expect(new Set(placed).size).toBe(placed.length);
  });

  it.each(FIELD_TYPES.map((type) => [type]))("lists exactly the editable properties of %s", (type) => {
    // A property fixed by `const` (other than `type`) has nothing to edit.
    const allowed = Object.entries(def(type).properties ?? {})
      .filter(([name, node]) => name === "type" || node.const === undefined)
      .map(([name]) => name)
      .sort();
    expect(Object.keys(FIELD_PROPS[type]).sort()).toEqual(allowed);
  });

  it.each(FIELD_TYPES.map((type) => [type]))("knows the required properties of %s", (type) => {
    const required = (def(type).required ?? []).filter((name) => !["id", "type", "label"].includes(name));
    expect([...(REQUIRED_PROPS[type] ?? [])].sort()).toEqual(required.sort());
  });

  it.each(FIELD_TYPES.map((type) => [type]))("uses the schema's bounds and nullability for %s", (type) => {
    const properties = def(type).properties ?? {};
    for (const [name, spec] of Object.entries(FIELD_PROPS[type])) {
      const node = properties[name];
      expect(node, `${type}.${name}`).toBeDefined();
      if (node === undefined) continue;
      const editor = spec.editor;
      if (editor.kind === "int") {
        expect(typesOf(node), `${type}.${name}`).toContain("integer");
        expect(editor.min, `${type}.${name} minimum`).toBe(node.minimum ?? null);
        expect(editor.max, `${type}.${name} maximum`).toBe(node.maximum ?? null);
        expect(editor.nullable, `${type}.${name} nullable`).toBe(typesOf(node).includes("null"));
      }
      if (editor.kind === "enum") {
        const values = (node.enum ?? []).filter((value): value is string => value !== null);
        expect([...editor.values].sort(), `${type}.${name}`).toEqual(values.sort());
        expect(editor.nullable, `${type}.${name} nullable`).toBe((node.enum ?? []).includes(null));
      }
      if (editor.kind === "bool") expect(typesOf(node)).toEqual(["boolean"]);
      if (editor.kind === "expression") expect(typesOf(node)).toContain("string");
    }
  });

  it("knows the sub-table column types", () => {
    const column = schema.$defs.column_field;
    expect([...COLUMN_TYPES].sort()).toEqual([...(column?.properties?.type?.enum ?? [])].sort());
    expect(canBeColumn("text")).toBe(true);
    expect(canBeColumn("sub_table")).toBe(false);
    expect(canBeColumn("formula")).toBe(false);
    expect(canBeColumn("user")).toBe(false);
  });

  it("knows the enums used by editors", () => {
    const props = (type: FieldType) => def(type).properties ?? {};
    expect([...TRACE_ROLES, null]).toEqual(props("relation").trace_role?.enum);
    expect([...FORMULA_RESULTS]).toEqual(props("formula").result?.enum);
    expect([...AGGREGATES]).toEqual(props("rollup").aggregate?.enum);
    expect([...SCAN_ACCEPT]).toEqual(props("scan_code").accept?.enum);
    expect([...SCAN_PART_NAMES].sort()).toEqual([...(props("scan_code").fill?.propertyNames?.enum ?? [])].sort());
  });

  it("knows the form's sections", () => {
    const sections = schema.properties.sections as SchemaNode & { items: SchemaNode };
    expect(Object.keys(sections.items.properties ?? {}).sort()).toEqual(["columns", "fields", "id", "label"]);
    expect(sections.items.properties?.columns?.maximum).toBe(3);
  });

  it("copes with a type it does not know", () => {
    expect(Object.keys(specsOf("hologram"))).toEqual(["id", "type", "label"]);
    expect(propsOf("text")).toContain("max_length");
    expect(propSpec("text", "pattern")?.editor.kind).toBe("regex");
    expect(propSpec("hologram", "pattern")).toBeUndefined();
    expect(glyphOf("hologram")).toBe("?");
    expect(glyphOf("formula")).toBe("ƒx");
  });

  it("gives every property group a place in the panel", () => {
    for (const type of FIELD_TYPES) {
      for (const spec of Object.values(FIELD_PROPS[type])) {
        expect(PROP_GROUP_ORDER).toContain(spec.group);
      }
    }
  });
});
