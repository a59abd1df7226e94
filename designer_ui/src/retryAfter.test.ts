import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryAfterMinutes } from "./retryAfter.ts";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-22T10:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("900", now)).toBe(900);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP date relative to now", () => {
    expect(parseRetryAfter("Sun, 22 Nov 2026 10:05:00 GMT", now)).toBe(300);
    expect(parseRetryAfter("Sun, 22 Nov 2026 09:00:00 GMT", now)).toBe(0);
  });

  it("returns null for anything else", () => {
    for (const value of [null, undefined, "", "soon", "-5", "1.5", "2026-11-22T10:05:00Z", "1e3"]) {
      expect(parseRetryAfter(value, now)).toBeNull();
    }
  });
});

describe("retryAfterMinutes", () => {
  it("rounds up to whole minutes, at least one", () => {
    expect(retryAfterMinutes(0)).toBe(1);
    expect(retryAfterMinutes(1)).toBe(1);
    expect(retryAfterMinutes(60)).toBe(1);
    expect(retryAfterMinutes(61)).toBe(2);
    expect(retryAfterMinutes(900)).toBe(15);
    expect(retryAfterMinutes(901)).toBe(16);
  });

  it("copes with nonsense", () => {
    expect(retryAfterMinutes(Number.NaN)).toBe(1);
    expect(retryAfterMinutes(-10)).toBe(1);
  });
});
