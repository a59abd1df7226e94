import { describe, expect, it } from "vitest";
import { LOCALES } from "../i18n.ts";
import { FUNCTIONS } from "./expressions.ts";
import { FIELD_TYPES, PALETTE_GROUPS, PROP_GROUP_ORDER, SCAN_PART_NAMES, specsOf } from "./fieldTypes.ts";
import { designerMessages, typeName } from "./messages.ts";

describe("designer messages", () => {
  it("have the same entries in every language", () => {
    const [first, ...rest] = LOCALES.map((locale) => designerMessages[locale]);
    for (const other of rest) {
      expect(Object.keys(other).sort()).toEqual(Object.keys(first ?? {}).sort());
    }
  });

  it.each(LOCALES.map((locale) => [locale]))("name everything the designer shows in %s", (locale) => {
    const m = designerMessages[locale];
    for (const type of [...FIELD_TYPES, "section" as const]) {
      expect(m.typeNames[type]).not.toBe("");
      expect(m.typeHints[type]).not.toBe("");
    }
    for (const group of PALETTE_GROUPS) expect(m.groupNames[group.id]).not.toBe("");
    for (const group of PROP_GROUP_ORDER) expect(m.groupTitles[group]).not.toBe("");
    for (const part of SCAN_PART_NAMES) expect(m.scanParts[part]).not.toBe("");
    for (const info of FUNCTIONS) expect(m.functionDocs[info.name], info.name).toBeTruthy();
    for (const type of FIELD_TYPES) {
      for (const prop of Object.keys(specsOf(type))) expect(m.propNames[prop], `${type}.${prop}`).toBeTruthy();
    }
    for (const make of Object.values(m.localErrors)) expect(make(3)).not.toBe("");
    expect(m.notSaved(2)).toContain("2");
  });

  it("falls back to the raw type name", () => {
    expect(typeName(designerMessages.en, "formula")).toBe("Formula");
    expect(typeName(designerMessages.en, "hologram")).toBe("hologram");
  });
});
