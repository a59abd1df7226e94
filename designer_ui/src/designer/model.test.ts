import { describe, expect, it } from "vitest";
import {
  addSection,
  allIds,
  containerFields,
  containerOf,
  detachField,
  duplicateField,
  emptyForm,
  findField,
  insertField,
  keyProblem,
  labelIsEmpty,
  labelPart,
  moveField,
  moveSection,
  newField,
  nextFieldId,
  normalize,
  parseContainer,
  parseFormDoc,
  refKey,
  removeField,
  removeSection,
  renameField,
  rootIds,
  sectionKeyProblem,
  setFieldProp,
  setFormProp,
  setLabelPart,
  uniqueId,
  updateSection,
  type FieldDoc,
  type FormDoc,
} from "./model.ts";

const texts = { label: { "zh-CN": "字段", en: "Field" }, option: (n: number) => `Option ${n}` };

function f(id: string, type: FieldDoc["type"] = "text", extra: Partial<FieldDoc> = {}): FieldDoc {
  return { id, type, label: id.toUpperCase(), ...extra };
}

function sample(): FormDoc {
  return {
    schema_version: 1,
    key: "lot",
    label: { en: "Lot" },
    fields: [
      f("code"),
      f("qty", "decimal"),
      f("items", "sub_table", { fields: [f("sku"), f("amount", "integer")] }),
      f("total", "formula", { expression: "qty * 2" }),
    ],
    sections: [{ id: "main", label: "Main", columns: 2, fields: ["qty", "total"] }],
  };
}

const ids = (doc: FormDoc) => doc.fields.map((field) => field.id);

describe("reading documents", () => {
  it("parses an API document, dropping what is not a field and keeping unknown types", () => {
    const doc = parseFormDoc(
      {
        schema_version: 1,
        key: "lot",
        label: "Lot",
        fields: [f("a"), { id: "b", type: "nonsense", label: "B" }, "junk", f("c", "sub_table", { fields: [f("x")] })],
        title_field: "a",
      },
      "lot",
    );
    expect(ids(doc)).toEqual(["a", "b", "c"]);
    expect(doc.fields[1]?.type).toBe("nonsense");
    expect(doc.fields[2]?.fields?.map((c) => c.id)).toEqual(["x"]);
    expect(doc.title_field).toBe("a");
  });

  it("starts a new document from nothing", () => {
    expect(parseFormDoc(undefined, "new_form")).toEqual({ schema_version: 1, key: "new_form", label: "", fields: [] });
    expect(emptyForm("x", "X")).toEqual({ schema_version: 1, key: "x", label: "X", fields: [] });
  });

  it("normalises sections: unknown and repeated ids are dropped, fields follow the layout", () => {
    const doc = normalize({
      ...sample(),
      fields: [f("total", "formula", { expression: "1" }), f("code"), f("qty", "decimal")],
      sections: [
        { id: "a", fields: ["qty", "ghost", "qty"] },
        { id: "b", fields: ["qty", "total"] },
      ],
    });
    expect(doc.sections?.map((s) => s.fields)).toEqual([["qty"], ["total"]]);
    expect(ids(doc)).toEqual(["code", "qty", "total"]);
  });

  it("removes an empty sections list", () => {
    expect("sections" in normalize({ ...sample(), sections: [] })).toBe(false);
  });

  it("knows containers, roots and where a field is", () => {
    const doc = sample();
    expect(rootIds(doc)).toEqual(["code", "items"]);
    expect(containerFields(doc, "root").map((x) => x.id)).toEqual(["code", "items"]);
    expect(containerFields(doc, "section:main").map((x) => x.id)).toEqual(["qty", "total"]);
    expect(containerFields(doc, "table:items").map((x) => x.id)).toEqual(["sku", "amount"]);
    expect(containerOf(doc, { table: null, id: "qty" })).toBe("section:main");
    expect(containerOf(doc, { table: null, id: "code" })).toBe("root");
    expect(containerOf(doc, { table: "items", id: "sku" })).toBe("table:items");
    expect(findField(doc, { table: "items", id: "amount" })?.type).toBe("integer");
    expect(findField(doc, { table: null, id: "sku" })).toBeUndefined();
    expect([...allIds(doc)].sort()).toEqual(["amount", "code", "items", "qty", "sku", "total"]);
  });

  it("parses container ids", () => {
    expect(parseContainer("root")).toBe("root");
    expect(parseContainer("section:main")).toBe("section:main");
    expect(parseContainer("table:items")).toBe("table:items");
    expect(parseContainer("table:")).toBeNull();
    expect(parseContainer("field:x")).toBeNull();
    expect(refKey({ table: "items", id: "sku" })).toBe("items/sku");
    expect(refKey({ table: null, id: "sku" })).toBe("sku");
  });
});

