import { describe, expect, it } from "vitest";
import {
  databaseName,
  detectLocale,
  formatDateTime,
  initialLocale,
  LOCALE_STORAGE_KEY,
  LOCALES,
  messages,
  saveLocale,
  type LocaleStore,
} from "./i18n.ts";

function memoryStore(initial: Record<string, string> = {}): LocaleStore & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

describe("detectLocale", () => {
  it("maps every zh variant to zh-CN", () => {
    for (const tag of ["zh", "zh-CN", "zh-TW", "zh-Hant-HK", "ZH-cn"]) {
      expect(detectLocale(tag)).toBe("zh-CN");
    }
  });

  it("maps everything else to en", () => {
    for (const tag of ["en", "en-US", "de-DE", "", undefined, null]) {
      expect(detectLocale(tag)).toBe("en");
    }
  });
});

describe("initialLocale / saveLocale", () => {
  it("prefers a remembered locale over the browser language", () => {
    expect(initialLocale(memoryStore({ [LOCALE_STORAGE_KEY]: "en" }), "zh-CN")).toBe("en");
  });

  it("ignores an unknown remembered value", () => {
    expect(initialLocale(memoryStore({ [LOCALE_STORAGE_KEY]: "fr" }), "zh-TW")).toBe("zh-CN");
  });

  it("works without storage", () => {
    expect(initialLocale(null, "en-GB")).toBe("en");
  });

  it("survives storage that throws", () => {
    const broken: LocaleStore = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    expect(initialLocale(broken, "zh")).toBe("zh-CN");
    expect(() => {
      saveLocale("en", broken);
    }).not.toThrow();
  });

  it("round-trips through storage", () => {
    const store = memoryStore();
    saveLocale("zh-CN", store);
    expect(store.data[LOCALE_STORAGE_KEY]).toBe("zh-CN");
    expect(initialLocale(store, "en")).toBe("zh-CN");
  });
});

describe("messages", () => {
  it("has the same non-empty keys in every language", () => {
    const reference = Object.keys(messages.en).sort();
    for (const locale of LOCALES) {
      const dict = messages[locale];
      expect(Object.keys(dict).sort()).toEqual(reference);
      for (const [key, value] of Object.entries(dict)) {
        if (typeof value === "string" && key !== "emptyAfter") {
          expect(value, `${locale}.${key}`).not.toBe("");
        }
      }
    }
  });

  it("uses the required wording", () => {
    expect(messages.en.exportBundle).toBe("Export bundle");
    expect(messages["zh-CN"].exportBundle).toBe("导出应用包");
    expect(messages.en.emptyBefore).toContain("terminal");
    expect(messages["zh-CN"].emptyBefore).toContain("命令行");
  });
});

describe("databaseName / formatDateTime", () => {
  it("names known databases", () => {
    expect(databaseName("sqlite")).toBe("SQLite");
    expect(databaseName("postgresql")).toBe("PostgreSQL");
    expect(databaseName("duckdb")).toBe("duckdb");
  });

  it("formats timestamps and tolerates bad input", () => {
    expect(formatDateTime("2026-11-21T10:00:00Z", "en")).toMatch(/2026/);
    expect(formatDateTime(null, "en")).toBe("");
    expect(formatDateTime("not a date", "zh-CN")).toBe("");
  });
});
