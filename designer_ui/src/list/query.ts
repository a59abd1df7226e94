/** The list API's query strings and answers: pages, exports and a record's full row. */
import { InvalidResponseError } from "../api.ts";
import { recordsUrl } from "../recordsApi.ts";
import { sortParam, type SortState } from "./columns.ts";
import { filterParams, type ActiveFilter } from "./filters.ts";

/** Rows per page: enough to scan, small enough to stay fast on big tables. */
export const PAGE_SIZE = 50;
/** The API takes at most this many values in one `in` filter (and deletes ≤ 1000 at once). */
export const MAX_SELECTION = 500;

export interface ListQuery {
  filters: readonly ActiveFilter[];
  /** Quick search: `contains` on one text field. */
  search: { field: string; text: string } | null;
  sort: SortState | null;
}

export type Params = [string, string][];

export function encodeParams(params: Params): string {
  return params.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join("&");
}

/** Filters (including the quick search) as query parameters. */
export function whereParams(query: ListQuery): Params {
  const params = filterParams(query.filters);
  const text = query.search?.text.trim() ?? "";
  if (query.search !== null && text !== "") {
    params.push([`filter[${query.search.field}][contains]`, text]);
  }
  return params;
}

/**
 * One page of the list. The total is only asked for with the first page (a
 * count over a million rows is not free); later pages follow the cursor.
 */
export function pageUrl(
  app: string,
  form: string,
  query: ListQuery,
  cursor: string | null = null,
  limit: number = PAGE_SIZE,
): string {
  const params: Params = [...whereParams(query), ["sort", sortParam(query.sort)], ["limit", String(limit)]];
  if (cursor === null) {
    params.push(["count", "true"]);
  } else {
    params.push(["cursor", cursor], ["count", "false"]);
  }
  return `${recordsUrl(app, form)}?${encodeParams(params)}`;
}

export type ExportFormat = "xlsx" | "csv";

/**
 * Download URL of the records matching `query`, or (with `ids`) of exactly
 * those records. `lang` names the workbook's header language.
 */
export function exportUrl(
  app: string,
  form: string,
  format: ExportFormat,
  query: ListQuery,
  options: { ids?: readonly number[]; lang?: string } = {},
): string {
  const params: Params =
    options.ids === undefined ? whereParams(query) : [["filter[id][in]", options.ids.join(",")]];
  params.push(["sort", sortParam(query.sort)]);
  if (format === "xlsx" && options.lang !== undefined) params.push(["lang", options.lang]);
  return `${recordsUrl(app, form)}/export.${format}?${encodeParams(params)}`;
}

/** A record with the metadata the list shows. */
export interface ListRecord {
  id: number;
  version: number;
  created_at: string | null;
  updated_at: string | null;
  created_by: string | null;
  updated_by: string | null;
  data: Record<string, unknown>;
}

export interface ListPage {
  items: ListRecord[];
  total: number | null;
  next_cursor: string | null;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function whole(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) ? value : null;
}

export function parseListRecord(data: unknown): ListRecord {
  const record = asObject(data);
  const id = whole(record?.id);
  const version = whole(record?.version);
  if (record === null || id === null || version === null) {
    throw new InvalidResponseError("record: id and version must be whole numbers");
  }
  return {
    id,
    version,
    created_at: text(record.created_at),
    updated_at: text(record.updated_at),
    created_by: text(record.created_by),
    updated_by: text(record.updated_by),
    data: asObject(record.data) ?? {},
  };
}

export function parseListPage(data: unknown): ListPage {
  const page = asObject(data);
  if (page === null || !Array.isArray(page.items)) {
    throw new InvalidResponseError("record page: items must be an array");
  }
  return {
    items: (page.items as unknown[]).map(parseListRecord),
    total: whole(page.total),
    next_cursor: text(page.next_cursor),
  };
}

/** A system column's value of a record (`id`, `created_at`, …), or a field's. */
export function cellValue(record: ListRecord, key: string): unknown {
  switch (key) {
    case "id":
      return record.id;
    case "created_at":
      return record.created_at;
    case "updated_at":
      return record.updated_at;
    case "created_by":
      return record.created_by;
    case "updated_by":
      return record.updated_by;
    default:
      return record.data[key];
  }
}

/** The file name a `Content-Disposition` header suggests, else `fallback`. */
export function dispositionFilename(header: string | null, fallback: string): string {
  if (header === null) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1] !== undefined) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header);
  const name = (plain?.[1] ?? plain?.[2] ?? "").trim();
  return name === "" ? fallback : name;
}
