import { describe, expect, it } from "vitest";
import { describeDiff, firstPublishDiff, parseDiffEntries, parsePlanSteps } from "./changes.ts";
import { insertionIndex, pickContainer, sectionIndex, type Box } from "./dropTarget.ts";
import { FUNCTIONS, functionSnippet, insertSnippet, namesIn, renameIdentifier } from "./expressions.ts";
import type { FormDoc } from "./model.ts";
import { validateDocument } from "./validate.ts";

const box = (left: number, top: number, width = 100, height = 40): Box => ({ left, top, width, height });

describe("drop geometry", () => {
  it("picks the deepest container under the point, else the nearest", () => {
    const candidates = [
      { id: "root", box: box(0, 0, 500, 500), depth: 1 },
      { id: "table", box: box(20, 100, 300, 80), depth: 3 },
      { id: "section", box: box(0, 600, 500, 200), depth: 1 },
    ];
    expect(pickContainer({ x: 50, y: 120 }, candidates)).toBe("table");
    expect(pickContainer({ x: 50, y: 300 }, candidates)).toBe("root");
    expect(pickContainer({ x: 50, y: 560 }, candidates)).toBe("section");
    expect(pickContainer({ x: 50, y: 520 }, candidates)).toBe("root");
    expect(pickContainer({ x: 0, y: 0 }, [])).toBeNull();
  });

  it("prefers the smaller of two equally deep containers", () => {
    const candidates = [
      { id: "big", box: box(0, 0, 500, 500), depth: 1 },
      { id: "small", box: box(0, 0, 100, 100), depth: 1 },
    ];
    expect(pickContainer({ x: 10, y: 10 }, candidates)).toBe("small");
  });

  it("finds the insertion index in a single column", () => {
    const boxes = [box(0, 0), box(0, 50), box(0, 100)];
    expect(insertionIndex({ x: 10, y: -5 }, boxes)).toBe(0);
    expect(insertionIndex({ x: 10, y: 10 }, boxes)).toBe(0);
    expect(insertionIndex({ x: 10, y: 30 }, boxes)).toBe(1);
    expect(insertionIndex({ x: 10, y: 45 }, boxes)).toBe(1);
    expect(insertionIndex({ x: 10, y: 125 }, boxes)).toBe(3);
    expect(insertionIndex({ x: 10, y: 500 }, boxes)).toBe(3);
    expect(insertionIndex({ x: 10, y: 10 }, [])).toBe(0);
  });

  it("finds the insertion index in a grid, in reading order", () => {
    // Two columns: [0][1] / [2][3] / [4]
    const boxes = [box(0, 0), box(110, 0), box(0, 50), box(110, 50), box(0, 100)];
    expect(insertionIndex({ x: 20, y: 20 }, boxes)).toBe(0);
    expect(insertionIndex({ x: 80, y: 20 }, boxes)).toBe(1);
    expect(insertionIndex({ x: 200, y: 20 }, boxes)).toBe(2);
    expect(insertionIndex({ x: 130, y: 60 }, boxes)).toBe(3);
    expect(insertionIndex({ x: 10, y: 45 }, boxes)).toBe(2);
    expect(insertionIndex({ x: 150, y: 110 }, boxes)).toBe(5);
  });

  it("places a new section between sections", () => {
    const boxes = [box(0, 0, 500, 100), box(0, 120, 500, 100)];
    expect(sectionIndex({ x: 0, y: 10 }, boxes)).toBe(0);
    expect(sectionIndex({ x: 0, y: 90 }, boxes)).toBe(1);
    expect(sectionIndex({ x: 0, y: 400 }, boxes)).toBe(2);
  });
});

describe("expressions", () => {
  it("inserts snippets at the cursor", () => {
    expect(insertSnippet("a + ", 4, 4, "qty")).toEqual({ text: "a + qty", cursor: 7 });
    expect(insertSnippet("price", 5, 5, "qty")).toEqual({ text: "price qty", cursor: 9 });
    expect(insertSnippet("", 0, 0, "ROUND()")).toEqual({ text: "ROUND()", cursor: 6 });
    expect(insertSnippet("x * y", 0, 1, "qty")).toEqual({ text: "qty * y", cursor: 3 });
    expect(insertSnippet("ab", 10, 20, "c")).toEqual({ text: "ab c", cursor: 4 });
  });

  it("renames field names only", () => {
    expect(renameIdentifier("qty * 2 + qty2 + qty", "qty", "n")).toBe("n * 2 + qty2 + n");
    expect(renameIdentifier("'qty' + \"qty\" + qty", "qty", "n")).toBe("'qty' + \"qty\" + n");
    expect(renameIdentifier("round(x) + round", "round", "r")).toBe("round(x) + r");
    expect(renameIdentifier("items.qty + qty", "qty", "n")).toBe("items.qty + n");
    expect(renameIdentifier("1e5 + e5", "e5", "x")).toBe("1e5 + x");
    expect(renameIdentifier("'it\\'s qty' + qty", "qty", "n")).toBe("'it\\'s qty' + n");
    expect(renameIdentifier("abc", "qty", "n")).toBe("abc");
  });

  it("lists the names an expression reads", () => {
    expect(namesIn("ROUND(qty * price, 2) + qty and True")).toEqual(["qty", "price"]);
  });

  it("knows the functions of the language", () => {
    const names = FUNCTIONS.map((f) => f.name);
    expect(names).toContain("ROUND");
    expect(names).toContain("DAYS_BETWEEN");
    expect(new Set(names).size).toBe(names.length);
    const round = FUNCTIONS.find((f) => f.name === "ROUND");
    expect(round && functionSnippet(round)).toBe("ROUND()");
  });
});

