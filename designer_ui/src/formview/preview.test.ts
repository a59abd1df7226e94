import { describe, expect, it } from "vitest";
import { parseFormDefinition } from "../fields.ts";
import { hiddenFields, isRequiredNow, needsPreview, parseRecordPreview, previewKey } from "./preview.ts";

const definition = parseFormDefinition({
  document: {
    label: "x",
    fields: [
      { id: "damaged", type: "boolean" },
      { id: "note", type: "long_text", visible_if: "damaged", required_if: "damaged" },
      { id: "qty", type: "integer", required: true },
      { id: "total", type: "formula", expression: "qty * 2" },
    ],
  },
});
const fields = definition.fields;

describe("parseRecordPreview", () => {
  it("keeps well-formed rules and computed values", () => {
    expect(
      parseRecordPreview({
        fields: { note: { visible: false, required: true }, qty: { required: false }, bad: 3 },
        computed: { total: "4.00" },
        extra: 1,
      }),
    ).toEqual({
      fields: { note: { visible: false, required: true }, qty: { visible: true, required: false } },
      computed: { total: "4.00" },
    });
    expect(parseRecordPreview(null)).toEqual({ fields: {}, computed: {} });
  });
});

describe("hiddenFields", () => {
  it("hides conditional fields until the first answer, then follows it", () => {
    expect([...hiddenFields(fields, null, "pending")]).toEqual(["note"]);
    const shown = parseRecordPreview({ fields: { note: { visible: true, required: true } } });
    expect([...hiddenFields(fields, shown, "ready")]).toEqual([]);
    const hidden = parseRecordPreview({ fields: { note: { visible: false }, qty: { visible: false } } });
    expect([...hiddenFields(fields, hidden, "ready")]).toEqual(["note", "qty"]);
  });
  it("shows everything when there is no preview", () => {
    expect([...hiddenFields(fields, null, "off")]).toEqual([]);
  });
});

describe("isRequiredNow", () => {
  it("prefers the preview's word", () => {
    const note = fields[1];
    const qty = fields[2];
    if (note === undefined || qty === undefined) throw new Error("fixture");
    expect(isRequiredNow(note, null)).toBe(false);
    expect(isRequiredNow(note, parseRecordPreview({ fields: { note: { required: true } } }))).toBe(true);
    expect(isRequiredNow(qty, null)).toBe(true);
  });
});

describe("needsPreview / previewKey", () => {
  it("asks only forms with conditions or formulas", () => {
    expect(needsPreview(fields)).toBe(true);
    expect(needsPreview(parseFormDefinition({ document: { label: "x", fields: [{ id: "a", type: "text" }] } }).fields)).toBe(false);
    expect(needsPreview(parseFormDefinition({ document: { label: "x", fields: [{ id: "n", type: "auto_number" }] } }).fields)).toBe(false);
  });
  it("changes with the data and the record id", () => {
    expect(previewKey({ a: 1 }, null)).not.toBe(previewKey({ a: 2 }, null));
    expect(previewKey({ a: 1 }, null)).not.toBe(previewKey({ a: 1 }, 3));
  });
});
