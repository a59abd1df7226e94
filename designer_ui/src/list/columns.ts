/**
 * The record list's columns: the form's fields plus the record's own system
 * columns, which ones show and in what order (remembered per form), and the
 * sort order a header click asks for.
 */
import type { FieldDef, FormDefinition } from "../fields.ts";
import { isSortable, operatorsFor, type FilterOp } from "./fieldCaps.ts";

export const SYSTEM_KEYS = ["id", "created_at", "updated_at", "created_by", "updated_by"] as const;
export type SystemKey = (typeof SYSTEM_KEYS)[number];

export interface ListColumn {
  /** Field id, or a system key (`id`, `created_at`, …). */
  key: string;
  /** The field, or `null` for a system column. */
  field: FieldDef | null;
  /** Field type (system columns: `integer`, `datetime` or `text`). */
  type: string;
  sortable: boolean;
  operators: FilterOp[];
}

/** System columns as the list API knows them (`created_by` cannot be queried). */
const SYSTEM: Readonly<Record<SystemKey, { type: string; queryable: boolean }>> = {
  id: { type: "integer", queryable: true },
  created_at: { type: "datetime", queryable: true },
  updated_at: { type: "datetime", queryable: true },
  created_by: { type: "text", queryable: false },
  updated_by: { type: "text", queryable: false },
};

export function isSystemKey(key: string): key is SystemKey {
  return (SYSTEM_KEYS as readonly string[]).includes(key);
}

/** Every column the list can show: the fields first, then the system columns. */
export function listColumns(definition: FormDefinition): ListColumn[] {
  const fields = definition.fields
    .filter((field) => !isSystemKey(field.id))
    .map((field) => ({
      key: field.id,
      field,
      type: field.type,
      sortable: isSortable(field.type),
      operators: operatorsFor(field.type),
    }));
  const system = SYSTEM_KEYS.map((key) => {
    const { type, queryable } = SYSTEM[key];
    return {
      key,
      field: null,
      type,
      sortable: queryable,
      operators: queryable ? operatorsFor(type) : [],
    };
  });
  return [...fields, ...system];
}

export interface ColumnPref {
  key: string;
  visible: boolean;
}

/** How many fields show before anyone chooses. */
export const DEFAULT_VISIBLE_FIELDS = 6;

/**
 * The starting choice: the first fields and the creation time visible. The
 * `id` column is not in the choice: it always leads (it opens the record).
 */
export function defaultPrefs(columns: readonly ListColumn[]): ColumnPref[] {
  let shown = 0;
  return columns
    .filter((column) => column.key !== "id")
    .map((column) => {
      if (column.field === null) return { key: column.key, visible: column.key === "created_at" };
      shown += 1;
      return { key: column.key, visible: shown <= DEFAULT_VISIBLE_FIELDS };
    });
}

/**
 * A saved choice fitted to today's columns: unknown keys dropped, duplicates
 * ignored, and columns added since appended with their default visibility.
 */
export function normalizePrefs(saved: unknown, columns: readonly ListColumn[]): ColumnPref[] {
  const defaults = defaultPrefs(columns);
  if (!Array.isArray(saved)) return defaults;
  const known = new Map(defaults.map((pref) => [pref.key, pref]));
  const out: ColumnPref[] = [];
  const seen = new Set<string>();
  for (const item of saved as unknown[]) {
    if (typeof item !== "object" || item === null) continue;
    const record = item as Record<string, unknown>;
    const key = record.key;
    if (typeof key !== "string" || !known.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push({ key, visible: record.visible === true });
  }
  if (out.length === 0) return defaults;
  for (const pref of defaults) {
    if (!seen.has(pref.key)) out.push(pref);
  }
  return out;
}

export function toggleColumn(prefs: readonly ColumnPref[], key: string): ColumnPref[] {
  return prefs.map((pref) => (pref.key === key ? { ...pref, visible: !pref.visible } : pref));
}

/** Move `key` by `delta` places (clamped to the list). */
export function moveColumn(prefs: readonly ColumnPref[], key: string, delta: number): ColumnPref[] {
  const from = prefs.findIndex((pref) => pref.key === key);
  if (from < 0) return [...prefs];
  const to = Math.max(0, Math.min(prefs.length - 1, from + delta));
  return moveTo(prefs, from, to);
}

/** Move the column at `from` to index `to`. */
export function moveTo(prefs: readonly ColumnPref[], from: number, to: number): ColumnPref[] {
  const next = [...prefs];
  const [item] = next.splice(from, 1);
  if (item === undefined) return [...prefs];
  next.splice(to, 0, item);
  return next;
}

/** The visible columns, in the chosen order, after the `id` column. */
export function visibleColumns(prefs: readonly ColumnPref[], columns: readonly ListColumn[]): ListColumn[] {
  const byKey = new Map(columns.map((column) => [column.key, column]));
  const out: ListColumn[] = [];
  for (const pref of prefs) {
    const column = byKey.get(pref.key);
    if (pref.visible && column !== undefined) out.push(column);
  }
  return out;
}

export function prefsStorageKey(app: string, form: string): string {
  return `tracery.list.columns.${app}.${form}`;
}

/** Storage the choice is kept in (`window.localStorage`, or a stand-in in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function loadPrefs(
  store: KeyValueStore | null,
  app: string,
  form: string,
  columns: readonly ListColumn[],
): ColumnPref[] {
  try {
    const text = store?.getItem(prefsStorageKey(app, form)) ?? null;
    return normalizePrefs(text === null ? null : JSON.parse(text), columns);
  } catch {
    return normalizePrefs(null, columns); // unreadable or blocked storage: the defaults
  }
}

export function savePrefs(store: KeyValueStore | null, app: string, form: string, prefs: readonly ColumnPref[]): void {
  try {
    store?.setItem(prefsStorageKey(app, form), JSON.stringify(prefs));
  } catch {
    // Full or blocked storage: the choice lasts for this visit only.
  }
}

export function clearPrefs(store: KeyValueStore | null, app: string, form: string): void {
  try {
    store?.removeItem(prefsStorageKey(app, form));
  } catch {
    // Nothing to do.
  }
}

export interface SortState {
  key: string;
  desc: boolean;
}

/** The list's order when nobody chose one: newest first. */
export const DEFAULT_SORT: SortState = { key: "id", desc: true };

/** A header click: ascending first, then descending, then back to the default order. */
export function nextSort(current: SortState | null, key: string): SortState | null {
  if (key === DEFAULT_SORT.key) {
    // The default order already sorts by this key (descending): flip between the two.
    const effective = current ?? DEFAULT_SORT;
    return effective.key === key && effective.desc === DEFAULT_SORT.desc ? { key, desc: !DEFAULT_SORT.desc } : null;
  }
  if (current?.key !== key) return { key, desc: false };
  if (!current.desc) return { key, desc: true };
  return null;
}

export function sortParam(sort: SortState | null): string {
  const used = sort ?? DEFAULT_SORT;
  return `${used.desc ? "-" : ""}${used.key}`;
}
