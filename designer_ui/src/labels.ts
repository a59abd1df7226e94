/**
 * Localised text as the API sends it: a plain string, or a map from locale
 * tag (e.g. "zh-CN", "en") to the text in that language.
 */
export type LocalizedText = string | Readonly<Record<string, string>>;

/** Locales tried, in order, after the requested one. */
const FALLBACK_LOCALES = ["zh-CN", "en"] as const;

function pick(map: Readonly<Record<string, unknown>>, locale: string): string | undefined {
  const value = map[locale];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Resolve `label` for `locale`.
 *
 * - `null` / `undefined` → `""`
 * - a string → that string
 * - a locale map → the requested locale, then zh-CN, then en, then the first
 *   non-empty entry in the map's own order; `""` if it has none.
 */
export function resolveLabel(label: LocalizedText | null | undefined, locale: string): string {
  if (label === null || label === undefined) return "";
  if (typeof label === "string") return label;
  for (const candidate of [locale, ...FALLBACK_LOCALES]) {
    const hit = pick(label, candidate);
    if (hit !== undefined) return hit;
  }
  for (const value of Object.values(label as Readonly<Record<string, unknown>>)) {
    if (typeof value === "string" && value !== "") return value;
  }
  return "";
}

/**
 * Coerce an untrusted JSON value into `LocalizedText | null`: strings pass,
 * objects keep only their string entries, anything else becomes `null`.
 */
export function toLocalizedText(value: unknown): LocalizedText | null {
  if (typeof value === "string") return value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(value as Record<string, unknown>)) {
    if (typeof text === "string") out[key] = text;
  }
  return out;
}
