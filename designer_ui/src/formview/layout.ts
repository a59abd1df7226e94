/** Sections: which fields go under which heading, in how many columns. */
import type { LocalizedText } from "../labels.ts";
import type { FormDefinition } from "../fields.ts";

export interface FieldGroup {
  /** `null` for the fields in no section (shown first, without a heading). */
  id: string | null;
  label: LocalizedText | null;
  columns: 1 | 2 | 3;
  fieldIds: string[];
}

function columns(value: number): 1 | 2 | 3 {
  return value >= 3 ? 3 : value === 2 ? 2 : 1;
}

/**
 * The groups a form is shown in: first the fields in no section (in `fields`
 * order), then each section with its fields in the section's order. Unknown
 * ids and repeats are skipped; empty groups are left out.
 */
export function layoutGroups(definition: FormDefinition): FieldGroup[] {
  const known = new Set(definition.fields.map((field) => field.id));
  const placed = new Set<string>();
  const sections: FieldGroup[] = [];
  for (const section of definition.sections ?? []) {
    const fieldIds: string[] = [];
    for (const id of section.fields) {
      if (!known.has(id) || placed.has(id)) continue;
      placed.add(id);
      fieldIds.push(id);
    }
    sections.push({ id: section.id, label: section.label, columns: columns(section.columns), fieldIds });
  }
  const loose = definition.fields.map((field) => field.id).filter((id) => !placed.has(id));
  const groups: FieldGroup[] = [{ id: null, label: null, columns: 1, fieldIds: loose }, ...sections];
  return groups.filter((group) => group.fieldIds.length > 0);
}

/** Field types that take a whole row of a multi-column section. */
const WIDE_TYPES: ReadonlySet<string> = new Set([
  "long_text",
  "sub_table",
  "attachment",
  "image",
  "signature",
  "geolocation",
  "multi_select",
]);

export function isWide(type: string): boolean {
  return WIDE_TYPES.has(type);
}
