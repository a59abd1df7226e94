import { describe, expect, it } from "vitest";
import { checkBundleFile, MAX_BUNDLE_BYTES, parseImportResult, splitBundlePointer } from "./bundle.ts";

describe("checkBundleFile", () => {
  it("accepts zip files by name or type", () => {
    expect(checkBundleFile({ name: "qc_demo.zip", size: 10, type: "" })).toBeNull();
    expect(checkBundleFile({ name: "QC.ZIP", size: 10, type: "" })).toBeNull();
    expect(checkBundleFile({ name: "bundle", size: 10, type: "application/zip" })).toBeNull();
  });

  it("refuses other files, empty ones and big ones", () => {
    expect(checkBundleFile({ name: "app.json", size: 10, type: "application/json" })).toBe("not_zip");
    expect(checkBundleFile({ name: "a.zip", size: 0, type: "" })).toBe("empty");
    expect(checkBundleFile({ name: "a.zip", size: MAX_BUNDLE_BYTES + 1, type: "" })).toBe("too_large");
  });
});

describe("splitBundlePointer", () => {
  it("splits file and place", () => {
    expect(splitBundlePointer("forms/lot.json#/fields/0/type")).toEqual({
      file: "forms/lot.json",
      path: "/fields/0/type",
    });
    expect(splitBundlePointer("seed/lot.json#/3/qty")).toEqual({ file: "seed/lot.json", path: "/3/qty" });
    expect(splitBundlePointer("app.json#/key")).toEqual({ file: "app.json", path: "/key" });
  });

  it("handles a file alone and the whole upload", () => {
    expect(splitBundlePointer("app.json")).toEqual({ file: "app.json", path: null });
    expect(splitBundlePointer("forms/lot.json#")).toEqual({ file: "forms/lot.json", path: null });
    expect(splitBundlePointer("/")).toEqual({ file: null, path: null });
    expect(splitBundlePointer("")).toEqual({ file: null, path: null });
    expect(splitBundlePointer("/key")).toEqual({ file: null, path: "/key" });
  });
});

describe("parseImportResult", () => {
  it("reads what the import did", () => {
    expect(
      parseImportResult({
        app: "qc_demo",
        created: false,
        forms: [
          { key: "inspection", version: 2, changes: [{ op: "add_column" }] },
          { key: "supplier", version: 1, changes: [] },
        ],
        seeded: { supplier: 3, inspection: 2 },
      }),
    ).toEqual({
      app: "qc_demo",
      created: false,
      forms: [
        { key: "inspection", version: 2, changed: true },
        { key: "supplier", version: 1, changed: false },
      ],
      seeded: 5,
    });
  });

  it("tolerates missing parts and rejects nonsense", () => {
    expect(parseImportResult({ app: "x", created: true })).toEqual({
      app: "x",
      created: true,
      forms: [],
      seeded: 0,
    });
    expect(() => parseImportResult([])).toThrow();
    expect(() => parseImportResult({ created: true })).toThrow();
  });
});
