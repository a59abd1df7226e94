import { describe, expect, it } from "vitest";
import { parseFormDefinition } from "../fields.ts";
import type { HistoryEntry } from "../recordsApi.ts";
import {
  defaultPrefs,
  listColumns,
  loadPrefs,
  moveColumn,
  nextSort,
  normalizePrefs,
  prefsStorageKey,
  savePrefs,
  sortParam,
  toggleColumn,
  visibleColumns,
  type KeyValueStore,
} from "./columns.ts";
import { cellText, describeFilter } from "./display.ts";
import { isSortable, operatorsFor, valueKindFor } from "./fieldCaps.ts";
import { addFilter, checkFilterValue, filterParams, removeFilter, splitList } from "./filters.ts";
import { changesOf, timeline } from "./history.ts";
import { listMessages } from "./messages.ts";
import { dispositionFilename, exportUrl, pageUrl, parseListPage, type ListQuery } from "./query.ts";
import { keepVisible, pageSelection, toggleAll, toggleId } from "./selection.ts";

const definition = parseFormDefinition({
  document: {
    label: { en: "Inspection" },
    fields: [
      { id: "lot_code", type: "text", label: { en: "Lot code", "zh-CN": "批次号" } },
      { id: "sampled", type: "integer" },
      { id: "moisture", type: "decimal" },
      { id: "passed", type: "boolean", label: { en: "Passed" } },
      { id: "inspected_at", type: "datetime" },
      { id: "remarks", type: "long_text" },
      { id: "grade", type: "single_select", options: [{ key: "a", label: { en: "Grade A" } }, { key: "b" }] },
      { id: "tags", type: "multi_select", options: [{ key: "x" }] },
      { id: "photo", type: "image" },
      { id: "lines", type: "sub_table" },
      { id: "supplier_name", type: "lookup" },
    ],
  },
});
const columns = listColumns(definition);
const words = { yes: "Yes", no: "No", rows: (n: number) => `${n} rows` };
const en = listMessages.en;

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, value);
    },
    removeItem: (key) => {
      data.delete(key);
    },
  };
}

describe("field capabilities", () => {
  it("offers the operators the API accepts per type", () => {
    expect(operatorsFor("text")).toEqual(["contains", "eq", "ne", "startswith", "gt", "gte", "lt", "lte", "in", "nin", "isnull"]);
    expect(operatorsFor("long_text")).toEqual(["contains", "isnull"]);
    expect(operatorsFor("multi_select")).toEqual(["has", "isnull"]);
    expect(operatorsFor("boolean")).toEqual(["eq", "ne", "isnull"]);
    expect(operatorsFor("attachment")).toEqual(["isnull"]);
    expect(operatorsFor("sub_table")).toEqual([]);
    expect(operatorsFor("lookup")).toEqual([]);
    expect(operatorsFor("something_new")).toEqual([]);
  });

  it("sorts only by types with a sortable column", () => {
    for (const type of ["text", "integer", "decimal", "date", "datetime", "boolean", "single_select", "auto_number"]) {
      expect(isSortable(type)).toBe(true);
    }
    for (const type of ["sub_table", "lookup", "multi_select", "attachment", "image", "signature", "long_text", "geolocation"]) {
      expect(isSortable(type)).toBe(false);
    }
  });

  it("picks an input that suits the type and operator", () => {
    expect(valueKindFor("integer", "gte")).toBe("integer");
    expect(valueKindFor("decimal", "lt")).toBe("number");
    expect(valueKindFor("text", "in")).toBe("list");
    expect(valueKindFor("single_select", "in")).toBe("options");
    expect(valueKindFor("single_select", "eq")).toBe("option");
    expect(valueKindFor("multi_select", "has")).toBe("option");
    expect(valueKindFor("boolean", "eq")).toBe("boolean");
    expect(valueKindFor("datetime", "gt")).toBe("datetime");
    expect(valueKindFor("date", "eq")).toBe("date");
    expect(valueKindFor("text", "isnull")).toBe("empty");
  });
});

