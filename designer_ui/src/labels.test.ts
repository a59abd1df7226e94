import { describe, expect, it } from "vitest";
import { resolveLabel, toLocalizedText } from "./labels.ts";

describe("resolveLabel", () => {
  it("returns an empty string for null and undefined", () => {
    expect(resolveLabel(null, "en")).toBe("");
    expect(resolveLabel(undefined, "zh-CN")).toBe("");
  });

  it("returns a plain string unchanged for any locale", () => {
    expect(resolveLabel("Traceability", "en")).toBe("Traceability");
    expect(resolveLabel("Traceability", "zh-CN")).toBe("Traceability");
  });

  it("picks the requested locale from a map", () => {
    const label = { "zh-CN": "追溯", en: "Traceability" };
    expect(resolveLabel(label, "zh-CN")).toBe("追溯");
    expect(resolveLabel(label, "en")).toBe("Traceability");
  });

  it("falls back to zh-CN, then en", () => {
    expect(resolveLabel({ en: "Traceability", "zh-CN": "追溯" }, "fr")).toBe("追溯");
    expect(resolveLabel({ en: "Traceability", de: "Rückverfolgung" }, "zh-CN")).toBe(
      "Traceability",
    );
    expect(resolveLabel({ "zh-CN": "追溯", de: "Rückverfolgung" }, "en")).toBe("追溯");
  });

  it("falls back to the first available entry", () => {
    expect(resolveLabel({ de: "Rückverfolgung", fr: "Traçabilité" }, "en")).toBe(
      "Rückverfolgung",
    );
  });

  it("skips empty translations", () => {
    expect(resolveLabel({ en: "", "zh-CN": "追溯" }, "en")).toBe("追溯");
    expect(resolveLabel({ en: "", "zh-CN": "", de: "Rückverfolgung" }, "en")).toBe(
      "Rückverfolgung",
    );
  });

  it("returns an empty string for an empty map", () => {
    expect(resolveLabel({}, "en")).toBe("");
  });
});

describe("toLocalizedText", () => {
  it("keeps strings and string-valued maps", () => {
    expect(toLocalizedText("x")).toBe("x");
    expect(toLocalizedText({ en: "a", "zh-CN": "b", n: 1 })).toEqual({ en: "a", "zh-CN": "b" });
  });

  it("turns anything else into null", () => {
    expect(toLocalizedText(null)).toBeNull();
    expect(toLocalizedText(undefined)).toBeNull();
    expect(toLocalizedText(3)).toBeNull();
    expect(toLocalizedText(["a"])).toBeNull();
  });
});
