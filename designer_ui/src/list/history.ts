/** A record's history as a timeline: newest first, each entry with what it changed. */
import type { HistoryEntry } from "../recordsApi.ts";

export interface Change {
  key: string;
  before: unknown;
  after: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The values an entry changed (a creation lists the values it set; a deletion those it had). */
export function changesOf(entry: HistoryEntry): Change[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => !same(before[key], after[key]))
    .map((key) => ({ key, before: before[key], after: after[key] }));
}

/** Newest first (by version, then time). */
export function timeline(entries: readonly HistoryEntry[]): HistoryEntry[] {
  return [...entries].sort((a, b) => b.version - a.version || b.at.localeCompare(a.at));
}
