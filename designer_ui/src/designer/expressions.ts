/**
 * Helpers for the formula and condition editors: the functions of the
 * expression language (mirrors `engine/expressions/functions`), inserting a
 * snippet at the cursor, and renaming a field inside an expression.
 */

export type FunctionCategory = "logic" | "math" | "text" | "date" | "list";

export interface FunctionInfo {
  name: string;
  signature: string;
  category: FunctionCategory;
}

const fn = (category: FunctionCategory, signature: string): FunctionInfo => ({
  name: signature.slice(0, signature.indexOf("(")),
  signature,
  category,
});

/** Every function expressions may call (the engine's allow-list), grouped for the picker. */
export const FUNCTIONS: readonly FunctionInfo[] = [
  fn("logic", "IF(condition, then, else?)"),
  fn("logic", "IFS(condition1, value1, condition2, value2, ..., default?)"),
  fn("logic", "AND(condition, ...)"),
  fn("logic", "OR(condition, ...)"),
  fn("logic", "NOT(condition)"),
  fn("logic", "COALESCE(value, ...)"),
  fn("logic", "ISBLANK(value)"),
  fn("math", "ROUND(number, digits?)"),
  fn("math", "ROUNDUP(number, digits?)"),
  fn("math", "ROUNDDOWN(number, digits?)"),
  fn("math", "ABS(number)"),
  fn("math", "MIN(value, ...)"),
  fn("math", "MAX(value, ...)"),
  fn("math", "SUM(number, ...)"),
  fn("math", "AVG(number, ...)"),
  fn("math", "INT(number)"),
  fn("math", "MOD(number, divisor)"),
  fn("math", "POWER(number, power)"),
  fn("text", "LEN(text)"),
  fn("text", "UPPER(text)"),
  fn("text", "LOWER(text)"),
  fn("text", "TRIM(text)"),
  fn("text", "CONCAT(value, ...)"),
  fn("text", "LEFT(text, count)"),
  fn("text", "RIGHT(text, count)"),
  fn("text", "MID(text, start, count)"),
  fn("text", "REPLACE(text, old, new)"),
  fn("text", "CONTAINS(text, part)"),
  fn("text", "STARTSWITH(text, part)"),
  fn("text", "ENDSWITH(text, part)"),
  fn("text", "TEXT(value, format?)"),
  fn("text", "NUMBER(text)"),
  fn("text", "LPAD(value, length, fill?)"),
  fn("date", "TODAY()"),
  fn("date", "NOW()"),
  fn("date", "DATE(year, month, day)"),
  fn("date", "YEAR(date)"),
  fn("date", "MONTH(date)"),
  fn("date", "DAY(date)"),
  fn("date", "WEEKDAY(date)"),
  fn("date", "ADD_DAYS(date, days)"),
  fn("date", "ADD_MONTHS(date, months)"),
  fn("date", "DAYS_BETWEEN(start, end)"),
  fn("date", "HOURS_BETWEEN(start, end)"),
  fn("date", "DATE_OF(date_and_time)"),
  fn("list", "COUNT(list)"),
  fn("list", "INCLUDES(list, value)"),
];

export const FUNCTION_CATEGORIES: readonly FunctionCategory[] = ["logic", "math", "text", "date", "list"];

export interface Edit {
  text: string;
  /** Where the cursor goes after the edit. */
  cursor: number;
}

/**
 * Replace `text[start, end)` with `snippet`. For a function snippet ending in
 * `()`, the cursor lands between the parentheses.
 */
export function insertSnippet(text: string, start: number, end: number, snippet: string): Edit {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  const before = text.slice(0, from);
  const after = text.slice(to);
  // Keep words apart: "qty" after "price*" is fine, after "price" needs a blank.
  const pad = before !== "" && /\w$/.test(before) && /^\w/.test(snippet) ? " " : "";
  const next = `${before}${pad}${snippet}${after}`;
  const inside = snippet.endsWith("()") ? snippet.length - 1 : snippet.length;
  return { text: next, cursor: before.length + pad.length + inside };
}

/** The call a function picker inserts: `ROUND()` (the cursor then goes inside). */
export function functionSnippet(info: FunctionInfo): string {
  return `${info.name}()`;
}

function previousNonBlank(text: string, index: number): string {
  for (let i = index - 1; i >= 0; i -= 1) {
    const ch = text.charAt(i);
    if (ch.trim() !== "") return ch;
  }
  return "";
}

function nextNonBlank(text: string, index: number): string {
  for (let i = index; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (ch.trim() !== "") return ch;
  }
  return "";
}

/**
 * Scan an expression: call `onName` for every bare name (not in a string, not
 * a function being called, not after a dot) and keep everything else as is.
 */
function mapNames(source: string, onName: (name: string) => string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < source.length && source.charAt(j) !== ch) j += source.charAt(j) === "\\" ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      let j = i;
      while (j < source.length && /[\w.]/.test(source.charAt(j))) j += 1;
      out += source.slice(i, j);
      i = j;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      let j = i;
      while (j < source.length && /\w/.test(source.charAt(j))) j += 1;
      const word = source.slice(i, j);
      const called = nextNonBlank(source, j) === "(";
      const member = previousNonBlank(source, i) === ".";
      out += called || member ? word : onName(word);
      i = j;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** `source` with the field name `from` replaced by `to` (strings and function names untouched). */
export function renameIdentifier(source: string, from: string, to: string): string {
  if (from === to || !source.includes(from)) return source;
  return mapNames(source, (name) => (name === from ? to : name));
}

const KEYWORDS = new Set(["and", "or", "not", "in", "is", "True", "False", "None", "true", "false", "null"]);

/** The field names an expression reads (words that are neither functions nor keywords). */
export function namesIn(source: string): string[] {
  const names: string[] = [];
  mapNames(source, (name) => {
    if (!KEYWORDS.has(name) && !names.includes(name)) names.push(name);
    return name;
  });
  return names;
}