describe("ids", () => {
  it("generates ids from the type, unique across the form", () => {
    const doc = sample();
    expect(nextFieldId(doc, "text")).toBe("text_1");
    const more = insertField(doc, f("text_1"), "root", 0);
    expect(more && nextFieldId(more, "text")).toBe("text_2");
    const withColumn = insertField(doc, f("decimal_1", "decimal"), "table:items", 0);
    expect(withColumn && nextFieldId(withColumn, "decimal")).toBe("decimal_2");
  });

  it("makes ids unique within the length limit", () => {
    expect(uniqueId("code", new Set(["code", "code_2"]))).toBe("code_3");
    expect(uniqueId("free", new Set())).toBe("free");
    const long = "a".repeat(48);
    const id = uniqueId(long, new Set([long]));
    expect(id.length).toBeLessThanOrEqual(48);
    expect(id.endsWith("_2")).toBe(true);
  });

  it("builds new fields with what the schema requires", () => {
    const doc = emptyForm("x");
    expect(newField(doc, "single_select", texts).options).toEqual([
      { key: "option_1", label: "Option 1" },
      { key: "option_2", label: "Option 2" },
    ]);
    expect(newField(doc, "sub_table", texts).fields).toEqual([]);
    expect(newField(doc, "formula", texts).expression).toBe("");
    expect(newField(doc, "auto_number", texts).pattern).toMatch(/\{seq:\d\}/);
    expect(newField(doc, "text", texts)).toEqual({ id: "text_1", type: "text", label: texts.label });
  });

  it("checks keys: pattern, length, reserved words, duplicates in the same scope", () => {
    const doc = sample();
    const top = { table: null, id: "code" };
    const column = { table: "items", id: "sku" };
    expect(keyProblem(doc, top, "")).toBe("empty");
    expect(keyProblem(doc, top, "Code")).toBe("pattern");
    expect(keyProblem(doc, top, "1code")).toBe("pattern");
    expect(keyProblem(doc, top, "a".repeat(49))).toBe("too_long");
    expect(keyProblem(doc, top, "created_at")).toBe("reserved");
    expect(keyProblem(doc, top, "qty")).toBe("duplicate");
    expect(keyProblem(doc, top, "code")).toBeNull();
    expect(keyProblem(doc, top, "sku")).toBeNull(); // columns have their own scope
    expect(keyProblem(doc, column, "amount")).toBe("duplicate");
    expect(keyProblem(doc, column, "position")).toBe("reserved");
    expect(keyProblem(doc, column, "code")).toBeNull();
  });
});

