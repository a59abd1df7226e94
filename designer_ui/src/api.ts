import { toLocalizedText, type LocalizedText } from "./labels.ts";
import { parseProblem, type Problem } from "./problem.ts";

export const API_BASE = "/api/v1";

export interface Health {
  status: string;
  /** "sqlite" or "postgresql" today; kept open for future back ends. */
  database: string;
  version: string;
}

export interface AppSummary {
  key: string;
  label: LocalizedText | null;
  description: LocalizedText | null;
  published_version: number | null;
  updated_at: string | null;
}

export interface AppList {
  items: AppSummary[];
  total: number;
}

/** A request that failed; `problem` is safe to show. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title || problem.detail || `API request failed (${problem.kind})`);
    this.name = "ApiError";
    this.problem = problem;
  }
}

/** Thrown by the `parse*` functions when a 2xx body has the wrong shape. */
export class InvalidResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidResponseError";
  }
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidResponseError(`${what}: expected an object`);
  }
  return value as Record<string, unknown>;
}

function optionalString(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

export function parseHealth(data: unknown): Health {
  const record = asRecord(data, "health");
  const { status, database, version } = record;
  if (typeof status !== "string" || typeof database !== "string" || typeof version !== "string") {
    throw new InvalidResponseError("health: status, database and version must be strings");
  }
  return { status, database, version };
}

function parseAppSummary(data: unknown): AppSummary | null {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  const record = data as Record<string, unknown>;
  if (typeof record.key !== "string" || record.key === "") return null;
  const version = record.published_version;
  return {
    key: record.key,
    label: toLocalizedText(record.label),
    description: toLocalizedText(record.description),
    published_version: typeof version === "number" && Number.isFinite(version) ? version : null,
    updated_at: optionalString(record.updated_at),
  };
}

/** Validate `GET /apps`; items without a usable `key` are skipped. */
export function parseAppList(data: unknown): AppList {
  const record = asRecord(data, "app list");
  if (!Array.isArray(record.items)) {
    throw new InvalidResponseError("app list: items must be an array");
  }
  const items = record.items
    .map(parseAppSummary)
    .filter((item): item is AppSummary => item !== null);
  const total = typeof record.total === "number" ? record.total : items.length;
  return { items, total };
}

export function exportUrl(key: string): string {
  return `${API_BASE}/apps/${encodeURIComponent(key)}/export`;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

/** Any thrown value as a {@link Problem} (an `ApiError`'s own, or a network one). */
export function toProblem(error: unknown): Promise<Problem> {
  return error instanceof ApiError ? Promise.resolve(error.problem) : parseProblem(error);
}

/**
 * GET `url` and validate its JSON body with `parse`.
 *
 * Rejects with an {@link ApiError} on network failure, on a non-2xx status and
 * on a body `parse` rejects; an abort through `signal` rejects with the
 * `AbortError` unchanged so callers can ignore it.
 */
export async function getJson<T>(
  url: string,
  parse: (data: unknown) => T,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Accept: "application/json" },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(await parseProblem(error));
  }

  if (!response.ok) throw new ApiError(await parseProblem(response));

  try {
    return parse(await response.json());
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError({
      kind: "invalid",
      status: response.status,
      title: "",
      detail: error instanceof InvalidResponseError ? error.message : "",
    });
  }
}
