import { describe, expect, it } from "vitest";
import { parseFormDefinition } from "../fields.ts";
import { isWide, layoutGroups } from "./layout.ts";

const fields = ["a", "b", "c", "d", "e"].map((id) => ({ id, type: "text", label: id }));

describe("layoutGroups", () => {
  it("shows loose fields first, then sections in their own order", () => {
    const definition = parseFormDefinition({
      document: {
        label: "x",
        fields,
        sections: [
          { id: "s1", label: { en: "One" }, columns: 2, fields: ["d", "b", "ghost"] },
          { id: "s2", columns: 3, fields: ["b", "e"] },
          { id: "empty", fields: [] },
        ],
      },
    });
    expect(layoutGroups(definition)).toEqual([
      { id: null, label: null, columns: 1, fieldIds: ["a", "c"] },
      { id: "s1", label: { en: "One" }, columns: 2, fieldIds: ["d", "b"] },
      { id: "s2", label: null, columns: 3, fieldIds: ["e"] },
    ]);
  });
  it("is one plain group without sections", () => {
    const definition = parseFormDefinition({ document: { label: "x", fields } });
    expect(layoutGroups(definition)).toEqual([
      { id: null, label: null, columns: 1, fieldIds: ["a", "b", "c", "d", "e"] },
    ]);
  });
});

describe("isWide", () => {
  it("spans sub-tables and pictures over all columns", () => {
    expect(isWide("sub_table")).toBe(true);
    expect(isWide("image")).toBe(true);
    expect(isWide("text")).toBe(false);
  });
});
