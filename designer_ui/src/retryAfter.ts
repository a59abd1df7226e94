/**
 * `Retry-After` (RFC 9110 §10.2.3): either a number of seconds or an
 * HTTP date. Returns whole seconds from `now` (never negative), or `null` when
 * the header is missing or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (text === "") return null;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds : null;
  }
  // Only accept something that looks like an HTTP date ("Sun, 06 Nov 1994
  // 08:49:37 GMT"), not whatever else `Date.parse` happens to understand.
  if (!/^[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}:\d{2}\s+GMT$/.test(text)) {
    return null;
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Seconds to wait, as whole minutes for a person: rounded up, at least 1. */
export function retryAfterMinutes(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 60) return 1;
  return Math.ceil(seconds / 60);
}
