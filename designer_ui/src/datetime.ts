/** `datetime-local` input values ↔ ISO 8601 timestamps with an explicit offset. */

function pad(n: number, width = 2): string {
  return String(Math.trunc(Math.abs(n))).padStart(width, "0");
}

/** Minutes east of UTC → `+08:00` / `-05:30` / `+00:00`. */
export function formatOffset(minutesEast: number): string {
  const sign = minutesEast < 0 ? "-" : "+";
  const abs = Math.abs(minutesEast);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The browser's offset (minutes east of UTC) at a local wall-clock time. */
export function browserOffset(local: Date): number {
  return -local.getTimezoneOffset();
}

/**
 * `2026-11-21T08:30` (a `datetime-local` value) → `2026-11-21T08:30:00+08:00`,
 * using the offset in force at that moment. `null` for empty or malformed input.
 */
export function localInputToIso(
  value: string,
  offsetAt: (local: Date) => number = browserOffset,
): string | null {
  const match = LOCAL_PATTERN.exec(value.trim());
  if (match === null) return null;
  const [, y, mo, d, h, mi, s = "00"] = match;
  const local = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(local.getTime())) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${formatOffset(offsetAt(local))}`;
}

/** An ISO timestamp → the browser-local `YYYY-MM-DDTHH:mm` a `datetime-local` input shows. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (typeof iso !== "string" || iso === "") return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}
