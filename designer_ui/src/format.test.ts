import { describe, expect, it } from "vitest";
import type { FieldDef } from "./fields.ts";
import { formatValue, type ValueWords } from "./format.ts";

const words: ValueWords = { yes: "Yes", no: "No", rows: (n) => `${n} rows` };

function field(type: string, extra: Partial<FieldDef> = {}): FieldDef {
  return { id: "f", type, label: null, required: false, options: [], fill: {}, min: null, max: null, defaultValue: undefined, ...extra };
}

describe("formatValue", () => {
  it("shows empties as blank and booleans as words", () => {
    expect(formatValue(field("text"), null, "en", words)).toBe("");
    expect(formatValue(field("boolean"), true, "en", words)).toBe("Yes");
    expect(formatValue(field("boolean"), false, "en", words)).toBe("No");
  });
  it("resolves option labels by locale", () => {
    const select = field("single_select", {
      options: [{ key: "ok", label: { en: "Approved", "zh-CN": "合格" } }],
    });
    expect(formatValue(select, "ok", "zh-CN", words)).toBe("合格");
    expect(formatValue(select, "other", "en", words)).toBe("other");
    const multi = field("multi_select", { options: select.options });
    expect(formatValue(multi, ["ok", "x"], "en", words)).toBe("Approved, x");
  });
  it("shows relations, files, users and sub-tables readably", () => {
    expect(formatValue(field("relation"), { id: 3, display: "ACME" }, "en", words)).toBe("ACME");
    expect(
      formatValue(field("attachment"), [{ name: "a.pdf", thumbnail_url: null }, { name: "b.png" }], "en", words),
    ).toBe("a.pdf, b.png");
    expect(formatValue(field("user"), { login: "li", display_name: "Li Lei" }, "en", words)).toBe("Li Lei");
    expect(formatValue(field("sub_table"), [{ a: 1 }, { a: 2 }], "en", words)).toBe("2 rows");
    expect(formatValue(field("decimal"), "12.50", "en", words)).toBe("12.50");
  });
});
