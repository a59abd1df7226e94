/** `/api/v1` calls and response validators for an app's forms and records. */
import { API_BASE, apiFetch, InvalidResponseError } from "./api.ts";
import { toLocalizedText, type LocalizedText } from "./labels.ts";

export interface FormSummary {
  key: string;
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
