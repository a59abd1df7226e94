import { describe, expect, it } from "vitest";
import type { FormDoc } from "./model.ts";
import {
  clearFieldErrors,
  generalErrors,
  indexErrors,
  locatePointer,
  NO_ERRORS,
  pointerTokens,
  renameFieldErrors,
} from "./pointers.ts";

const doc: FormDoc = {
  schema_version: 1,
  key: "lot",
  label: "Lot",
  fields: [
    { id: "code", type: "text", label: "Code" },
    { id: "status", type: "single_select", label: "Status", options: [{ key: "a", label: "A" }] },
    {
      id: "items",
      type: "sub_table",
      label: "Items",
      fields: [
        { id: "sku", type: "text", label: "SKU" },
        { id: "amount", type: "integer", label: "Amount" },
      ],
    },
    { id: "total", type: "formula", label: "Total", expression: "nope" },
  ],
  sections: [{ id: "main", fields: ["status", "total"] }],
  validations: [{ expression: "x", message: "m" }],
};

describe("pointerTokens", () => {
  it("splits and unescapes", () => {
    expect(pointerTokens("")).toEqual([]);
    expect(pointerTokens("/")).toEqual([]);
    expect(pointerTokens("/fields/0/label")).toEqual(["fields", "0", "label"]);
    expect(pointerTokens("/a~1b/c~0d")).toEqual(["a/b", "c~d"]);
  });
});

describe("locatePointer", () => {
  it("maps a field's property", () => {
    expect(locatePointer(doc, "/fields/0/max_length")).toEqual({
      kind: "field",
      ref: { table: null, id: "code" },
      prop: "max_length",
      detail: "",
    });
    expect(locatePointer(doc, "/fields/3/expression")).toMatchObject({ ref: { table: null, id: "total" }, prop: "expression" });
  });

  it("maps a field itself and a nested property", () => {
    expect(locatePointer(doc, "/fields/1")).toMatchObject({ kind: "field", ref: { id: "status" }, prop: null });
    expect(locatePointer(doc, "/fields/1/options/0/key")).toEqual({
      kind: "field",
      ref: { table: null, id: "status" },
      prop: "options",
      detail: "0/key",
    });
  });

  it("maps sub-table columns", () => {
    expect(locatePointer(doc, "/fields/2/fields/0/label")).toEqual({
      kind: "field",
      ref: { table: "items", id: "sku" },
      prop: "label",
      detail: "",
    });
    expect(locatePointer(doc, "/fields/2/fields/1")).toMatchObject({ ref: { table: "items", id: "amount" }, prop: null });
    expect(locatePointer(doc, "/fields/2/fields")).toMatchObject({ ref: { table: null, id: "items" }, prop: "fields" });
    expect(locatePointer(doc, "/fields/2/fields/9/label")).toMatchObject({ ref: { table: null, id: "items" }, prop: "fields" });
  });

  it("maps section entries to the field they name", () => {
    expect(locatePointer(doc, "/sections/0/fields/1")).toEqual({
      kind: "field",
      ref: { table: null, id: "total" },
      prop: "section",
      detail: "",
    });
    expect(locatePointer(doc, "/sections/0/id")).toEqual({ kind: "section", id: "main", prop: "id" });
    expect(locatePointer(doc, "/sections/0/fields/7")).toEqual({ kind: "section", id: "main", prop: "fields" });
    expect(locatePointer(doc, "/sections/4")).toEqual({ kind: "form", prop: "sections" });
  });

  it("maps validations, records and the form", () => {
    expect(locatePointer(doc, "/validations/0/expression")).toEqual({ kind: "validation", index: 0, prop: "expression" });
    expect(locatePointer(doc, "/records/12/code")).toMatchObject({ kind: "field", ref: { table: null, id: "code" } });
    expect(locatePointer(doc, "/records/12/sku")).toMatchObject({ kind: "field", ref: { table: "items", id: "sku" } });
    expect(locatePointer(doc, "/fields/code")).toMatchObject({ kind: "field", ref: { table: null, id: "code" } });
    expect(locatePointer(doc, "/label")).toEqual({ kind: "form", prop: "label" });
    expect(locatePointer(doc, "/fields/9/label")).toEqual({ kind: "form", prop: "fields" });
    expect(locatePointer(doc, "")).toEqual({ kind: "form", prop: null });
  });
});

describe("indexErrors", () => {
  const errors = [
    { pointer: "/label", code: "required", message: "is required" },
    { pointer: "/fields/3/expression", code: "expression", message: "unknown field 'nope'" },
    { pointer: "/fields/2/fields/0/label", code: "label", message: "must be text" },
    { pointer: "/fields/3/scale", code: "maximum", message: "must be at most 10" },
    { pointer: "/sections/0/id", code: "duplicate", message: "taken" },
    { pointer: "/validations/0/expression", code: "expression", message: "bad" },
  ];

  it("sorts errors by what they concern and finds the first field", () => {
    const index = indexErrors(doc, errors);
    expect(index.count).toBe(6);
    expect(index.firstField).toEqual({ table: null, id: "total" });
    expect(index.fields.total?.map((e) => e.prop)).toEqual(["expression", "scale"]);
    expect(index.fields["items/sku"]).toEqual([{ prop: "label", detail: "", message: "must be text" }]);
    expect(index.sections.main).toHaveLength(1);
    expect(index.validations[0]).toHaveLength(1);
    expect(index.form).toEqual([{ prop: "label", detail: "", message: "is required" }]);
    expect(indexErrors(doc, [])).toEqual(NO_ERRORS);
  });

  it("clears one property's errors and follows renames", () => {
    const index = indexErrors(doc, errors);
    const cleared = clearFieldErrors(index, "total", "expression");
    expect(cleared.fields.total?.map((e) => e.prop)).toEqual(["scale"]);
    expect(cleared.count).toBe(5);
    const gone = clearFieldErrors(cleared, "total", "scale");
    expect(gone.fields.total).toBeUndefined();
    expect(clearFieldErrors(index, "code", "label")).toBe(index);
    const renamed = renameFieldErrors(index, "total", "sum");
    expect(renamed.fields.sum).toHaveLength(2);
    expect(renamed.fields.total).toBeUndefined();
  });

  it("keeps errors no editor shows for the top of the panel", () => {
    const list = [
      { prop: null, detail: "", message: "a" },
      { prop: "label", detail: "", message: "b" },
      { prop: "weird", detail: "", message: "c" },
    ];
    expect(generalErrors(list, ["label"]).map((e) => e.message)).toEqual(["a", "c"]);
  });
});
