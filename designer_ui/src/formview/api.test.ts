import { describe, expect, it } from "vitest";
import {
  directoryUrl,
  parseDepartmentOptions,
  parseUploadedFile,
  parseUserOptions,
  recordPreviewUrl,
  recordSearchUrl,
} from "../recordsApi.ts";

describe("recordSearchUrl", () => {
  it("asks for a short, newest-first page with the picker's filter", () => {
    expect(recordSearchUrl("qc", "supplier", { field: "name", op: "contains", text: " Dairy " })).toBe(
      "/api/v1/apps/qc/forms/supplier/records?limit=10&sort=-id&count=false&filter%5Bname%5D%5Bcontains%5D=Dairy",
    );
    expect(recordSearchUrl("qc", "supplier", { field: null, op: "eq", text: "" })).toBe(
      "/api/v1/apps/qc/forms/supplier/records?limit=10&sort=-id&count=false",
    );
    expect(recordPreviewUrl("qc", "lot")).toBe("/api/v1/apps/qc/forms/lot/records/preview");
  });
});

describe("parseUploadedFile", () => {
  it("keeps what the form shows and rejects answers without an id", () => {
    expect(
      parseUploadedFile({
        id: "a".repeat(32),
        name: "crate.png",
        content_type: "image/png",
        size: 83,
        width: 24,
        url: "/api/v1/files/x",
        thumbnail_url: "/api/v1/files/x/thumbnail",
      }),
    ).toEqual({
      id: "a".repeat(32),
      name: "crate.png",
      content_type: "image/png",
      size: 83,
      url: "/api/v1/files/x",
      thumbnail_url: "/api/v1/files/x/thumbnail",
    });
    expect(() => parseUploadedFile({ name: "x" })).toThrow();
  });
});

describe("people options", () => {
  it("lists people by name, with the login as detail", () => {
    expect(
      parseUserOptions({
        items: [
          { login: "li", display_name: "Li Lei", department_id: 3 },
          { login: "han", display_name: " " },
          { nope: 1 },
        ],
      }),
    ).toEqual([
      { id: "li", display: "Li Lei", detail: "li" },
      { id: "han", display: "han", detail: "han" },
    ]);
    expect(() => parseUserOptions({ items: "no" })).toThrow();
  });
  it("names a department's parent when it is listed too", () => {
    expect(
      parseDepartmentOptions({
        items: [
          { id: 1, name: "Plant", parent_id: null },
          { id: 2, name: "QA", parent_id: 1 },
          { id: 5, name: "Line 5", parent_id: 4 },
        ],
      }),
    ).toEqual([
      { id: 1, display: "Plant", detail: "" },
      { id: 2, display: "QA", detail: "Plant" },
      { id: 5, display: "Line 5", detail: "" },
    ]);
  });
  it("searches the directory with the typed text", () => {
    expect(directoryUrl("users", "  li ")).toBe("/api/v1/directory/users?limit=50&q=li");
    expect(directoryUrl("departments", "")).toBe("/api/v1/directory/departments?limit=50");
    expect(directoryUrl("users", "质检&")).toBe("/api/v1/directory/users?limit=50&q=%E8%B4%A8%E6%A3%80%26");
  });
});
