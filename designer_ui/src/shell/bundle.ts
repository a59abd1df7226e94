/** App bundle import: checking the chosen file, reading the server's answer and its errors. */
import { InvalidResponseError } from "../api.ts";

/** The server's limit (`BundleService.MAX_ZIP_BYTES`). */
export const MAX_BUNDLE_BYTES = 50 * 1024 * 1024;

export type BundleFileProblem = "not_zip" | "empty" | "too_large";

/** Why `file` cannot be a bundle, before uploading it; `null` when it may be one. */
export function checkBundleFile(file: { name: string; size: number; type: string }): BundleFileProblem | null {
  const zipType = file.type === "application/zip" || file.type === "application/x-zip-compressed";
  if (!zipType && !file.name.toLowerCase().endsWith(".zip")) return "not_zip";
  if (file.size === 0) return "empty";
  if (file.size > MAX_BUNDLE_BYTES) return "too_large";
  return null;
}

/**
 * Split an import error's pointer into the file of the bundle and the place
 * inside it: `forms/lot.json#/fields/0/type` → `forms/lot.json` and
 * `/fields/0/type`; `app.json` → the file alone; `/` (the whole upload) → neither.
 */
export function splitBundlePointer(pointer: string): { file: string | null; path: string | null } {
  const hash = pointer.indexOf("#");
  const file = hash === -1 ? pointer : pointer.slice(0, hash);
  const path = hash === -1 ? "" : pointer.slice(hash + 1);
  const isFile = file !== "" && file !== "/" && !file.startsWith("/");
  return {
    file: isFile ? file : null,
    path: isFile ? (path === "" || path === "/" ? null : path) : file.length > 1 ? file : null,
  };
}

export interface ImportedForm {
  key: string;
  version: number;
  changed: boolean;
}

/** What `POST /apps/import` did. */
export interface ImportResult {
  app: string;
  /** A new app (rather than an update of one with the same key). */
  created: boolean;
  forms: ImportedForm[];
  /** Records loaded from the bundle's seed files. */
  seeded: number;
}

export function parseImportResult(data: unknown): ImportResult {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new InvalidResponseError("import: expected an object");
  }
  const record = data as Record<string, unknown>;
  if (typeof record.app !== "string" || record.app === "") {
    throw new InvalidResponseError("import: app must be a string");
  }
  const forms: ImportedForm[] = [];
  for (const item of Array.isArray(record.forms) ? (record.forms as unknown[]) : []) {
    if (typeof item !== "object" || item === null) continue;
    const form = item as Record<string, unknown>;
    if (typeof form.key !== "string") continue;
    forms.push({
      key: form.key,
      version: typeof form.version === "number" ? form.version : 0,
      changed: Array.isArray(form.changes) && form.changes.length > 0,
    });
  }
  let seeded = 0;
  if (typeof record.seeded === "object" && record.seeded !== null) {
    for (const count of Object.values(record.seeded as Record<string, unknown>)) {
      if (typeof count === "number") seeded += count;
    }
  }
  return { app: record.app, created: record.created === true, forms, seeded };
}
