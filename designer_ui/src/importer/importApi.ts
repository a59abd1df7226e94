/**
 * The import API: upload a .csv/.xlsx (the body), check it (dry run), commit it
 * in the background and follow the job. See `engine/api/routes/imports.py`.
 */
import { apiFetch, InvalidResponseError } from "../api.ts";
import { formUrl } from "../recordsApi.ts";

export type JobStatus = "uploaded" | "checking" | "checked" | "running" | "succeeded" | "failed";
const STATUSES: readonly JobStatus[] = ["uploaded", "checking", "checked", "running", "succeeded", "failed"];

/** One problem in the sheet: its row number, column header and what is wrong. */
export interface CellProblem {
  row: number | null;
  column: string | null;
  field: string | null;
  code: string;
  message: string;
}

export interface CheckCounts {
  rows: number;
  valid: number;
  invalid: number;
  creates: number;
  updates: number;
}

/** What a check or a failed commit found (`job.errors`). */
export interface JobErrors {
  kind: "check" | "commit" | "";
  counts: CheckCounts | null;
  message: string;
  errors: CellProblem[];
  errorsTotal: number;
  truncated: boolean;
  failedBatch: number | null;
  committedRows: number | null;
}

export interface ImportJob {
  id: string;
  filename: string;
  format: string;
  status: JobStatus;
  columns: string[];
  totalRows: number;
  processedRows: number;
  createdRows: number;
  updatedRows: number;
  failedRows: number;
  /** 0 … 1 */
  progress: number;
  mapping: Record<string, string | null>;
  keyField: string | null;
  errors: JobErrors | null;
  createdBy: string | null;
  createdAt: string | null;
  finishedAt: string | null;
}

export interface PreviewRow {
  row: number;
  cells: unknown[];
}

/** The answer to an upload: the job, a preview of the first rows, the suggested mapping. */
export interface UploadedImport {
  job: ImportJob;
  preview: PreviewRow[];
  suggested: Record<string, string | null>;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

function maybeNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function maybeText(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function parseMapping(value: unknown): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [column, field] of Object.entries(asObject(value) ?? {})) {
    out[column] = typeof field === "string" && field !== "" ? field : null;
  }
  return out;
}

export function parseCellProblem(value: unknown): CellProblem | null {
  const record = asObject(value);
  if (record === null) return null;
  return {
    row: maybeNumber(record.row),
    column: maybeText(record.column),
    field: maybeText(record.field),
    code: typeof record.code === "string" ? record.code : "",
    message: typeof record.message === "string" ? record.message : "",
  };
}

function parseCounts(value: unknown): CheckCounts | null {
  const record = asObject(value);
  if (record === null) return null;
  return {
    rows: count(record.rows),
    valid: count(record.valid),
    invalid: count(record.invalid),
    creates: count(record.creates),
    updates: count(record.updates),
  };
}

/** A check's summary or a failed commit's report (`kind`, `counts`, `errors`, …). */
export function parseJobErrors(value: unknown): JobErrors | null {
  const record = asObject(value);
  if (record === null) return null;
  const errors = Array.isArray(record.errors)
    ? (record.errors as unknown[]).map(parseCellProblem).filter((item): item is CellProblem => item !== null)
    : [];
  const kind = record.kind === "check" || record.kind === "commit" ? record.kind : "";
  const total = maybeNumber(record.errors_total) ?? errors.length;
  return {
    kind,
    counts: parseCounts(record.counts),
    message: typeof record.message === "string" ? record.message : "",
    errors,
    errorsTotal: total,
    truncated: record.errors_truncated === true || total > errors.length,
    failedBatch: maybeNumber(record.failed_batch),
    committedRows: maybeNumber(record.committed_rows),
  };
}