describe("describeDiff", () => {
  it("reads the server's diff as changes per field", () => {
    const entries = parseDiffEntries([
      { op: "removed", path: "/sections", before: [] },
      { op: "changed", path: "/label/en", before: "New", after: "New 2" },
      { op: "removed", path: "/fields/f", before: { id: "f", type: "formula", label: "F" } },
      { op: "changed", path: "/fields/a/type", before: "text", after: "integer" },
      { op: "changed", path: "/fields/a/label/en", before: "A", after: "B" },
      { op: "added", path: "/fields/t/fields/y", after: { id: "y", type: "integer", label: "Y" } },
      { op: "changed", path: "/fields/t/fields/x/required", before: false, after: true },
      { op: "added", path: "/fields/g", after: { id: "g", type: "formula", label: { en: "G" } } },
      { op: "moved", path: "/fields", before: ["a"], after: ["a"] },
      { op: "moved", path: "/fields/t/fields", before: [], after: [] },
      { op: "added", path: "/validations", after: [] },
      "junk",
    ]);
    expect(describeDiff(entries)).toEqual([
      { kind: "form_changed", props: ["label"] },
      { kind: "field_removed", field: "f", table: null, label: "F", type: "formula" },
      { kind: "field_changed", field: "a", table: null, props: ["type", "label"] },
      { kind: "field_added", field: "y", table: "t", label: "Y", type: "integer" },
      { kind: "field_changed", field: "x", table: "t", props: ["required"] },
      { kind: "field_added", field: "g", table: null, label: { en: "G" }, type: "formula" },
      { kind: "fields_moved", table: null },
      { kind: "fields_moved", table: "t" },
      { kind: "layout_changed" },
      { kind: "rules_changed" },
    ]);
  });

  it("describes a first publication and reads plan steps", () => {
    expect(describeDiff(firstPublishDiff([{ id: "a", type: "text", label: "A" } as { id: string }]))).toEqual([
      { kind: "field_added", field: "a", table: null, label: "A", type: "text" },
    ]);
    expect(
      parsePlanSteps([
        { op: "create_table", field: null, table: "x" },
        { op: "change_type", field: "a", from: "text", to: "long_text" },
        { nope: 1 },
      ]),
    ).toEqual([
      { op: "create_table", field: null },
      { op: "change_type", field: "a", from: "text", to: "long_text" },
    ]);
  });
});

describe("validateDocument", () => {
  const base: FormDoc = { schema_version: 1, key: "x", label: { en: "X" }, fields: [{ id: "a", type: "text", label: "A" }] };

  it("accepts a valid document", () => {
    expect(validateDocument(base)).toEqual([]);
  });

  it("finds gaps with the pointers the server would use", () => {
    const doc: FormDoc = {
      ...base,
      label: "",
      fields: [
        { id: "a", type: "text", label: "", max_length: 0, min_length: 5 },
        { id: "t", type: "sub_table", label: "T", fields: [] },
        { id: "u", type: "sub_table", label: "U", fields: [{ id: "c", type: "integer", label: "", min: 5, max: 1 }] },
        { id: "s", type: "single_select", label: "S", options: [{ key: "k", label: "K" }, { key: "k", label: "" }] },
        { id: "f", type: "formula", label: "F", expression: " " },
        { id: "r", type: "relation", label: "R", target: "" },
        { id: "l", type: "lookup", label: "L", relation: "", field: "" },
        { id: "n", type: "auto_number", label: "N", pattern: "NO-1" },
        { id: "d", type: "decimal", label: "D", min: "abc", scale: 1.5 },
        { id: "m", type: "currency", label: "M", currency: "rmb" },
        { id: "v", type: "text", label: "V", visible_if: "" },
        { id: "ro", type: "rollup", label: "Ro", source: "u", aggregate: "sum" },
      ],
      sections: [
        { id: "s1", fields: [] },
        { id: "s1", fields: [] },
      ],
      validations: [{ expression: "", message: "" }],
    };
    const found = validateDocument(doc).map((e) => `${e.pointer} ${e.code}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "/label form_label_required",
        "/fields/0/label label_required",
        "/fields/0/max_length too_small",
        "/fields/1/fields no_columns",
        "/fields/2/fields/0/label label_required",
        "/fields/2/fields/0/max min_above_max",
        "/fields/3/options/1/key option_duplicate",
        "/fields/3/options/1/label option_label",
        "/fields/4/expression expression_required",
        "/fields/5/target target_required",
        "/fields/6/relation relation_required",
        "/fields/6/field field_required",
        "/fields/7/pattern numbering_pattern",
        "/fields/8/min decimal",
        "/fields/8/scale whole_number",
        "/fields/9/currency currency_code",
        "/fields/10/visible_if expression_required",
        "/fields/11/field field_required",
        "/sections/1/id section_duplicate",
        "/validations/0/expression rule_expression",
        "/validations/0/message rule_message",
      ]),
    );
    expect(validateDocument({ ...base, fields: [] }).map((e) => e.code)).toEqual(["no_fields"]);
  });

  it("flags min above max for lengths and dates", () => {
    const doc: FormDoc = {
      ...base,
      fields: [
        { id: "a", type: "text", label: "A", min_length: 5, max_length: 2 },
        { id: "d", type: "date", label: "D", min: "2026-05-01", max: "2026-01-01" },
      ],
    };
    expect(validateDocument(doc).map((e) => e.pointer)).toEqual(["/fields/0/max_length", "/fields/1/max"]);
  });
});