describe("inserting and moving fields", () => {
  it("inserts into the root, a section or a sub-table at a position", () => {
    const doc = sample();
    const a = insertField(doc, f("new"), "root", 1);
    expect(a && rootIds(a)).toEqual(["code", "new", "items"]);
    const b = insertField(doc, f("new"), "section:main", 1);
    expect(b?.sections?.[0]?.fields).toEqual(["qty", "new", "total"]);
    expect(b && ids(b)).toEqual(["code", "items", "qty", "new", "total"]);
    const c = insertField(doc, f("new"), "table:items", 99);
    expect(c && containerFields(c, "table:items").map((x) => x.id)).toEqual(["sku", "amount", "new"]);
  });

  it("refuses what a container cannot hold", () => {
    const doc = sample();
    expect(insertField(doc, f("t2", "sub_table", { fields: [] }), "table:items", 0)).toBeNull();
    expect(insertField(doc, f("calc", "formula", { expression: "1" }), "table:items", 0)).toBeNull();
    expect(insertField(doc, f("who", "user"), "table:items", 0)).toBeNull();
    expect(insertField(doc, f("code"), "root", 0)).toBeNull();
    expect(insertField(doc, f("sku"), "table:items", 0)).toBeNull();
    expect(insertField(doc, f("x"), "section:nope", 0)).toBeNull();
    expect(insertField(doc, f("x"), "table:code", 0)).toBeNull();
  });

  it("reorders within a container", () => {
    const moved = moveField(sample(), { table: null, id: "code" }, "root", 1);
    expect(moved && rootIds(moved.doc)).toEqual(["items", "code"]);
    const inSection = moveField(sample(), { table: null, id: "total" }, "section:main", 0);
    expect(inSection?.doc.sections?.[0]?.fields).toEqual(["total", "qty"]);
  });

  it("moves between root and sections, keeping fields in display order", () => {
    const moved = moveField(sample(), { table: null, id: "code" }, "section:main", 2);
    expect(moved?.doc.sections?.[0]?.fields).toEqual(["qty", "total", "code"]);
    expect(moved && ids(moved.doc)).toEqual(["items", "qty", "total", "code"]);
    const back = moved && moveField(moved.doc, { table: null, id: "qty" }, "root", 0);
    expect(back && rootIds(back.doc)).toEqual(["qty", "items"]);
    expect(back?.doc.sections?.[0]?.fields).toEqual(["total", "code"]);
  });

  it("moves fields into and out of sub-tables", () => {
    const into = moveField(sample(), { table: null, id: "code" }, "table:items", 1);
    expect(into?.ref).toEqual({ table: "items", id: "code" });
    expect(into && containerFields(into.doc, "table:items").map((x) => x.id)).toEqual(["sku", "code", "amount"]);
    expect(into && ids(into.doc)).toEqual(["items", "qty", "total"]);
    const out = moveField(sample(), { table: "items", id: "sku" }, "section:main", 0);
    expect(out?.ref).toEqual({ table: null, id: "sku" });
    expect(out?.doc.sections?.[0]?.fields).toEqual(["sku", "qty", "total"]);
    expect(out && containerFields(out.doc, "table:items").map((x) => x.id)).toEqual(["amount"]);
  });

  it("renames a moved field whose id is taken where it lands", () => {
    const doc = insertField(sample(), f("code"), "table:items", 0);
    const out = doc && moveField(doc, { table: "items", id: "code" }, "root", 0);
    expect(out?.ref.id).toBe("code_2");
    expect(out && rootIds(out.doc)).toEqual(["code_2", "code", "items"]);
  });

  it("refuses moving a sub-table into a sub-table, or a computed field into one", () => {
    expect(moveField(sample(), { table: null, id: "items" }, "table:items", 0)).toBeNull();
    expect(moveField(sample(), { table: null, id: "total" }, "table:items", 0)).toBeNull();
    expect(moveField(sample(), { table: null, id: "ghost" }, "root", 0)).toBeNull();
  });

  it("detaches, removes and duplicates", () => {
    const detached = detachField(sample(), { table: null, id: "qty" });
    expect(detached?.field.id).toBe("qty");
    expect(detached?.doc.sections?.[0]?.fields).toEqual(["total"]);
    const removed = removeField({ ...sample(), title_field: "code" }, { table: null, id: "code" });
    expect(ids(removed)).toEqual(["items", "qty", "total"]);
    expect("title_field" in removed).toBe(false);
    const column = removeField(sample(), { table: "items", id: "sku" });
    expect(containerFields(column, "table:items").map((x) => x.id)).toEqual(["amount"]);
    const copy = duplicateField(sample(), { table: null, id: "qty" });
    expect(copy?.ref).toEqual({ table: null, id: "qty_2" });
    expect(copy?.doc.sections?.[0]?.fields).toEqual(["qty", "qty_2", "total"]);
    const columnCopy = duplicateField(sample(), { table: "items", id: "sku" });
    expect(columnCopy && containerFields(columnCopy.doc, "table:items").map((x) => x.id)).toEqual([
      "sku",
      "sku_2",
      "amount",
    ]);
    expect(duplicateField(sample(), { table: null, id: "ghost" })).toBeNull();
  });

  it("sets and removes properties without touching the key or type", () => {
    const ref = { table: null, id: "code" };
    const doc = setFieldProp(sample(), ref, "max_length", 20);
    expect(findField(doc, ref)?.max_length).toBe(20);
    expect("max_length" in (findField(setFieldProp(doc, ref, "max_length", undefined), ref) ?? {})).toBe(false);
    expect(setFieldProp(doc, ref, "id", "x")).toBe(doc);
    const column = setFieldProp(sample(), { table: "items", id: "sku" }, "required", true);
    expect(findField(column, { table: "items", id: "sku" })?.required).toBe(true);
  });
});

