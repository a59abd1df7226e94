import { describe, expect, it } from "vitest";
import { APP_KEY_MAX, checkKey, FORM_KEY_MAX, KEY_PATTERN, suggestKey } from "./keys.ts";

describe("checkKey", () => {
  it("accepts keys the meta-schema accepts", () => {
    for (const key of ["a", "qc_demo", "lot2", "x_1_y"]) {
      expect(checkKey(key, APP_KEY_MAX)).toBeNull();
      expect(KEY_PATTERN.test(key)).toBe(true);
    }
  });

  it("says what is wrong", () => {
    expect(checkKey("", APP_KEY_MAX)).toEqual({ code: "required" });
    expect(checkKey("2lots", APP_KEY_MAX)).toEqual({ code: "start" });
    expect(checkKey("_x", APP_KEY_MAX)).toEqual({ code: "start" });
    expect(checkKey("Bad", APP_KEY_MAX)).toEqual({ code: "start" });
    expect(checkKey("bad key", APP_KEY_MAX)).toEqual({ code: "char", char: " " });
    expect(checkKey("bad-key", APP_KEY_MAX)).toEqual({ code: "char", char: "-" });
    expect(checkKey("lotÉ", APP_KEY_MAX)).toEqual({ code: "char", char: "É" });
    expect(checkKey("质检", APP_KEY_MAX)).toEqual({ code: "start" });
  });

  it("enforces the length limit of each kind", () => {
    expect(checkKey("a".repeat(24), APP_KEY_MAX)).toBeNull();
    expect(checkKey("a".repeat(25), APP_KEY_MAX)).toEqual({ code: "too_long", max: 24 });
    expect(checkKey("a".repeat(40), FORM_KEY_MAX)).toBeNull();
    expect(checkKey("a".repeat(41), FORM_KEY_MAX)).toEqual({ code: "too_long", max: 40 });
  });

  it("refuses a key that exists", () => {
    expect(checkKey("supplier", FORM_KEY_MAX, ["inspection", "supplier"])).toEqual({ code: "taken" });
    expect(checkKey("supplier2", FORM_KEY_MAX, new Set(["supplier"]))).toBeNull();
  });
});

describe("suggestKey", () => {
  it("turns a name into a valid key", () => {
    expect(suggestKey("Incoming QC 2", APP_KEY_MAX)).toBe("incoming_qc_2");
    expect(suggestKey("  Café — Lots! ", APP_KEY_MAX)).toBe("cafe_lots");
    expect(suggestKey("2024 Audits", APP_KEY_MAX)).toBe("audits");
  });

  it("gives up on names without letters", () => {
    expect(suggestKey("质检", APP_KEY_MAX)).toBe("");
    expect(suggestKey("123", APP_KEY_MAX)).toBe("");
    expect(suggestKey("", APP_KEY_MAX)).toBe("");
  });

  it("stays within the limit without a trailing underscore", () => {
    const key = suggestKey("warehouse receiving inspections", APP_KEY_MAX);
    expect(key.length).toBeLessThanOrEqual(APP_KEY_MAX);
    expect(key).toBe("warehouse_receiving_insp");
    expect(suggestKey("abcdefghijklmnopqrstuvw xyz", APP_KEY_MAX)).toBe("abcdefghijklmnopqrstuvw");
  });
});
