/**
 * Keys of apps and forms: `^[a-z][a-z0-9_]*$`, as the meta-schemas
 * (`app.schema.json`, `form.schema.json`) require. They appear in URLs and
 * never change once created, so the dialogs check them before asking the server.
 */
export const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
export const APP_KEY_MAX = 24;
export const FORM_KEY_MAX = 40;

export type KeyProblem =
  | { code: "required" }
  /** Does not start with a lowercase letter. */
  | { code: "start" }
  /** Holds a character other than a–z, 0–9 and `_` (the first one is given). */
  | { code: "char"; char: string }
  | { code: "too_long"; max: number }
  | { code: "taken" };

/** What is wrong with `value` as a new key, or `null` when it can be used. */
export function checkKey(value: string, max: number, taken: Iterable<string> = []): KeyProblem | null {
  if (value === "") return { code: "required" };
  const first = value.charAt(0);
  if (!/[a-z]/.test(first)) return { code: "start" };
  const bad = Array.from(value).find((char) => !/[a-z0-9_]/.test(char));
  if (bad !== undefined) return { code: "char", char: bad };
  if (value.length > max) return { code: "too_long", max };
  for (const key of taken) if (key === value) return { code: "taken" };
  return null;
}

/**
 * A key made from a name ("Incoming QC 2" → "incoming_qc_2"), for the dialog
 * to propose while the person has not typed one; `""` when the name has no
 * usable letters (Chinese names, for instance).
 */
export function suggestKey(name: string, max: number): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  const words = ascii.split(/[^a-z0-9]+/).filter((word) => word !== "");
  let key = words.join("_").replace(/^[0-9_]+/, "");
  if (key.length > max) key = key.slice(0, max).replace(/_+$/, "");
  return KEY_PATTERN.test(key) ? key : "";
}
