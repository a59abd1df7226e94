import { describe, expect, it } from "vitest";
import {
  applyScan,
  buildCreateData,
  buildPatchData,
  describeInputs,
  initialState,
  mapErrors,
  parseFormDefinition,
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
      "text", "number", "number", "checkbox", "datetime", "multi", "select", "scan", "date", "readonly", "readonly",
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
