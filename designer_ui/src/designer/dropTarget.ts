/**
 * Where a drag would drop: which container (the innermost one under the
 * pointer that accepts the dragged item) and at which position in it (reading
 * order of its items, so multi-column sections work too). Pure geometry.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function contains(box: Box, point: Point): boolean {
  return (
    point.x >= box.left &&
    point.x <= box.left + box.width &&
    point.y >= box.top &&
    point.y <= box.top + box.height
  );
}

function distance(box: Box, point: Point): number {
  const dx = Math.max(box.left - point.x, 0, point.x - (box.left + box.width));
  const dy = Math.max(box.top - point.y, 0, point.y - (box.top + box.height));
  return Math.hypot(dx, dy);
}

export interface Candidate<T> {
  id: T;
  box: Box;
  /** Nesting depth in the page (deeper wins when several contain the point). */
  depth: number;
}

/**
 * The container to drop into: among those containing the point, the deepest
 * (then smallest); if none contains it, the nearest one.
 */
export function pickContainer<T>(point: Point, candidates: readonly Candidate<T>[]): T | null {
  let best: Candidate<T> | null = null;
  for (const candidate of candidates) {
    if (!contains(candidate.box, point)) continue;
    if (
      best === null ||
      candidate.depth > best.depth ||
      (candidate.depth === best.depth &&
        candidate.box.width * candidate.box.height < best.box.width * best.box.height)
    ) {
      best = candidate;
    }
  }
  if (best !== null) return best.id;
  let nearest: Candidate<T> | null = null;
  let nearestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(candidate.box, point);
    if (d < nearestDistance) {
      nearest = candidate;
      nearestDistance = d;
    }
  }
  return nearest?.id ?? null;
}

/**
 * The index at which an item dropped at `point` lands among items laid out at
 * `boxes` (in DOM order, the dragged item left out). Items sharing a row (a
 * grid) are ordered left to right; a single item in a row splits at its middle.
 */
export function insertionIndex(point: Point, boxes: readonly Box[]): number {
  let index = 0;
  while (index < boxes.length) {
    const first = boxes[index];
    if (first === undefined) break;
    // The row: following boxes overlapping the first one vertically.
    let end = index + 1;
    while (end < boxes.length) {
      const next = boxes[end];
      if (next === undefined || next.top >= first.top + first.height - 1) break;
      end += 1;
    }
    const row = boxes.slice(index, end);
    const top = Math.min(...row.map((b) => b.top));
    const bottom = Math.max(...row.map((b) => b.top + b.height));
    if (point.y < top) return index;
    if (point.y <= bottom) {
      if (row.length === 1) {
        // Beside a lone item (the last row of a grid): after it; else split at its middle.
        if (point.x > first.left + first.width) return index + 1;
        return point.y < first.top + first.height / 2 ? index : index + 1;
      }
      for (let i = 0; i < row.length; i += 1) {
        const box = row[i];
        if (box !== undefined && point.x < box.left + box.width / 2) return index + i;
      }
      return end;
    }
    index = end;
  }
  return boxes.length;
}

/** The index among sections (by their boxes) before which a new section dropped at `point` goes. */
export function sectionIndex(point: Point, boxes: readonly Box[]): number {
  const found = boxes.findIndex((box) => point.y < box.top + box.height / 2);
  return found < 0 ? boxes.length : found;
}
