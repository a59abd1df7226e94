/** Sub-table rows: pure helpers for the row buttons. */

/** `rows` with the row at `from` moved to `to` (a copy; out-of-range moves change nothing). */
export function moveRow<T>(rows: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= rows.length || to >= rows.length) return [...rows];
  const next = [...rows];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}
