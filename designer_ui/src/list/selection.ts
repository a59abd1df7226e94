/** Row selection of the record list (ids of the rows ticked). */

export type PageSelection = "none" | "some" | "all";

export function toggleId(selected: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** How much of the rows on screen is ticked (for the header checkbox). */
export function pageSelection(selected: ReadonlySet<number>, ids: readonly number[]): PageSelection {
  if (ids.length === 0) return "none";
  const ticked = ids.filter((id) => selected.has(id)).length;
  if (ticked === 0) return "none";
  return ticked === ids.length ? "all" : "some";
}

/** The header checkbox: tick every row on screen, or untick them all when all were ticked. */
export function toggleAll(selected: ReadonlySet<number>, ids: readonly number[]): Set<number> {
  const next = new Set(selected);
  if (pageSelection(selected, ids) === "all") {
    for (const id of ids) next.delete(id);
  } else {
    for (const id of ids) next.add(id);
  }
  return next;
}

/** The ticked ids that are still on screen (after a reload some may be gone), in list order. */
export function keepVisible(selected: ReadonlySet<number>, ids: readonly number[]): number[] {
  return ids.filter((id) => selected.has(id));
}
