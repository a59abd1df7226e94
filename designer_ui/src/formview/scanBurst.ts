/**
 * Telling a keyboard-wedge scanner from a person typing.
 *
 * A wedge scanner "types" a whole code in a burst (a few ms between
 * characters), usually followed by Enter; people type at 100 ms or more per
 * key. A burst is judged on the median gap between its characters, so one
 * slow key (a busy page, a scanner's GS sent as a key combination) does not
 * spoil it.
 */

/** The ASCII group separator (GS1 FNC1 inside a code). */
export const GS = "\u001d";

export interface BurstOptions {
  /** Largest median gap (ms) between characters that still counts as a scanner. */
  maxMedianGapMs: number;
  /** Fewest characters a burst needs (short bursts are keyboard accidents). */
  minLength: number;
  /** A pause longer than this (ms) ends a burst; the next key starts a new one. */
  resetAfterMs: number;
  /** Without an Enter suffix, a burst counts as finished after this quiet time (ms). */
  idleMs: number;
}

export const DEFAULT_BURST: Readonly<BurstOptions> = {
  maxMedianGapMs: 60,
  minLength: 6,
  resetAfterMs: 300,
  idleMs: 250,
};

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.POSITIVE_INFINITY;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Whether characters arriving at these times (ms, ascending) came from a scanner. */
export function isScannerBurst(times: readonly number[], options: Readonly<BurstOptions> = DEFAULT_BURST): boolean {
  if (times.length < options.minLength) return false;
  const gaps: number[] = [];
  for (let index = 1; index < times.length; index += 1) {
    gaps.push((times[index] ?? 0) - (times[index - 1] ?? 0));
  }
  return median(gaps) <= options.maxMedianGapMs;
}

/**
 * What a scan replaced: when a burst is typed into a field that already held
 * text (`before`), the scan is only what the burst added, so a rescan
 * replaces the old code instead of being glued to it.
 */
export function burstText(before: string, after: string): string {
  return before !== "" && after.startsWith(before) ? after.slice(before.length) : after;
}

/**
 * The text a key adds to a scan: the character itself, or GS for the
 * combinations scanners send it as (Ctrl+] is ASCII 29). `null` for keys that
 * add nothing (Shift, arrows, …).
 */
export function scanCharForKey(key: string, ctrlKey: boolean, code = ""): string | null {
  if (ctrlKey && (key === "]" || key === "}" || code === "BracketRight")) return GS;
  if (key === GS) return GS;
  if (ctrlKey) return null;
  return key.length === 1 ? key : null;
}

/** Insert `text` into `value` in place of `[start, end)`; where the caret goes after. */
export function insertText(
  value: string,
  start: number | null,
  end: number | null,
  text: string,
): { value: string; caret: number } {
  const from = Math.max(0, Math.min(start ?? value.length, value.length));
  const to = Math.max(from, Math.min(end ?? from, value.length));
  return { value: value.slice(0, from) + text + value.slice(to), caret: from + text.length };
}

/**
 * The state of one input while text arrives: when the current burst began,
 * what the field held then, and when each character came.
 */
export class BurstTracker {
  private times: number[] = [];
  private startValue = "";
  private readonly options: Readonly<BurstOptions>;

  constructor(options: Readonly<BurstOptions> = DEFAULT_BURST) {
    this.options = options;
  }

  /**
   * `count` characters arrived at `time`, changing the field from `before`.
   * A long pause since the last one starts a new burst.
   */
  push(time: number, count: number, before: string): void {
    const last = this.times[this.times.length - 1];
    if (last === undefined || time - last > this.options.resetAfterMs) {
      this.times = [];
      this.startValue = before;
    }
    for (let index = 0; index < Math.max(1, count); index += 1) this.times.push(time);
  }

  /** Whether what arrived so far is a scanner burst. */
  isBurst(): boolean {
    return isScannerBurst(this.times, this.options);
  }

  /** What the field held before the current burst began. */
  get before(): string {
    return this.startValue;
  }

  get length(): number {
    return this.times.length;
  }

  reset(): void {
    this.times = [];
    this.startValue = "";
  }
}

/**
 * Keys typed while no input has the focus (a PDA's scan button pressed with
 * the page, not a field, focused): collected so a scanner burst ending in
 * Enter can be sent to the form's scan field.
 */
export class WedgeBuffer {
  private text = "";
  private times: number[] = [];
  private readonly options: Readonly<BurstOptions>;

  constructor(options: Readonly<BurstOptions> = DEFAULT_BURST) {
    this.options = options;
  }

  /** One key; `true` when it was taken as part of a possible scan. */
  key(key: string, ctrlKey: boolean, time: number, code = ""): boolean {
    const char = scanCharForKey(key, ctrlKey, code);
    if (char === null) return false;
    const last = this.times[this.times.length - 1];
    if (last !== undefined && time - last > this.options.resetAfterMs) this.reset();
    this.text += char;
    this.times.push(time);
    return true;
  }

  /** Enter (or the idle time) ended the keys: the scan, if they were one. */
  finish(): string | null {
    const scan = isScannerBurst(this.times, this.options) ? this.text : null;
    this.reset();
    return scan;
  }

  reset(): void {
    this.text = "";
    this.times = [];
  }
}
