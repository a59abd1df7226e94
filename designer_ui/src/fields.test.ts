import { describe, expect, it } from "vitest";
import {
  applyScan,
  buildCreateData,
  buildPatchData,
  buildPreviewData,
  cellKey,
  describeInputs,
  emptyRow,
  initialState,
  mapErrors,
  parseFormDefinition,
  type RowsValue,
} from "./fields.ts";

const definition = parseFormDefinition({
  document: {
    label: { en: "Inspection" },
    fields: [
      { id: "lot_code", type: "text", label: { en: "Lot" }, required: true },
      { id: "sampled", type: "integer", min: 1 },
      { id: "moisture", type: "decimal" },
      { id: "passed", type: "boolean" },
      { id: "inspected_at", type: "datetime" },
      { id: "tags", type: "multi_select", options: [{ key: "a" }, { key: "b" }] },
      { id: "approval", type: "single_select", options: [{ key: "ok" }], default: "ok" },
      { id: "scan", type: "scan_code", fill: { lot: "lot_code", expiry: "expiry", quantity: "sampled" } },
      { id: "expiry", type: "date" },
      { id: "total", type: "formula" },
      { id: "supplier", type: "relation" },
      { bad: true },
    ],
  },
});
const inputs = describeInputs(definition);

describe("describeInputs", () => {
  it("maps types to inputs and marks computed/unsupported ones read-only", () => {
    expect(inputs.map((i) => i.kind)).toEqual([
      "text", "number", "number", "checkbox", "datetime", "multi", "select", "scan", "date", "readonly", "relation",
    ]);
    expect(inputs[0]?.field.required).toBe(true);
    expect(inputs[1]?.integer).toBe(true);
  });
});

describe("create and patch data", () => {
  it("starts from defaults and sends integers as numbers, decimals as strings", () => {
    const state = initialState(inputs, null);
    expect(state.approval).toBe("ok");
    expect(state.total).toBeUndefined();
    const data = buildCreateData(inputs, { ...state, lot_code: " L1 ", sampled: "5", moisture: "12.50" });
    expect(data).toEqual({ lot_code: "L1", sampled: 5, moisture: "12.50", passed: false, approval: "ok" });
  });
  it("sends only changed fields, with null for cleared ones", () => {
    const before = initialState(inputs, { lot_code: "L1", sampled: 5, moisture: "1.5", tags: ["a", "b"] });
    expect(before.sampled).toBe("5");
    const after = { ...before, moisture: "", tags: ["b", "a"], passed: true };
    expect(buildPatchData(inputs, before, after)).toEqual({ moisture: null, passed: true });
  });
  it("sends datetimes with an offset", () => {
    const data = buildCreateData(inputs, { ...initialState(inputs, null), inspected_at: "2026-11-21T08:30" });
    expect(String(data.inspected_at)).toMatch(/^2026-11-21T08:30:00[+-]\d{2}:\d{2}$/);
  });
});

describe("mapErrors", () => {
  it("puts errors at their fields and keeps the rest", () => {
    const mapped = mapErrors(
      [
        { pointer: "/data/sampled", code: "min", message: "must be at least 1" },
        { pointer: "/data/tags/0", code: "x", message: "bad" },
        { pointer: "/version", code: "type", message: "must be a number" },
        { pointer: "/data/ghost", code: "x", message: "unknown" },
      ],
      ["sampled", "tags"],
    );
    expect(mapped.byField).toEqual({ sampled: ["must be at least 1"], tags: ["bad"] });
    expect(mapped.other).toEqual(["/version: must be a number", "/data/ghost: unknown"]);
  });
});

describe("applyScan", () => {
  it("fills the mapped inputs without touching others", () => {
    const state = initialState(inputs, null);
    const next = applyScan(inputs, state, { lot: "lot_code", expiry: "expiry", quantity: "sampled", gtin: "total" }, {
      lot: "ABC",
      expiry: "2027-01-31",
      quantity: "12",
      gtin: "09506000134352",
      serial: null,
    });
    expect(next).toEqual({ ...state, lot_code: "ABC", expiry: "2027-01-31", sampled: "12" });
  });
});

const rich = parseFormDefinition({
  document: {
    label: "Receipt",
    title_field: "po",
    sections: [
      { id: "basics", label: { en: "Basics" }, columns: 2, fields: ["po", "supplier"] },
      { id: "odd", columns: 9, fields: ["x", 3] },
      { bad: true },
    ],
    fields: [
      { id: "po", type: "text" },
      { id: "supplier", type: "relation", target: "supplier", display_field: "name" },
      { id: "tags", type: "relation", target: "tag", multiple: true },
      { id: "owner", type: "user" },
      { id: "dept", type: "department" },
      { id: "photos", type: "image", max_files: 3, max_size_mb: 5 },
      { id: "sign", type: "signature" },
      { id: "where", type: "geolocation" },
      { id: "note", type: "text", visible_if: "po != ''", required_if: "po == 'X'", read_only: true },
      { id: "no", type: "auto_number" },
      {
        id: "lines",
        type: "sub_table",
        min_rows: 1,
        fields: [
          { id: "pallet", type: "text", required: true },
          { id: "weight", type: "decimal" },
          { id: "ref", type: "relation", target: "lot" },
        ],
      },
    ],
  },
});
const richInputs = describeInputs(rich);

