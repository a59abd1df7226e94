/** `/api/v1` calls and response validators for an app's forms and records. */
import { API_BASE, apiFetch, InvalidResponseError } from "./api.ts";
import { toLocalizedText, type LocalizedText } from "./labels.ts";

export interface FormSummary {
  key: string;
  /** Label of the published version, else of the latest draft. */
  label: LocalizedText | null;
  latest_version: number | null;
  published_version: number | null;
}

export interface AppDetail {
  key: string;
  label: LocalizedText | null;
  forms: FormSummary[];
}

export interface RecordItem {
  id: number;
  version: number;
  created_at: string | null;
  data: Record<string, unknown>;
}

export interface RecordPage {
  items: RecordItem[];
  total: number | null;
  next_cursor: string | null;
}

export interface HistoryEntry {
  version: number;
  action: string;
  actor: string | null;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidResponseError(`${what}: expected an object`);
  }
  return value as Record<string, unknown>;
}

function maybeRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function appUrl(app: string): string {
  return `${API_BASE}/apps/${encodeURIComponent(app)}`;
}

export function formUrl(app: string, form: string): string {
  return `${appUrl(app)}/forms/${encodeURIComponent(form)}`;
}

export function definitionUrl(app: string, form: string, version: number): string {
  return `${formUrl(app, form)}?version=${version}`;
}

export function recordsUrl(app: string, form: string): string {
  return `${formUrl(app, form)}/records`;
}