describe("columns", () => {
  it("lists fields then system columns with their abilities", () => {
    expect(columns.map((c) => c.key)).toEqual([
      "lot_code",
      "sampled",
      "moisture",
      "passed",
      "inspected_at",
      "remarks",
      "grade",
      "tags",
      "photo",
      "lines",
      "supplier_name",
      "id",
      "created_at",
      "updated_at",
      "created_by",
      "updated_by",
    ]);
    const byKey = new Map(columns.map((c) => [c.key, c]));
    expect(byKey.get("remarks")?.sortable).toBe(false);
    expect(byKey.get("created_at")?.sortable).toBe(true);
    expect(byKey.get("created_by")?.sortable).toBe(false);
    expect(byKey.get("created_by")?.operators).toEqual([]);
  });

  it("shows the first six fields and the creation time by default", () => {
    const prefs = defaultPrefs(columns);
    expect(prefs.some((p) => p.key === "id")).toBe(false);
    expect(visibleColumns(prefs, columns).map((c) => c.key)).toEqual([
      "lot_code",
      "sampled",
      "moisture",
      "passed",
      "inspected_at",
      "remarks",
      "created_at",
    ]);
  });

  it("toggles and moves columns", () => {
    let prefs = defaultPrefs(columns);
    prefs = toggleColumn(prefs, "sampled");
    prefs = moveColumn(prefs, "created_at", -100);
    prefs = moveColumn(prefs, "lot_code", 1);
    expect(visibleColumns(prefs, columns).map((c) => c.key)).toEqual([
      "created_at",
      "lot_code",
      "moisture",
      "passed",
      "inspected_at",
      "remarks",
    ]);
    expect(moveColumn(prefs, "nope", 1)).toEqual(prefs);
  });

  it("fits a saved choice to today's columns", () => {
    const saved = [
      { key: "remarks", visible: true },
      { key: "gone", visible: true },
      { key: "remarks", visible: false },
      { key: "lot_code", visible: false },
      "junk",
    ];
    const prefs = normalizePrefs(saved, columns);
    expect(prefs[0]).toEqual({ key: "remarks", visible: true });
    expect(prefs[1]).toEqual({ key: "lot_code", visible: false });
    expect(prefs.length).toBe(defaultPrefs(columns).length);
    expect(prefs.find((p) => p.key === "created_at")?.visible).toBe(true);
    expect(normalizePrefs("nonsense", columns)).toEqual(defaultPrefs(columns));
    expect(normalizePrefs([], columns)).toEqual(defaultPrefs(columns));
  });

  it("remembers the choice per form", () => {
    const store = memoryStore();
    const prefs = toggleColumn(defaultPrefs(columns), "lot_code");
    savePrefs(store, "qc", "insp", prefs);
    expect(store.data.has(prefsStorageKey("qc", "insp"))).toBe(true);
    expect(loadPrefs(store, "qc", "insp", columns)).toEqual(prefs);
    expect(loadPrefs(store, "qc", "other", columns)).toEqual(defaultPrefs(columns));
    store.setItem(prefsStorageKey("qc", "insp"), "{not json");
    expect(loadPrefs(store, "qc", "insp", columns)).toEqual(defaultPrefs(columns));
    expect(loadPrefs(null, "qc", "insp", columns)).toEqual(defaultPrefs(columns));
  });

  it("cycles the sort: ascending, descending, default", () => {
    expect(nextSort(null, "sampled")).toEqual({ key: "sampled", desc: false });
    expect(nextSort({ key: "sampled", desc: false }, "sampled")).toEqual({ key: "sampled", desc: true });
    expect(nextSort({ key: "sampled", desc: true }, "sampled")).toBeNull();
    expect(nextSort({ key: "sampled", desc: true }, "lot_code")).toEqual({ key: "lot_code", desc: false });
    // The id column is the default order (newest first): it flips.
    expect(nextSort(null, "id")).toEqual({ key: "id", desc: false });
    expect(nextSort({ key: "id", desc: false }, "id")).toBeNull();
    expect(sortParam(null)).toBe("-id");
    expect(sortParam({ key: "sampled", desc: false })).toBe("sampled");
  });
});

