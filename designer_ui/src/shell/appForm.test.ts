import { describe, expect, it } from "vitest";
import {
  buildAppDocument,
  checkAppDraft,
  EMPTY_APP_DRAFT,
  fieldOfPointer,
  groupServerErrors,
  isDraftValid,
} from "./appForm.ts";

describe("checkAppDraft", () => {
  it("needs a key and one name", () => {
    const problems = checkAppDraft(EMPTY_APP_DRAFT, []);
    expect(problems).toEqual({ key: { code: "required" }, nameMissing: true });
    expect(isDraftValid(problems)).toBe(false);
  });

  it("accepts a name in either language", () => {
    const zhOnly = checkAppDraft({ ...EMPTY_APP_DRAFT, key: "trace", nameZh: "追溯" }, []);
    expect(isDraftValid(zhOnly)).toBe(true);
    const enOnly = checkAppDraft({ ...EMPTY_APP_DRAFT, key: "trace", nameEn: " Trace " }, []);
    expect(isDraftValid(enOnly)).toBe(true);
  });

  it("refuses an existing key", () => {
    const problems = checkAppDraft({ ...EMPTY_APP_DRAFT, key: "qc_demo", nameEn: "x" }, ["qc_demo"]);
    expect(problems.key).toEqual({ code: "taken" });
  });
});

describe("buildAppDocument", () => {
  it("builds the app definition", () => {
    const document = buildAppDocument(
      { key: " trace ", nameZh: "追溯", nameEn: "Traceability", description: " Lots and batches " },
      "en",
    );
    expect(document).toEqual({
      schema_version: 1,
      key: "trace",
      label: { "zh-CN": "追溯", en: "Traceability" },
      default_locale: "en",
      description: { en: "Lots and batches" },
    });
  });

  it("leaves out blank names and an empty description", () => {
    const document = buildAppDocument({ ...EMPTY_APP_DRAFT, key: "t", nameZh: "追溯", nameEn: "  " }, "zh-CN");
    expect(document.label).toEqual({ "zh-CN": "追溯" });
    expect(document).not.toHaveProperty("description");
    expect(document.default_locale).toBe("zh-CN");
  });
});

describe("server errors", () => {
  it("maps pointers to inputs", () => {
    expect(fieldOfPointer("/key")).toBe("key");
    expect(fieldOfPointer("/label")).toBe("name");
    expect(fieldOfPointer("/label/en")).toBe("name");
    expect(fieldOfPointer("/description/zh-CN")).toBe("description");
    expect(fieldOfPointer("/time_zone")).toBeNull();
    expect(fieldOfPointer("")).toBeNull();
  });

  it("groups messages by input", () => {
    expect(
      groupServerErrors([
        { pointer: "/key", code: "duplicate", message: "'qc_demo' is already taken" },
        { pointer: "/label", code: "label", message: "must be text" },
        { pointer: "", code: "x", message: "something else" },
      ]),
    ).toEqual({
      key: ["'qc_demo' is already taken"],
      name: ["must be text"],
      other: ["something else"],
    });
  });
});