describe("renaming", () => {
  it("renames a field and every reference to it", () => {
    const doc: FormDoc = {
      ...sample(),
      title_field: "qty",
      fields: [
        ...sample().fields,
        f("link", "relation", { target: "lot", trace_role: "consumes", trace_quantity: "qty" }),
        f("scan", "scan_code", { fill: { quantity: "qty", lot: "code" } }),
        f("shown", "text", { visible_if: "qty > 0 and 'qty' != code" }),
      ],
      validations: [{ expression: "qty < 10", message: "Too many", fields: ["qty"] }],
    };
    const renamed = renameField(doc, { table: null, id: "qty" }, "quantity");
    expect(renamed).not.toBeNull();
    if (renamed === null) return;
    expect(renamed.sections?.[0]?.fields).toEqual(["quantity", "total"]);
    expect(renamed.title_field).toBe("quantity");
    expect(findField(renamed, { table: null, id: "total" })?.expression).toBe("quantity * 2");
    expect(findField(renamed, { table: null, id: "link" })?.trace_quantity).toBe("quantity");
    expect(findField(renamed, { table: null, id: "scan" })?.fill).toEqual({ quantity: "quantity", lot: "code" });
    expect(findField(renamed, { table: null, id: "shown" })?.visible_if).toBe("quantity > 0 and 'qty' != code");
    expect(renamed.validations?.[0]).toEqual({ expression: "quantity < 10", message: "Too many", fields: ["quantity"] });
  });

  it("renames lookups' relation and rollups' source", () => {
    const doc: FormDoc = {
      ...sample(),
      fields: [
        ...sample().fields,
        f("link", "relation", { target: "lot" }),
        f("name", "lookup", { relation: "link", field: "code" }),
        f("rows", "rollup", { source: "items", aggregate: "sum", field: "amount" }),
      ],
    };
    const a = renameField(doc, { table: null, id: "link" }, "supplier");
    expect(a && findField(a, { table: null, id: "name" })?.relation).toBe("supplier");
    expect(a && findField(a, { table: null, id: "name" })?.field).toBe("code");
    const b = renameField(doc, { table: null, id: "items" }, "lines");
    expect(b && findField(b, { table: null, id: "rows" })?.source).toBe("lines");
    const c = renameField(doc, { table: "items", id: "amount" }, "value");
    expect(c && findField(c, { table: null, id: "rows" })?.field).toBe("value");
    expect(c && findField(c, { table: "items", id: "value" })?.type).toBe("integer");
  });

  it("refuses keys that are not allowed", () => {
    expect(renameField(sample(), { table: null, id: "code" }, "qty")).toBeNull();
    expect(renameField(sample(), { table: null, id: "code" }, "Bad Key")).toBeNull();
    expect(renameField(sample(), { table: null, id: "ghost" }, "fine")).toBeNull();
    const same = sample();
    expect(renameField(same, { table: null, id: "code" }, "code")).toBe(same);
  });
});