describe("filters", () => {
  it("checks typed values per input kind", () => {
    expect(checkFilterValue("integer", " 12 ")).toEqual({ ok: true, value: "12" });
    expect(checkFilterValue("integer", "1.5")).toEqual({ ok: false, problem: "integer" });
    expect(checkFilterValue("number", "12.50")).toEqual({ ok: true, value: "12.50" });
    expect(checkFilterValue("number", "abc")).toEqual({ ok: false, problem: "number" });
    expect(checkFilterValue("text", "   ")).toEqual({ ok: false, problem: "required" });
    expect(checkFilterValue("list", "a, b,,a\nc")).toEqual({ ok: true, value: "a,b,c" });
    expect(checkFilterValue("options", ["a", "b", "a"])).toEqual({ ok: true, value: "a,b" });
    expect(checkFilterValue("options", [])).toEqual({ ok: false, problem: "required" });
    expect(checkFilterValue("empty", "true")).toEqual({ ok: true, value: "true" });
    expect(checkFilterValue("boolean", "maybe")).toEqual({ ok: false, problem: "required" });
    expect(checkFilterValue("date", "2026-11-21")).toEqual({ ok: true, value: "2026-11-21" });
    expect(checkFilterValue("date", "21/11/2026")).toEqual({ ok: false, problem: "date" });
    expect(checkFilterValue("time", "08:30")).toEqual({ ok: true, value: "08:30" });
    expect(checkFilterValue("datetime", "2026-11-21T08:30", () => "2026-11-21T08:30:00+08:00")).toEqual({
      ok: true,
      value: "2026-11-21T08:30:00+08:00",
    });
    expect(checkFilterValue("datetime", "bad", () => null)).toEqual({ ok: false, problem: "datetime" });
  });

  it("splits lists on commas (also full-width) and lines", () => {
    expect(splitList("a，b\n c ,")).toEqual(["a", "b", "c"]);
  });

  it("adds without repeating and removes by position", () => {
    const one = addFilter([], { field: "sampled", op: "gte", value: "3" });
    const same = addFilter(one, { field: "sampled", op: "gte", value: "3" });
    expect(same).toHaveLength(1);
    const two = addFilter(same, { field: "passed", op: "eq", value: "true" });
    expect(filterParams(two)).toEqual([
      ["filter[sampled][gte]", "3"],
      ["filter[passed][eq]", "true"],
    ]);
    expect(removeFilter(two, 0)).toEqual([{ field: "passed", op: "eq", value: "true" }]);
  });

  it("describes filters in words", () => {
    const byKey = new Map(columns.map((c) => [c.key, c]));
    expect(describeFilter(byKey.get("sampled"), { field: "sampled", op: "gte", value: "3" }, "en", words, en)).toBe(
      "sampled at least 3",
    );
    expect(describeFilter(byKey.get("passed"), { field: "passed", op: "eq", value: "true" }, "en", words, en)).toBe(
      "Passed is Yes",
    );
    expect(describeFilter(byKey.get("remarks"), { field: "remarks", op: "isnull", value: "true" }, "en", words, en)).toBe(
      "remarks is empty",
    );
    expect(describeFilter(byKey.get("grade"), { field: "grade", op: "in", value: "a,b" }, "en", words, en)).toBe(
      "grade is one of Grade A, b",
    );
    expect(
      describeFilter(byKey.get("created_at"), { field: "created_at", op: "lt", value: "x" }, "en", words, en),
    ).toBe("Created before x");
    expect(
      describeFilter(byKey.get("lot_code"), { field: "lot_code", op: "contains", value: "L" }, "zh-CN", words, listMessages["zh-CN"]),
    ).toBe("批次号 包含 L");
  });
});

