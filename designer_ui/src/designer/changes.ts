/**
 * The server's version diff (`{op, path, before, after}` items, paths naming
 * fields by id) and publish plan (`{op, field, …}` table changes) turned into
 * a short list of things a person can read: "field X added", "field Y: label,
 * required changed", "fields reordered"…
 */
import type { LabelDoc } from "./model.ts";
import { pointerTokens } from "./pointers.ts";

export interface DiffEntry {
  op: string;
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface PlanStep {
  op: string;
  field: string | null;
  from?: string;
  to?: string;
}

export type ChangeItem =
  | { kind: "field_added"; field: string; table: string | null; label: LabelDoc | null; type: string }
  | { kind: "field_removed"; field: string; table: string | null; label: LabelDoc | null; type: string }
  | { kind: "field_changed"; field: string; table: string | null; props: string[] }
  | { kind: "fields_moved"; table: string | null }
  | { kind: "form_changed"; props: string[] }
  | { kind: "layout_changed" }
  | { kind: "rules_changed" };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function labelOf(value: unknown): LabelDoc | null {
  if (!isRecord(value)) return null;
  const label = value.label;
  if (typeof label === "string") return label;
  if (isRecord(label)) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(label)) if (typeof v === "string") out[k] = v;
    return out;
  }
  return null;
}

function typeOf(value: unknown): string {
  return isRecord(value) && typeof value.type === "string" ? value.type : "";
}

export function parseDiffEntries(value: unknown): DiffEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((item) =>
    typeof item.op === "string" && typeof item.path === "string"
      ? [{ op: item.op, path: item.path, before: item.before, after: item.after }]
      : [],
  );
}

export function parsePlanSteps(value: unknown): PlanStep[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((item) => {
    if (typeof item.op !== "string") return [];
    const step: PlanStep = { op: item.op, field: typeof item.field === "string" ? item.field : null };
    if (typeof item.from === "string") step.from = item.from;
    if (typeof item.to === "string") step.to = item.to;
    return [step];
  });
}

/** Read a diff as a list of changes, one item per field (its changed properties merged). */
export function describeDiff(entries: readonly DiffEntry[]): ChangeItem[] {
  const items: ChangeItem[] = [];
  const changed = new Map<string, { kind: "field_changed"; field: string; table: string | null; props: string[] }>();
  const formProps: string[] = [];
  let layout = false;
  let rules = false;

  const fieldChange = (table: string | null, field: string, prop: string) => {
    const key = `${table ?? ""}/${field}`;
    let item = changed.get(key);
    if (item === undefined) {
      item = { kind: "field_changed", field, table, props: [] };
      changed.set(key, item);
      items.push(item);
    }
    if (!item.props.includes(prop)) item.props.push(prop);
  };

  for (const entry of entries) {
    const tokens = pointerTokens(entry.path);
    const [head, id, sub, column, prop] = tokens;
    if (head === "fields") {
      if (id === undefined) {
        if (entry.op === "moved") items.push({ kind: "fields_moved", table: null });
        else formProps.push("fields");
        continue;
      }
      if (sub === "fields" && column !== undefined) {
        if (prop === undefined && (entry.op === "added" || entry.op === "removed")) {
          const value = entry.op === "added" ? entry.after : entry.before;
          items.push({
            kind: entry.op === "added" ? "field_added" : "field_removed",
            field: column,
            table: id,
            label: labelOf(value),
            type: typeOf(value),
          });
        } else {
          fieldChange(id, column, prop ?? "type");
        }
        continue;
      }
      if (sub === "fields" && entry.op === "moved") {
        items.push({ kind: "fields_moved", table: id });
        continue;
      }
      if (sub === undefined && (entry.op === "added" || entry.op === "removed")) {
        const value = entry.op === "added" ? entry.after : entry.before;
        items.push({
          kind: entry.op === "added" ? "field_added" : "field_removed",
          field: id,
          table: null,
          label: labelOf(value),
          type: typeOf(value),
        });
        continue;
      }
      fieldChange(null, id, sub ?? "type");
      continue;
    }
    if (head === "sections") layout = true;
    else if (head === "validations") rules = true;
    else if (head !== undefined && !formProps.includes(head)) formProps.push(head);
  }
  if (formProps.length > 0) items.unshift({ kind: "form_changed", props: formProps });
  if (layout) items.push({ kind: "layout_changed" });
  if (rules) items.push({ kind: "rules_changed" });
  return items;
}

/** The diff of a first publication: every field is new. */
export function firstPublishDiff(fields: readonly { id: string }[]): DiffEntry[] {
  return fields.map((field) => ({ op: "added", path: `/fields/${field.id}`, after: field }));
}
