import { describe, expect, it } from "vitest";
import { formatOffset, isoToLocalInput, localInputToIso } from "./datetime.ts";

describe("formatOffset", () => {
  it("formats minutes east of UTC", () => {
    expect(formatOffset(480)).toBe("+08:00");
    expect(formatOffset(-330)).toBe("-05:30");
    expect(formatOffset(0)).toBe("+00:00");
  });
});

describe("localInputToIso", () => {
  it("adds seconds and the given offset", () => {
    expect(localInputToIso("2026-11-21T08:30", () => 480)).toBe("2026-11-21T08:30:00+08:00");
    expect(localInputToIso("2026-11-21T08:30:15", () => -300)).toBe("2026-11-21T08:30:15-05:00");
  });
  it("rejects empty and malformed values", () => {
    expect(localInputToIso("")).toBeNull();
    expect(localInputToIso("21/11/2026")).toBeNull();
  });
  it("round-trips with isoToLocalInput in the browser's zone", () => {
    const iso = localInputToIso("2026-03-29T02:45");
    expect(iso).not.toBeNull();
    expect(isoToLocalInput(localInputToIso("2026-11-21T08:30"))).toBe("2026-11-21T08:30");
  });
});

describe("isoToLocalInput", () => {
  it("is empty for missing or invalid input", () => {
    expect(isoToLocalInput(null)).toBe("");
    expect(isoToLocalInput("nope")).toBe("");
  });
});
