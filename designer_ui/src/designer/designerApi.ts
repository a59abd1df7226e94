/** The definition endpoints the designer uses (`/api/v1/apps/{app}/forms/...`), with validated answers. */
import { API_BASE, apiFetch, getJson, InvalidResponseError } from "../api.ts";
import { parseDiffEntries, parsePlanSteps, type DiffEntry, type PlanStep } from "./changes.ts";
import { parseFormDoc, type FormDoc, type LabelDoc } from "./model.ts";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw new InvalidResponseError(`${what}: expected an object`);
  return value;
}

const num = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

export function formsUrl(app: string): string {
  return `${API_BASE}/apps/${encodeURIComponent(app)}/forms`;
}

export function formUrl(app: string, form: string): string {
  return `${formsUrl(app)}/${encodeURIComponent(form)}`;
}

export interface VersionInfo {
  version: number;
  status: string;
  comment: string | null;
  createdBy: string | null;
  createdAt: string | null;
  publishedAt: string | null;
}

export interface LoadedVersion extends VersionInfo {
  document: FormDoc;
  latestVersion: number | null;
  publishedVersion: number | null;
}

function parseVersionInfo(data: unknown): VersionInfo {
  const record = asRecord(data, "version");
  const version = num(record.version);
  if (version === null) throw new InvalidResponseError("version: version must be a number");
  return {
    version,
    status: str(record.status) ?? "draft",
    comment: str(record.comment),
    createdBy: str(record.created_by),
    createdAt: str(record.created_at),
    publishedAt: str(record.published_at),
  };
}

export function parseLoadedVersion(data: unknown, key: string): LoadedVersion {
  const record = asRecord(data, "definition");
  return {
    ...parseVersionInfo(record),
    document: parseFormDoc(record.document, key),
    latestVersion: num(record.latest_version),
    publishedVersion: num(record.published_version),
  };
}

export function parseVersionList(data: unknown): VersionInfo[] {
  const record = asRecord(data, "versions");
  if (!Array.isArray(record.items)) throw new InvalidResponseError("versions: items must be a list");
  return record.items.map(parseVersionInfo);
}

export interface FormSummary {
  key: string;
  latestVersion: number | null;
  publishedVersion: number | null;
}

export function parseFormList(data: unknown): FormSummary[] {
  const record = asRecord(data, "forms");
  if (!Array.isArray(record.items)) throw new InvalidResponseError("forms: items must be a list");
  return record.items.filter(isRecord).flatMap((item) =>
    typeof item.key === "string"
      ? [{ key: item.key, latestVersion: num(item.latest_version), publishedVersion: num(item.published_version) }]
      : [],
  );
}

export interface PublishPlan {
  version: number;
  previousVersion: number | null;
  dryRun: boolean;
  steps: PlanStep[];
  /** `null` on a first publication (nothing to compare with). */
  diff: DiffEntry[] | null;
}

export function parsePublishPlan(data: unknown): PublishPlan {
  const record = asRecord(data, "publish");
  const version = num(record.version);
  if (version === null) throw new InvalidResponseError("publish: version must be a number");
  return {
    version,
    previousVersion: num(record.previous_version),
    dryRun: record.dry_run === true,
    steps: parsePlanSteps(record.changes),
    diff: Array.isArray(record.diff) ? parseDiffEntries(record.diff) : null,
  };
}

export function parseDiff(data: unknown): DiffEntry[] {
  return parseDiffEntries(asRecord(data, "diff").changes);
}

/** The latest version of a form; rejects with a 404 `ApiError` when the app has no such form yet. */
export async function loadForm(app: string, form: string, signal?: AbortSignal): Promise<LoadedVersion> {
  return getJson(formUrl(app, form), (data) => parseLoadedVersion(data, form), signal);
}

export async function loadVersion(app: string, form: string, version: number): Promise<LoadedVersion> {
  return getJson(`${formUrl(app, form)}?version=${version}`, (data) => parseLoadedVersion(data, form));
}

export async function saveForm(app: string, form: string, doc: FormDoc): Promise<VersionInfo> {
  const response = await apiFetch(formUrl(app, form), {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(doc),
  });
  return parseVersionInfo(await response.json());
}

export async function publishForm(app: string, form: string, version: number, dryRun: boolean): Promise<PublishPlan> {
  const query = dryRun ? `dry_run=true&version=${version}` : `version=${version}`;
  const response = await apiFetch(`${formUrl(app, form)}/publish?${query}`, { method: "POST" });
  return parsePublishPlan(await response.json());
}

export async function listVersions(app: string, form: string): Promise<VersionInfo[]> {
  return getJson(`${formUrl(app, form)}/versions`, parseVersionList);
}

export async function diffVersions(app: string, form: string, from: number, to: number): Promise<DiffEntry[]> {
  return getJson(`${formUrl(app, form)}/diff?from=${from}&to=${to}`, parseDiff);
}

export async function rollbackForm(app: string, form: string, version: number): Promise<void> {
  await apiFetch(`${formUrl(app, form)}/rollback`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ version, publish: true }),
  });
}

export async function listForms(app: string, signal?: AbortSignal): Promise<FormSummary[]> {
  return getJson(formsUrl(app), parseFormList, signal);
}

/** The app's label (rejects with a 404 `ApiError` when there is no such app). */
export async function loadAppLabel(app: string, signal?: AbortSignal): Promise<LabelDoc> {
  return getJson(
    `${API_BASE}/apps/${encodeURIComponent(app)}`,
    (data) => {
      const record = asRecord(data, "app");
      const label = record.label;
      if (typeof label === "string") return label;
      if (isRecord(label)) {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(label)) if (typeof v === "string") out[k] = v;
        return out;
      }
      return app;
    },
    signal,
  );
}
