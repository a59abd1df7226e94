/** The "New app" dialog's data: what the person typed, the `POST /apps` body, and where errors go. */
import type { Locale } from "../i18n.ts";
import type { ProblemError } from "../problem.ts";
import { APP_KEY_MAX, checkKey, type KeyProblem } from "./keys.ts";

export interface AppDraft {
  key: string;
  nameZh: string;
  nameEn: string;
  description: string;
}

export type AppDraftField = "key" | "name" | "description";

export interface AppDraftProblems {
  key: KeyProblem | null;
  /** Neither name given. */
  nameMissing: boolean;
}

export const EMPTY_APP_DRAFT: AppDraft = { key: "", nameZh: "", nameEn: "", description: "" };

/** Checks made before sending: a valid, unused key and at least one name. */
export function checkAppDraft(draft: AppDraft, takenKeys: Iterable<string>): AppDraftProblems {
  return {
    key: checkKey(draft.key.trim(), APP_KEY_MAX, takenKeys),
    nameMissing: draft.nameZh.trim() === "" && draft.nameEn.trim() === "",
  };
}

export function isDraftValid(problems: AppDraftProblems): boolean {
  return problems.key === null && !problems.nameMissing;
}

/**
 * The app definition (`app.schema.json`) for `draft`: blank names are left
 * out (a label map needs non-empty texts), the description is stored in the
 * language the person wrote it in, and that language becomes the app's default.
 */
export function buildAppDocument(draft: AppDraft, locale: Locale): Record<string, unknown> {
  const label: Record<string, string> = {};
  const zh = draft.nameZh.trim();
  const en = draft.nameEn.trim();
  if (zh !== "") label["zh-CN"] = zh;
  if (en !== "") label.en = en;
  const document: Record<string, unknown> = {
    schema_version: 1,
    key: draft.key.trim(),
    label,
    default_locale: locale,
  };
  const description = draft.description.trim();
  if (description !== "") document.description = { [locale]: description };
  return document;
}

/** Which input a server error (`/key`, `/label/en`, `/description`, …) belongs to. */
export function fieldOfPointer(pointer: string): AppDraftField | null {
  const top = pointer.split("/")[1] ?? "";
  if (top === "key") return "key";
  if (top === "label") return "name";
  if (top === "description") return "description";
  return null;
}

/** Server errors grouped by input; the ones that fit no input go under `other`. */
export function groupServerErrors(
  errors: readonly ProblemError[],
): Partial<Record<AppDraftField | "other", string[]>> {
  const out: Partial<Record<AppDraftField | "other", string[]>> = {};
  for (const error of errors) {
    const field = fieldOfPointer(error.pointer) ?? "other";
    (out[field] ??= []).push(error.message);
  }
  return out;
}
