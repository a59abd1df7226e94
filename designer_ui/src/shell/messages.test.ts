import { describe, expect, it } from "vitest";
import { LOCALES } from "../i18n.ts";
import { APP_SECTIONS } from "../route.ts";
import { bundleSizeText, shellMessages } from "./messages.ts";
import { APP_PLACES } from "./places.ts";

describe("shellMessages", () => {
  it("has the same non-empty keys in every language", () => {
    const reference = Object.keys(shellMessages.en).sort();
    for (const locale of LOCALES) {
      const dict = shellMessages[locale];
      expect(Object.keys(dict).sort()).toEqual(reference);
      for (const [key, value] of Object.entries(dict)) {
        if (typeof value === "string") expect(value, `${locale}.${key}`).not.toBe("");
      }
      for (const place of APP_PLACES) expect(dict.places[place]).not.toBe("");
      for (const section of APP_SECTIONS) {
        expect(dict.sectionIntro[section]).not.toBe("");
        expect(dict.sectionExamples[section].length).toBeGreaterThan(0);
      }
    }
  });

  it("explains every key problem", () => {
    for (const locale of LOCALES) {
      const t = shellMessages[locale];
      for (const kind of ["app", "form"] as const) {
        expect(t.keyProblem({ code: "required" }, kind)).not.toBe("");
        expect(t.keyProblem({ code: "start" }, kind)).not.toBe("");
        expect(t.keyProblem({ code: "char", char: "-" }, kind)).toContain("-");
        expect(t.keyProblem({ code: "too_long", max: 24 }, kind)).toContain("24");
        expect(t.keyProblem({ code: "taken" }, kind)).not.toBe("");
      }
    }
  });

  it("says what an import did", () => {
    const created = { app: "qc_demo", created: true, forms: [{ key: "a", version: 1, changed: true }], seeded: 3 };
    expect(shellMessages.en.importDone(created)).toBe("Imported the new app “qc_demo”: 1 form published, 3 records loaded.");
    const updated = { ...created, created: false, seeded: 0, forms: [{ key: "a", version: 1, changed: false }] };
    expect(shellMessages.en.importDone(updated)).toContain("Updated the existing app “qc_demo”");
    expect(shellMessages["zh-CN"].importDone(updated)).toContain("更新现有应用");
  });

  it("formats file sizes", () => {
    expect(bundleSizeText(10)).toBe("1 KB");
    expect(bundleSizeText(4096)).toBe("4 KB");
    expect(bundleSizeText(3 * 1024 * 1024)).toBe("3.0 MB");
  });
});