describe("richer definitions", () => {
  it("parses sections, conditions and type options", () => {
    expect(rich.titleField).toBe("po");
    expect(rich.sections).toEqual([
      { id: "basics", label: { en: "Basics" }, columns: 2, fields: ["po", "supplier"] },
      { id: "odd", label: null, columns: 3, fields: ["x"] },
    ]);
    const note = rich.fields.find((f) => f.id === "note");
    expect(note?.visibleIf).toBe("po != ''");
    expect(note?.requiredIf).toBe("po == 'X'");
    expect(rich.fields.find((f) => f.id === "photos")?.maxFiles).toBe(3);
    expect(rich.fields.find((f) => f.id === "supplier")?.displayField).toBe("name");
    expect(rich.fields.find((f) => f.id === "lines")?.columns?.map((c) => c.id)).toEqual(["pallet", "weight", "ref"]);
  });
  it("picks an input per type; read-only and computed fields are shown only", () => {
    expect(richInputs.map((i) => i.kind)).toEqual([
      "text", "relation", "relation", "user", "department", "files", "signature", "geolocation",
      "readonly", "readonly", "subtable",
    ]);
    expect(richInputs[10]?.columns?.map((c) => c.kind)).toEqual(["text", "number", "relation"]);
  });
});

describe("rich values", () => {
  const read = {
    supplier: { id: 3, display: "ACME" },
    tags: [{ id: 1, display: "a" }, { id: 2, display: null }],
    owner: { login: "li", display_name: "Li Lei" },
    dept: { id: 4, name: "QA" },
    photos: [{ id: "a".repeat(32), name: "p.png", size: 10, content_type: "image/png", url: "/u", thumbnail_url: "/t" }],
    sign: { id: "b".repeat(32), name: "signature.png" },
    where: { lat: 31.2, lng: 121.5, accuracy: 8 },
    lines: [{ id: 9, pallet: "P1", weight: "1.500", ref: { id: 7, display: "L7" } }],
  };
  it("turns reads into input values and back into ids", () => {
    const state = initialState(richInputs, read);
    expect(state.supplier).toEqual({ kind: "links", items: [{ id: 3, display: "ACME" }] });
    expect(state.owner).toEqual({ kind: "links", items: [{ id: "li", display: "Li Lei" }] });
    expect(state.dept).toEqual({ kind: "links", items: [{ id: 4, display: "QA" }] });
    expect(state.where).toEqual({ kind: "geo", lat: "31.2", lng: "121.5", accuracy: "8" });
    const data = buildCreateData(richInputs, state);
    expect(data).toEqual({
      supplier: 3,
      tags: [1, 2],
      owner: "li",
      dept: 4,
      photos: ["a".repeat(32)],
      sign: "b".repeat(32),
      where: { lat: 31.2, lng: 121.5, accuracy: 8 },
      lines: [{ pallet: "P1", weight: "1.500", ref: 7 }],
    });
  });
  it("leaves out hidden fields and empty rich values", () => {
    const state = initialState(richInputs, null);
    expect(buildCreateData(richInputs, state)).toEqual({});
    const filled = { ...state, po: "A", supplier: { kind: "links" as const, items: [{ id: 5, display: "x" }] } };
    expect(buildCreateData(richInputs, filled, new Set(["supplier"]))).toEqual({ po: "A" });
  });
  it("sends coordinates as numbers, or as typed when they are not numbers", () => {
    const state = initialState(richInputs, null);
    const data = buildCreateData(richInputs, { ...state, where: { kind: "geo", lat: " 31.5", lng: "abc", accuracy: "" } });
    expect(data.where).toEqual({ lat: 31.5, lng: "abc" });
  });
  it("patches changed rich fields only; emptied sub-tables as []", () => {
    const before = initialState(richInputs, read);
    expect(buildPatchData(richInputs, before, { ...before })).toEqual({});
    const lines = before.lines as RowsValue;
    const after = {
      ...before,
      owner: { kind: "links" as const, items: [] },
      lines: { kind: "rows" as const, rows: [...lines.rows, emptyRow(richInputs[10]?.columns ?? [])] },
    };
    expect(buildPatchData(richInputs, before, after)).toEqual({
      owner: null,
      lines: [{ pallet: "P1", weight: "1.500", ref: 7 }, {}],
    });
    expect(buildPatchData(richInputs, before, { ...before, lines: { kind: "rows", rows: [] } })).toEqual({ lines: [] });
  });
});

describe("mapErrors with sub-tables", () => {
  it("puts row and cell errors at their row and cell", () => {
    const mapped = mapErrors(
      [
        { pointer: "/data/lines/2/weight", code: "min", message: "too small" },
        { pointer: "/data/lines/0", code: "type", message: "bad row" },
        { pointer: "/data/lines", code: "min_rows", message: "needs rows" },
        { pointer: "/data/where", code: "range", message: "bad lat" },
      ],
      ["lines", "where"],
      ["lines"],
    );
    expect(mapped.cells).toEqual({ [cellKey("lines", 2, "weight")]: ["too small"] });
    expect(mapped.rows).toEqual({ "lines/0": ["bad row"] });
    expect(mapped.byField).toEqual({ lines: ["needs rows"], where: ["bad lat"] });
  });
});

describe("applyScan into rich forms", () => {
  it("only fills text-like inputs", () => {
    const state = initialState(richInputs, null);
    const next = applyScan(richInputs, state, { lot: "po", gtin: "supplier" }, { lot: "L1", gtin: "123" });
    expect(next.po).toBe("L1");
    expect(next.supplier).toEqual(state.supplier);
  });
});

describe("buildPreviewData", () => {
  it("sends every editable field, empty ones as null", () => {
    const state = initialState(richInputs, null);
    const data = buildPreviewData(richInputs, { ...state, po: "A" });
    expect(data.po).toBe("A");
    expect(data.supplier).toBeNull();
    expect(data.lines).toEqual([]);
    expect("note" in data).toBe(false);
    expect("no" in data).toBe(false);
  });
});
