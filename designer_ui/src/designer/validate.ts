/**
 * Checks run before saving, so obvious gaps (no label, a sub-table without
 * columns, a formula left empty…) are shown at once, in the same place and
 * shape (`pointer` + `code`) as the server's own errors. The server checks
 * everything again, including what is not checked here (expressions, regexes…).
 */
import { KEY_PATTERN, specsOf } from "./fieldTypes.ts";
import { keyProblem, labelIsEmpty, type FieldDoc, type FieldRef, type FormDoc } from "./model.ts";

export type LocalErrorCode =
  | "label_required"
  | "form_label_required"
  | "no_fields"
  | "no_columns"
  | "no_options"
  | "option_key"
  | "option_duplicate"
  | "option_label"
  | "expression_required"
  | "target_required"
  | "relation_required"
  | "field_required"
  | "source_required"
  | "numbering_pattern"
  | "key_empty"
  | "key_pattern"
  | "key_too_long"
  | "key_reserved"
  | "key_duplicate"
  | "too_small"
  | "too_large"
  | "whole_number"
  | "decimal"
  | "min_above_max"
  | "currency_code"
  | "section_duplicate"
  | "section_key"
  | "rule_expression"
  | "rule_message";

export interface LocalError {
  pointer: string;
  code: LocalErrorCode;
  /** A number the message mentions (a bound). */
  limit?: number;
}

const DECIMAL_PATTERN = /^-?[0-9]+(\.[0-9]+)?$/;

function numberOf(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && DECIMAL_PATTERN.test(value)) return Number(value);
  return null;
}

function checkField(
  doc: FormDoc,
  field: FieldDoc,
  ref: FieldRef,
  where: string,
  out: LocalError[],
): void {
  const add = (prop: string, code: LocalErrorCode, limit?: number) => {
    out.push(limit === undefined ? { pointer: `${where}/${prop}`, code } : { pointer: `${where}/${prop}`, code, limit });
  };
  const key = keyProblem(doc, ref, field.id);
  if (key !== null) add("id", `key_${key}`);
  if (labelIsEmpty(field.label)) add("label", "label_required");
  const props = specsOf(field.type);

  for (const [prop, spec] of Object.entries(props)) {
    const value = field[prop];
    if (value === undefined || value === null) continue;
    const editor = spec.editor;
    if (editor.kind === "int") {
      if (typeof value !== "number" || !Number.isInteger(value)) add(prop, "whole_number");
      else if (editor.min !== null && value < editor.min) add(prop, "too_small", editor.min);
      else if (editor.max !== null && value > editor.max) add(prop, "too_large", editor.max);
    } else if (editor.kind === "decimal" && numberOf(value) === null) {
      add(prop, "decimal");
    } else if (editor.kind === "expression" && typeof value === "string" && value.trim() === "") {
      add(prop, "expression_required");
    }
  }

  const pairs: [string, string][] = [
    ["min", "max"],
    ["min_length", "max_length"],
    ["min_items", "max_items"],
    ["min_rows", "max_rows"],
  ];
  for (const [low, high] of pairs) {
    if (!(low in props) || !(high in props)) continue;
    const a = field[low];
    const b = field[high];
    if (typeof a === "string" && typeof b === "string" && !DECIMAL_PATTERN.test(a)) {
      // Dates and times: ISO text compares in order.
      if (a !== "" && b !== "" && a > b) add(high, "min_above_max");
      continue;
    }
    const x = numberOf(a);
    const y = numberOf(b);
    if (x !== null && y !== null && x > y) add(high, "min_above_max");
  }

  switch (field.type) {
    case "single_select":
    case "multi_select": {
      const options = Array.isArray(field.options) ? (field.options as unknown[]) : [];
      if (options.length === 0) add("options", "no_options");
      const seen = new Set<string>();
      options.forEach((option, index) => {
        const record = (typeof option === "object" && option !== null ? option : {}) as Record<string, unknown>;
        const optionKey = typeof record.key === "string" ? record.key : "";
        if (optionKey.trim() === "") add(`options/${index}/key`, "option_key");
        else if (seen.has(optionKey)) add(`options/${index}/key`, "option_duplicate");
        seen.add(optionKey);
        if (labelIsEmpty(record.label as FieldDoc["label"] | undefined)) add(`options/${index}/label`, "option_label");
      });
      break;
    }
    case "formula":
      if (typeof field.expression !== "string" || field.expression.trim() === "") add("expression", "expression_required");
      break;
    case "relation":
      if (typeof field.target !== "string" || field.target === "") add("target", "target_required");
      break;
    case "lookup":
      if (typeof field.relation !== "string" || field.relation === "") add("relation", "relation_required");
      if (typeof field.field !== "string" || field.field === "") add("field", "field_required");
      break;
    case "rollup":
      if (typeof field.source !== "string" || field.source === "") add("source", "source_required");
      else if (field.aggregate !== undefined && field.aggregate !== "count" && (typeof field.field !== "string" || field.field === ""))
        add("field", "field_required");
      break;
    case "auto_number":
      if (typeof field.pattern !== "string" || !/\{seq:\d+\}/.test(field.pattern)) add("pattern", "numbering_pattern");
      break;
    case "currency":
      if (field.currency !== undefined && (typeof field.currency !== "string" || !/^[A-Z]{3}$/.test(field.currency)))
        add("currency", "currency_code");
      break;
    case "sub_table":
      if ((field.fields ?? []).length === 0) add("fields", "no_columns");
      (field.fields ?? []).forEach((column, index) => {
        checkField(doc, column, { table: field.id, id: column.id }, `${where}/fields/${index}`, out);
      });
      break;
    default:
      break;
  }
}

/** Everything visibly wrong with `doc`, as pointers into it (empty when it looks fine). */
export function validateDocument(doc: FormDoc): LocalError[] {
  const out: LocalError[] = [];
  if (labelIsEmpty(doc.label)) out.push({ pointer: "/label", code: "form_label_required" });
  if (doc.fields.length === 0) out.push({ pointer: "/fields", code: "no_fields" });
  doc.fields.forEach((field, index) => {
    checkField(doc, field, { table: null, id: field.id }, `/fields/${index}`, out);
  });
  const sectionIds = new Set<string>();
  (doc.sections ?? []).forEach((section, index) => {
    if (!KEY_PATTERN.test(section.id)) out.push({ pointer: `/sections/${index}/id`, code: "section_key" });
    else if (sectionIds.has(section.id)) out.push({ pointer: `/sections/${index}/id`, code: "section_duplicate" });
    sectionIds.add(section.id);
  });
  (doc.validations ?? []).forEach((rule, index) => {
    if (rule.expression.trim() === "") out.push({ pointer: `/validations/${index}/expression`, code: "rule_expression" });
    if (labelIsEmpty(rule.message)) out.push({ pointer: `/validations/${index}/message`, code: "rule_message" });
  });
  return out;
}