describe("sections", () => {
  it("adds, updates, moves and removes sections", () => {
    const added = addSection(sample(), "Extra");
    expect(added.id).toBe("section_2");
    expect(added.doc.sections?.map((s) => s.id)).toEqual(["main", "section_2"]);
    const first = addSection(sample(), "First", 0);
    expect(first.doc.sections?.map((s) => s.id)).toEqual(["section_2", "main"]);

    const updated = updateSection(added.doc, "section_2", { columns: 5, label: { en: "More" } });
    expect(updated.sections?.[1]).toEqual({ id: "section_2", label: { en: "More" }, columns: 3, fields: [] });
    const cleared = updateSection(updated, "section_2", { label: "" });
    expect("label" in (cleared.sections?.[1] ?? {})).toBe(false);
    const renamed = updateSection(updated, "section_2", { id: "extra" });
    expect(renamed.sections?.[1]?.id).toBe("extra");
    expect(updateSection(updated, "section_2", { id: "main" })).toBe(updated);

    const withField = moveField(renamed, { table: null, id: "code" }, "section:extra", 0);
    const moved = withField && moveSection(withField.doc, "extra", 0);
    expect(moved?.sections?.map((s) => s.id)).toEqual(["extra", "main"]);
    expect(moved && ids(moved)).toEqual(["items", "code", "qty", "total"]);

    const removed = removeSection(sample(), "main");
    expect("sections" in removed).toBe(false);
    expect(rootIds(removed)).toEqual(["code", "items", "qty", "total"]);
  });

  it("checks section keys", () => {
    expect(sectionKeyProblem(sample(), "main", "main")).toBeNull();
    expect(sectionKeyProblem(addSection(sample(), "x").doc, "section_2", "main")).toBe("duplicate");
    expect(sectionKeyProblem(sample(), "main", "Main")).toBe("pattern");
    expect(sectionKeyProblem(sample(), "main", "")).toBe("empty");
    expect(sectionKeyProblem(sample(), "main", "a".repeat(41))).toBe("too_long");
  });
});

describe("form properties and labels", () => {
  it("sets and removes optional form properties", () => {
    const doc = setFormProp(sample(), "title_field", "code");
    expect(doc.title_field).toBe("code");
    expect("title_field" in setFormProp(doc, "title_field", null)).toBe(false);
    expect("validations" in setFormProp(doc, "validations", [])).toBe(false);
  });

  it("edits one language of a label", () => {
    const locales = ["zh-CN", "en"];
    expect(labelPart({ en: "Lot", "zh-CN": "批次" }, "zh-CN")).toBe("批次");
    expect(labelPart("Lot", "zh-CN")).toBe("Lot");
    expect(labelPart(undefined, "en")).toBe("");
    expect(setLabelPart("Lot", "zh-CN", "批次", locales)).toEqual({ "zh-CN": "批次", en: "Lot" });
    expect(setLabelPart({ en: "Lot", de: "Charge" }, "en", "Batch", locales)).toEqual({ en: "Batch", de: "Charge" });
    expect(setLabelPart({ en: "Lot" }, "en", " ", locales)).toBe("");
    expect(labelIsEmpty("")).toBe(true);
    expect(labelIsEmpty({ en: " " })).toBe(true);
    expect(labelIsEmpty({ en: "x" })).toBe(false);
  });
});