describe("list query", () => {
  const query: ListQuery = {
    filters: [{ field: "sampled", op: "gte", value: "3" }],
    search: { field: "lot_code", text: " L 1 " },
    sort: { key: "sampled", desc: true },
  };

  it("asks for the total with the first page only", () => {
    expect(pageUrl("qc", "insp", query)).toBe(
      "/api/v1/apps/qc/forms/insp/records?filter%5Bsampled%5D%5Bgte%5D=3&filter%5Blot_code%5D%5Bcontains%5D=L%201" +
        "&sort=-sampled&limit=50&count=true",
    );
    expect(pageUrl("qc", "insp", { filters: [], search: null, sort: null }, "abc")).toBe(
      "/api/v1/apps/qc/forms/insp/records?sort=-id&limit=50&cursor=abc&count=false",
    );
  });

  it("exports the filtered list or exactly the selection", () => {
    expect(exportUrl("qc", "insp", "csv", query)).toBe(
      "/api/v1/apps/qc/forms/insp/records/export.csv?filter%5Bsampled%5D%5Bgte%5D=3" +
        "&filter%5Blot_code%5D%5Bcontains%5D=L%201&sort=-sampled",
    );
    expect(exportUrl("qc", "insp", "xlsx", query, { ids: [3, 1], lang: "zh-CN" })).toBe(
      "/api/v1/apps/qc/forms/insp/records/export.xlsx?filter%5Bid%5D%5Bin%5D=3%2C1&sort=-sampled&lang=zh-CN",
    );
  });

  it("parses a page with metadata", () => {
    const page = parseListPage({
      items: [{ id: 1, version: 2, created_at: "2026-01-01T00:00:00Z", created_by: "admin", data: { a: 1 } }],
      total: 7,
      next_cursor: "",
    });
    expect(page.total).toBe(7);
    expect(page.next_cursor).toBeNull();
    expect(page.items[0]?.created_by).toBe("admin");
    expect(page.items[0]?.updated_by).toBeNull();
    expect(() => parseListPage({ items: [{ id: "x" }] })).toThrow();
    expect(() => parseListPage([])).toThrow();
  });

  it("reads the download's file name", () => {
    expect(dispositionFilename('attachment; filename="qc-insp.xlsx"', "x")).toBe("qc-insp.xlsx");
    expect(dispositionFilename("attachment; filename*=UTF-8''%E6%A3%80.csv", "x")).toBe("检.csv");
    expect(dispositionFilename("attachment; filename=plain.csv", "x")).toBe("plain.csv");
    expect(dispositionFilename(null, "fallback.csv")).toBe("fallback.csv");
  });

  it("formats cells of fields and system columns", () => {
    const record = {
      id: 9,
      version: 1,
      created_at: null,
      updated_at: null,
      created_by: "admin",
      updated_by: null,
      data: { passed: true, grade: "a" },
    };
    const byKey = new Map(columns.map((c) => [c.key, c]));
    const cell = (key: string) => {
      const column = byKey.get(key);
      if (column === undefined) throw new Error(key);
      return cellText(column, record, "en", words);
    };
    expect(cell("passed")).toBe("Yes");
    expect(cell("grade")).toBe("Grade A");
    expect(cell("id")).toBe("#9");
    expect(cell("created_by")).toBe("admin");
    expect(cell("created_at")).toBe("");
  });
});

describe("selection", () => {
  it("ticks rows and the whole page", () => {
    let selected = toggleId(new Set(), 1);
    expect(pageSelection(selected, [1, 2])).toBe("some");
    selected = toggleAll(selected, [1, 2]);
    expect(pageSelection(selected, [1, 2])).toBe("all");
    selected = toggleAll(selected, [1, 2]);
    expect(pageSelection(selected, [1, 2])).toBe("none");
    expect(pageSelection(new Set([5]), [])).toBe("none");
    expect(keepVisible(new Set([3, 1, 9]), [1, 2, 3])).toEqual([1, 3]);
    expect(toggleId(new Set([1]), 1).size).toBe(0);
  });
});

describe("history", () => {
  const entries: HistoryEntry[] = [
    { version: 1, action: "create", actor: "admin", at: "2026-01-01T00:00:00Z", before: null, after: { a: 1, b: null } },
    { version: 2, action: "update", actor: "admin", at: "2026-01-02T00:00:00Z", before: { a: 1, b: "x" }, after: { a: 2, b: "x" } },
  ];

  it("is newest first and lists what changed", () => {
    expect(timeline(entries).map((e) => e.version)).toEqual([2, 1]);
    const [created, changed] = entries;
    if (created === undefined || changed === undefined) throw new Error("fixture");
    expect(changesOf(changed)).toEqual([{ key: "a", before: 1, after: 2 }]);
    expect(changesOf(created)).toEqual([{ key: "a", before: undefined, after: 1 }]);
  });
});

describe("messages", () => {
  it("has every text in both languages", () => {
    expect(Object.keys(listMessages["zh-CN"]).sort()).toEqual(Object.keys(listMessages.en).sort());
  });
});
