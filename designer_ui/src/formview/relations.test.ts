import { describe, expect, it } from "vitest";
import { parseFormDefinition, type FieldDef } from "../fields.ts";
import { displayFieldOf, filterOptions, recordOption, searchFilter, withoutPicked } from "./relations.ts";

const supplier = parseFormDefinition({
  document: {
    label: "Supplier",
    title_field: "name",
    fields: [
      { id: "name", type: "text" },
      { id: "rank", type: "integer" },
      { id: "approval", type: "single_select", options: [{ key: "ok", label: { en: "Approved" } }] },
    ],
  },
});
const words = { yes: "Yes", no: "No", rows: (n: number) => `${n} rows` };

function relation(extra: Partial<FieldDef> = {}): FieldDef {
  return { id: "s", type: "relation", label: null, required: false, options: [], fill: {}, min: null, max: null, defaultValue: undefined, target: "supplier", ...extra };
}

describe("displayFieldOf", () => {
  it("uses the chosen field, else the title field, else id", () => {
    expect(displayFieldOf(relation({ displayField: "approval" }), supplier)).toBe("approval");
    expect(displayFieldOf(relation(), supplier)).toBe("name");
    expect(displayFieldOf(relation(), null)).toBe("id");
    expect(displayFieldOf(relation({ displayField: "ghost" }), supplier)).toBe("id");
  });
});

describe("searchFilter", () => {
  it("searches text with contains, numbers and ids with eq", () => {
    expect(searchFilter("name", supplier, " dairy ")).toEqual({ field: "name", op: "contains", text: "dairy" });
    expect(searchFilter("rank", supplier, "3")).toEqual({ field: "rank", op: "eq", text: "3" });
    expect(searchFilter("id", supplier, "#12")).toEqual({ field: "id", op: "eq", text: "12" });
    expect(searchFilter("id", supplier, "abc").field).toBeNull();
    expect(searchFilter("approval", supplier, "x").field).toBeNull();
    expect(searchFilter("name", supplier, "  ").field).toBeNull();
  });
});

describe("recordOption", () => {
  it("shows the display value, formatted", () => {
    const record = { id: 4, version: 1, created_at: null, data: { name: "ACME", approval: "ok" } };
    expect(recordOption(record, "name", supplier, "en", words)).toEqual({ id: 4, display: "ACME" });
    expect(recordOption(record, "approval", supplier, "en", words)).toEqual({ id: 4, display: "Approved" });
    expect(recordOption(record, "id", supplier, "en", words)).toEqual({ id: 4, display: "#4" });
    expect(recordOption({ ...record, data: {} }, "name", supplier, "en", words)).toEqual({ id: 4, display: "#4" });
  });
});

describe("withoutPicked / filterOptions", () => {
  it("drops picked options and filters by name or detail", () => {
    const options = [
      { id: "li", display: "Li Lei", detail: "li" },
      { id: "han", display: "Han Meimei", detail: "han" },
    ];
    expect(withoutPicked(options, [{ id: "li", display: "Li Lei" }]).map((o) => o.id)).toEqual(["han"]);
    expect(filterOptions(options, "MEI").map((o) => o.id)).toEqual(["han"]);
    expect(filterOptions(options, "").length).toBe(2);
    expect(filterOptions(options, "", 1).length).toBe(1);
  });
});