/** The list URL: newest first, 20 a page, optional cursor and `contains` filter. */
export function recordListUrl(
  app: string,
  form: string,
  options: { cursor?: string | null; searchField?: string | null; search?: string },
): string {
  const params = [["limit", "20"], ["sort", "-id"]];
  if (options.cursor) params.push(["cursor", options.cursor]);
  const search = options.search?.trim() ?? "";
  if (options.searchField && search !== "") {
    params.push([`filter[${options.searchField}][contains]`, search]);
  }
  const query = params.map(([k = "", v = ""]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return `${recordsUrl(app, form)}?${query.join("&")}`;
}

export function parseAppDetail(data: unknown): AppDetail {
  const record = asRecord(data, "app");
  if (typeof record.key !== "string" || !Array.isArray(record.forms)) {
    throw new InvalidResponseError("app: key and forms are required");
  }
  const forms: FormSummary[] = [];
  for (const item of record.forms as unknown[]) {
    const form = maybeRecord(item);
    if (form === null || typeof form.key !== "string") continue;
    forms.push({
      key: form.key,
      label: toLocalizedText(form.label),
      latest_version: num(form.latest_version),
      published_version: num(form.published_version),
    });
  }
  return { key: record.key, label: toLocalizedText(record.label), forms };
}

export function parseRecord(data: unknown): RecordItem {
  const record = asRecord(data, "record");
  const id = num(record.id);
  const version = num(record.version);
  if (id === null || version === null) {
    throw new InvalidResponseError("record: id and version must be numbers");
  }
  return {
    id,
    version,
    created_at: typeof record.created_at === "string" ? record.created_at : null,
    data: maybeRecord(record.data) ?? {},
  };
}

export function parseRecordPage(data: unknown): RecordPage {
  const record = asRecord(data, "record page");
  if (!Array.isArray(record.items)) throw new InvalidResponseError("record page: items must be an array");
  return {
    items: (record.items as unknown[]).map(parseRecord),
    total: num(record.total),
    next_cursor: typeof record.next_cursor === "string" && record.next_cursor !== "" ? record.next_cursor : null,
  };
}

export function parseHistory(data: unknown): HistoryEntry[] {
  if (!Array.isArray(data)) throw new InvalidResponseError("history: expected an array");
  return (data as unknown[]).map((item) => {
    const entry = asRecord(item, "history entry");
    return {
      version: num(entry.version) ?? 0,
      action: typeof entry.action === "string" ? entry.action : "",
      actor: typeof entry.actor === "string" ? entry.actor : null,
      at: typeof entry.at === "string" ? entry.at : "",
      before: maybeRecord(entry.before),
      after: maybeRecord(entry.after),
    };
  });
}

async function sendJson(url: string, method: string, body: unknown): Promise<unknown> {
  const response = await apiFetch(url, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.json();
}

export function createRecord(app: string, form: string, data: Record<string, unknown>): Promise<unknown> {
  return sendJson(recordsUrl(app, form), "POST", { data });
}

export function updateRecord(
  app: string,
  form: string,
  id: number,
  version: number,
  data: Record<string, unknown>,
): Promise<unknown> {
  return sendJson(`${recordsUrl(app, form)}/${id}`, "PATCH", { version, data });
}

/** `POST /scan`: the parsed parts (`lot`, `expiry`, `quantity`, `gtin`, …). */
export async function interpretScan(raw: string): Promise<Record<string, unknown>> {
  return maybeRecord(await sendJson(`${API_BASE}/scan`, "POST", { raw })) ?? {};
}

/**
 * `POST …/records/delete` with `{ids}`: all of them or none. Resolves with the
 * number deleted; rejects with an `ApiError` (404, 409, 403, …) otherwise.
 */
export async function deleteRecords(app: string, form: string, ids: readonly number[]): Promise<number> {
  const body = maybeRecord(await sendJson(`${recordsUrl(app, form)}/delete`, "POST", { ids }));
  return num(body?.deleted) ?? ids.length;
}

// ---------------------------------------------------------------------------
// The generated form (formview): pickers' searches, uploads, people and the
// live record preview.

import { getJson } from "./api.ts";
import { parseFormDefinition, type FormDefinition } from "./fields.ts";

/** A filtered, short list of a form's records, newest first (relation pickers). */
export function recordSearchUrl(
  app: string,
  form: string,
  options: { field: string | null; op: "contains" | "eq"; text: string; limit?: number },
): string {
  const params = [
    ["limit", String(options.limit ?? 10)],
    ["sort", "-id"],
    ["count", "false"],
  ];
  const text = options.text.trim();
  if (options.field !== null && text !== "") {
    params.push([`filter[${options.field}][${options.op}]`, text]);
  }
  const query = params.map(([k = "", v = ""]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return `${recordsUrl(app, form)}?${query.join("&")}`;
}

export function searchRecords(url: string, signal?: AbortSignal): Promise<RecordPage> {
  return getJson(url, parseRecordPage, signal);
}

function parseVersionView(data: unknown): { document: unknown; version: number | null; published: number | null } {
  const record = asRecord(data, "form definition");
  return { document: record, version: num(record.version), published: num(record.published_version) };
}

/** A form's published definition (the latest read first; the published one if it differs). */
export async function fetchPublishedDefinition(app: string, form: string, signal?: AbortSignal): Promise<FormDefinition> {
  const latest = await getJson(formUrl(app, form), parseVersionView, signal);
  if (latest.published !== null && latest.published !== latest.version) {
    return getJson(definitionUrl(app, form, latest.published), parseFormDefinition, signal);
  }
  return parseFormDefinition(latest.document);
}

/** What `POST /files` answers (and reads of file fields show). */
export interface UploadedFile {
  id: string;
  name: string;
  content_type: string | null;
  size: number | null;
  url: string;
  thumbnail_url: string | null;
}

export function parseUploadedFile(data: unknown): UploadedFile {
  const record = asRecord(data, "file");
  if (typeof record.id !== "string" || record.id === "") throw new InvalidResponseError("file: id is required");
  return {
    id: record.id,
    name: typeof record.name === "string" ? record.name : record.id,
    content_type: typeof record.content_type === "string" ? record.content_type : null,
    size: num(record.size),
    url: typeof record.url === "string" ? record.url : `${API_BASE}/files/${record.id}`,
    thumbnail_url: typeof record.thumbnail_url === "string" ? record.thumbnail_url : null,
  };
}

/** `POST /files?filename=…` with the raw bytes; rejects with an `ApiError` (size, type, …). */
export async function uploadFile(body: Blob, filename: string, signal?: AbortSignal): Promise<UploadedFile> {
  const response = await apiFetch(`${API_BASE}/files?filename=${encodeURIComponent(filename)}`, {
    method: "POST",
    headers: { "Content-Type": body.type === "" ? "application/octet-stream" : body.type },
    body,
    ...(signal ? { signal } : {}),
  });
  return parseUploadedFile(await response.json());
}

/** Someone (or a department) a picker offers: `id` is the login or the department id. */
export interface PersonOption {
  id: string | number;
  display: string;
  detail: string;
}

export const USERS_URL = `${API_BASE}/directory/users`;
export const DEPARTMENTS_URL = `${API_BASE}/directory/departments`;

/** The directory search any signed-in user may run for a user or department field. */
export function directoryUrl(which: "users" | "departments", text: string): string {
  const base = which === "users" ? USERS_URL : DEPARTMENTS_URL;
  const query = text.trim();
  return query === "" ? `${base}?limit=50` : `${base}?limit=50&q=${encodeURIComponent(query.slice(0, 100))}`;
}

function items(data: unknown, what: string): Record<string, unknown>[] {
  const record = asRecord(data, what);
  if (!Array.isArray(record.items)) throw new InvalidResponseError(`${what}: items must be an array`);
  return (record.items as unknown[]).map(maybeRecord).filter((item): item is Record<string, unknown> => item !== null);
}

/** `GET /directory/users`: active people, by name with the login as detail. */
export function parseUserOptions(data: unknown): PersonOption[] {
  return items(data, "users")
    .filter((user) => typeof user.login === "string")
    .map((user) => {
      const login = String(user.login);
      const name = typeof user.display_name === "string" && user.display_name.trim() !== "" ? user.display_name : login;
      return { id: login, display: name, detail: login };
    });
}

/** `GET /directory/departments`: each with its parent's name as detail when it is listed too. */
export function parseDepartmentOptions(data: unknown): PersonOption[] {
  const rows = items(data, "departments").filter((dep) => typeof dep.id === "number");
  const names = new Map(rows.map((dep) => [dep.id as number, typeof dep.name === "string" ? dep.name : `#${String(dep.id)}`]));
  return rows.map((dep) => {
    const id = dep.id as number;
    const parent = typeof dep.parent_id === "number" ? names.get(dep.parent_id) : undefined;
    return { id, display: names.get(id) ?? `#${id}`, detail: parent ?? "" };
  });
}

export function recordPreviewUrl(app: string, form: string): string {
  return `${recordsUrl(app, form)}/preview`;
}

/** `POST …/records/preview`: visibility, requirement and computed values for unsaved data. */
export async function previewRecord(
  app: string,
  form: string,
  data: Record<string, unknown>,
  id: number | null,
  signal?: AbortSignal,
): Promise<unknown> {
  const response = await apiFetch(recordPreviewUrl(app, form), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(id === null ? { data } : { data, id }),
    ...(signal ? { signal } : {}),
  });
  return response.json();
}
