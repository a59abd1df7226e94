import { describe, expect, it } from "vitest";
import {
  BurstTracker,
  burstText,
  DEFAULT_BURST,
  GS,
  insertText,
  isScannerBurst,
  median,
  scanCharForKey,
  WedgeBuffer,
} from "./scanBurst.ts";

function times(gaps: number[], start = 1000): number[] {
  const out = [start];
  for (const gap of gaps) out.push((out[out.length - 1] ?? 0) + gap);
  return out;
}

describe("median", () => {
  it("handles odd, even and empty lists", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("isScannerBurst", () => {
  it("takes fast keys as a scanner, even with one slow key in the middle", () => {
    expect(isScannerBurst(times([8, 10, 9, 110, 7, 12, 9, 8]))).toBe(true);
  });
  it("takes people typing, even fast typists, as typing", () => {
    expect(isScannerBurst(times([140, 95, 180, 120, 160, 90, 130]))).toBe(false);
  });
  it("needs a minimum length", () => {
    expect(isScannerBurst(times([5, 5, 5]))).toBe(false);
    expect(isScannerBurst(times([5, 5, 5, 5, 5]))).toBe(true);
  });
  it("follows the options", () => {
    expect(isScannerBurst(times([30, 30, 30, 30, 30]), { ...DEFAULT_BURST, maxMedianGapMs: 20 })).toBe(false);
  });
});

describe("burstText", () => {
  it("keeps only what a rescan added", () => {
    expect(burstText("OLD123", "OLD123]C1010950")).toBe("]C1010950");
    expect(burstText("", "]C1010950")).toBe("]C1010950");
    expect(burstText("OLD", "NEW")).toBe("NEW");
  });
});

describe("scanCharForKey", () => {
  it("maps Ctrl+] and a literal GS to GS and keeps printable keys", () => {
    expect(scanCharForKey("]", true)).toBe(GS);
    expect(scanCharForKey("Dead", true, "BracketRight")).toBe(GS);
    expect(scanCharForKey(GS, false)).toBe(GS);
    expect(scanCharForKey("]", false)).toBe("]");
    expect(scanCharForKey("a", true)).toBeNull();
    expect(scanCharForKey("Shift", false)).toBeNull();
  });
});

describe("insertText", () => {
  it("replaces the selection and moves the caret", () => {
    expect(insertText("abcd", 1, 3, GS)).toEqual({ value: `a${GS}d`, caret: 2 });
    expect(insertText("ab", null, null, "c")).toEqual({ value: "abc", caret: 3 });
  });
});

describe("BurstTracker", () => {
  it("starts a burst after a pause and remembers what the field held", () => {
    const tracker = new BurstTracker();
    tracker.push(0, 1, "");
    tracker.push(150, 1, "a");
    tracker.push(300, 1, "ab");
    expect(tracker.isBurst()).toBe(false);
    let value = "abc";
    let time = 2000;
    for (const char of "]C10109501101530003") {
      tracker.push(time, 1, value);
      value += char;
      time += 9;
    }
    expect(tracker.isBurst()).toBe(true);
    expect(tracker.before).toBe("abc");
    expect(burstText(tracker.before, value)).toBe("]C10109501101530003");
    tracker.reset();
    expect(tracker.length).toBe(0);
  });
  it("counts a pasted block as a burst", () => {
    const tracker = new BurstTracker();
    tracker.push(10, 20, "");
    expect(tracker.isBurst()).toBe(true);
  });
});

describe("WedgeBuffer", () => {
  it("returns a scanner burst with its GS characters", () => {
    const buffer = new WedgeBuffer();
    let time = 0;
    for (const key of ["Shift", "]", "C", "1", "0", "1", "0", "9"]) {
      buffer.key(key, false, (time += 6));
    }
    buffer.key("]", true, (time += 6));
    for (const key of "10LOT") buffer.key(key, false, (time += 6));
    expect(buffer.finish()).toBe(`]C10109${GS}10LOT`);
    expect(buffer.finish()).toBeNull();
  });
  it("ignores slow typing", () => {
    const buffer = new WedgeBuffer();
    let time = 0;
    for (const key of "hello world") buffer.key(key, false, (time += 150));
    expect(buffer.finish()).toBeNull();
  });
});