export function parseJob(value: unknown): ImportJob {
  const record = asObject(value);
  if (record === null || typeof record.id !== "string" || record.id === "") {
    throw new InvalidResponseError("import: id must be a non-empty string");
  }
  const status = STATUSES.find((candidate) => candidate === record.status);
  if (status === undefined) throw new InvalidResponseError("import: unknown status");
  const columns = Array.isArray(record.columns)
    ? (record.columns as unknown[]).filter((column): column is string => typeof column === "string")
    : [];
  return {
    id: record.id,
    filename: typeof record.filename === "string" ? record.filename : "",
    format: typeof record.format === "string" ? record.format : "",
    status,
    columns,
    totalRows: count(record.total_rows),
    processedRows: count(record.processed_rows),
    createdRows: count(record.created_rows),
    updatedRows: count(record.updated_rows),
    failedRows: count(record.failed_rows),
    progress: count(record.progress),
    mapping: parseMapping(record.mapping),
    keyField: maybeText(record.key_field),
    errors: parseJobErrors(record.errors),
    createdBy: maybeText(record.created_by),
    createdAt: maybeText(record.created_at),
    finishedAt: maybeText(record.finished_at),
  };
}

export function parseUploaded(value: unknown): UploadedImport {
  const record = asObject(value);
  const job = parseJob(value);
  const preview: PreviewRow[] = [];
  for (const item of Array.isArray(record?.preview) ? (record.preview as unknown[]) : []) {
    const row = asObject(item);
    if (row === null || !Array.isArray(row.cells)) continue;
    preview.push({ row: count(row.row), cells: row.cells as unknown[] });
  }
  const suggested = record?.suggested_mapping === undefined ? job.mapping : parseMapping(record.suggested_mapping);
  return { job, preview, suggested };
}

/** `POST …/check`'s answer: the summary plus the job. */
export interface CheckResult {
  summary: JobErrors;
  job: ImportJob;
}

export function parseCheck(value: unknown): CheckResult {
  const record = asObject(value);
  const summary = parseJobErrors(value);
  if (record === null || summary === null) throw new InvalidResponseError("check: expected an object");
  return { summary, job: parseJob(record.job) };
}

export function parseJobList(value: unknown): ImportJob[] {
  const items = asObject(value)?.items;
  if (!Array.isArray(items)) throw new InvalidResponseError("imports: items must be an array");
  const out: ImportJob[] = [];
  for (const item of items as unknown[]) {
    try {
      out.push(parseJob(item));
    } catch {
      // skip entries this page does not understand
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// URLs and calls

export function importsUrl(app: string, form: string): string {
  return `${formUrl(app, form)}/imports`;
}

export function jobUrl(app: string, form: string, id: string): string {
  return `${importsUrl(app, form)}/${encodeURIComponent(id)}`;
}

export function templateUrl(app: string, form: string, lang: string): string {
  return `${formUrl(app, form)}/import-template.xlsx?lang=${encodeURIComponent(lang)}`;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** "csv" / "xlsx" from a file name, or `null` for anything else. */
export function fileFormat(name: string): "csv" | "xlsx" | null {
  const match = /\.(csv|xlsx)$/i.exec(name.trim());
  const ext = match?.[1]?.toLowerCase();
  return ext === "csv" || ext === "xlsx" ? ext : null;
}

async function json(response: Response): Promise<unknown> {
  return response.json();
}

/** Upload a file (as the request body). Rejects with an `ApiError`. */
export async function uploadImport(app: string, form: string, file: Blob, filename: string): Promise<UploadedImport> {
  const type = fileFormat(filename) === "xlsx" ? XLSX_TYPE : "text/csv";
  const response = await apiFetch(`${importsUrl(app, form)}?filename=${encodeURIComponent(filename)}`, {
    method: "POST",
    headers: { "Content-Type": type },
    body: file,
  });
  return parseUploaded(await json(response));
}

export interface MappingBody {
  mapping: Record<string, string | null>;
  key_field: string | null;
}

export async function checkImport(app: string, form: string, id: string, body: MappingBody): Promise<CheckResult> {
  const response = await apiFetch(`${jobUrl(app, form, id)}/check`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return parseCheck(await json(response));
}

/**
 * Start (or resume) the commit with the job's checked mapping. A failed
 * commit started again goes on after the rows already imported.
 */
export async function commitImport(app: string, form: string, id: string): Promise<ImportJob> {
  const response = await apiFetch(`${jobUrl(app, form, id)}/commit`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: "{}",
  });
  return parseJob(await json(response));
}
