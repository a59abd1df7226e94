/** A read-only rendering of the form as operators will see it: sections, columns, labels, required marks, inputs. */
import { useId } from "react";
import type { Locale } from "../i18n.ts";
import { resolveLabel } from "../labels.ts";
import { COMPUTED_TYPES, glyphOf, TYPE_GLYPHS } from "./fieldTypes.ts";
import type { DesignerMessages } from "./messages.ts";
import { containerFields, sectionContainer, sectionsOf, type FieldDoc, type FormDoc } from "./model.ts";

export function Preview(props: { doc: FormDoc; locale: Locale; m: DesignerMessages }) {
  const { doc, locale, m } = props;
  const root = containerFields(doc, "root");
  const sections = sectionsOf(doc);
  return (
    <div className="designer-preview" data-testid="preview">
      <p className="designer-pane__hint">{m.previewIntro}</p>
      <div className="designer-preview__sheet">
        <h3 className="designer-preview__title" data-testid="preview-title">
          {resolveLabel(doc.label, locale) || doc.key}
        </h3>
        {doc.fields.length === 0 && <p className="designer-preview__empty">{m.previewEmpty}</p>}
        {root.length > 0 && (
          <div className="designer-preview__grid designer-preview__grid--1">
            {root.map((field) => (
              <PreviewField key={field.id} field={field} doc={doc} locale={locale} m={m} />
            ))}
          </div>
        )}
        {sections.map((section) => {
          const fields = containerFields(doc, sectionContainer(section.id));
          return (
            <section key={section.id} className="designer-preview__section" data-testid="preview-section" data-section-id={section.id}>
              <h4 className="section__title designer-preview__section-title">
                {resolveLabel(section.label ?? null, locale) || m.sectionUntitled}
              </h4>
              <div className={`designer-preview__grid designer-preview__grid--${Math.max(1, Math.min(3, section.columns ?? 1))}`}>
                {fields.map((field) => (
                  <PreviewField key={field.id} field={field} doc={doc} locale={locale} m={m} />
                ))}
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}

function optionLabels(field: FieldDoc, locale: Locale): { key: string; label: string }[] {
  if (!Array.isArray(field.options)) return [];
  return (field.options as unknown[]).flatMap((item) => {
    if (typeof item !== "object" || item === null) return [];
    const record = item as Record<string, unknown>;
    const key = typeof record.key === "string" ? record.key : "";
    const label = typeof record.label === "string" || (typeof record.label === "object" && record.label !== null)
      ? resolveLabel(record.label as Record<string, string>, locale)
      : "";
    return [{ key, label: label || key }];
  });
}

function PreviewField(props: { field: FieldDoc; doc: FormDoc; locale: Locale; m: DesignerMessages }) {
  const { field, locale, m } = props;
  const id = useId();
  const label = resolveLabel(field.label, locale) || field.id;
  const help = resolveLabel((field.description as Record<string, string> | string | null | undefined) ?? null, locale);
  const mark = field.required === true && (
    <span className="field__required" aria-label={m.requiredMark}>
      {" "}
      *
    </span>
  );
  if (field.type === "boolean") {
    return (
      <div className="field designer-preview__field" data-testid="preview-field" data-field-id={field.id}>
        <label className="check designer-preview__check">
          <input type="checkbox" id={id} disabled data-testid="preview-input" data-kind="boolean" />
          <span>
            {label}
            {mark}
          </span>
        </label>
        {help !== "" && <p className="field__hint">{help}</p>}
      </div>
    );
  }
  return (
    <div
      className={field.type === "sub_table" ? "field designer-preview__field designer-preview__field--wide" : "field designer-preview__field"}
      data-testid="preview-field"
      data-field-id={field.id}
    >
      <label className="field__label" htmlFor={id}>
        {label}
        {mark}
      </label>
      <PreviewInput {...props} id={id} />
      {help !== "" && <p className="field__hint">{help}</p>}
    </div>
  );
}

function PreviewInput(props: { field: FieldDoc; doc: FormDoc; locale: Locale; m: DesignerMessages; id: string }) {
  const { field, locale, m, id } = props;
  const common = { id, disabled: true, "data-testid": "preview-input", "data-kind": field.type } as const;
  if (COMPUTED_TYPES.includes(field.type)) {
    return (
      <p className="field__readonly designer-preview__computed" {...common}>
        ƒ {m.computed}
      </p>
    );
  }
  switch (field.type) {
    case "long_text":
      return <textarea className="field__input field__textarea" rows={3} {...common} />;
    case "integer":
    case "decimal":
    case "currency":
    case "percent":
      return (
        <span className="designer-preview__affix">
          <input className="field__input" inputMode={field.type === "integer" ? "numeric" : "decimal"} {...common} />
          {field.type === "currency" && typeof field.currency === "string" && <span>{field.currency}</span>}
          {field.type === "percent" && <span>%</span>}
        </span>
      );
    case "date":
      return <input className="field__input" type="date" {...common} />;
    case "datetime":
      return <input className="field__input" type="datetime-local" {...common} />;
    case "time":
      return <input className="field__input" type="time" {...common} />;
    case "email":
      return <input className="field__input" type="email" {...common} />;
    case "phone":
      return <input className="field__input" type="tel" {...common} />;
    case "url":
      return <input className="field__input" type="url" {...common} />;
    case "single_select":
      return (
        <span className="select designer-select">
          <select {...common} value="">
            <option value="">{m.choose}</option>
            {optionLabels(field, locale).map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </span>
      );
    case "multi_select":
      return (
        <div className="field__group designer-preview__options" id={id} data-testid="preview-input" data-kind={field.type}>
          {optionLabels(field, locale).map((o) => (
            <label key={o.key} className="check">
              <input type="checkbox" disabled />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      );
    case "scan_code":
      return <input className="field__input" placeholder={`${TYPE_GLYPHS.scan_code} ${m.scanPlaceholder}`} {...common} />;
    case "geolocation":
      return (
        <button type="button" className="btn btn--ghost btn--sm" {...common}>
          {TYPE_GLYPHS.geolocation} {m.locate}
        </button>
      );
    case "attachment":
    case "image":
      return (
        <div className="designer-preview__drop" id={id} data-testid="preview-input" data-kind={field.type}>
          {glyphOf(field.type)} {m.addFiles}
        </div>
      );
    case "signature":
      return (
        <div className="designer-preview__drop designer-preview__drop--tall" id={id} data-testid="preview-input" data-kind={field.type}>
          {TYPE_GLYPHS.signature} {m.signHere}
        </div>
      );
    case "user":
    case "department":
      return (
        <span className="select designer-select">
          <select {...common} value="">
            <option value="">{field.type === "user" ? m.pickPerson : m.pickDepartment}</option>
          </select>
        </span>
      );
    case "relation":
      return (
        <span className="select designer-select">
          <select {...common} value="">
            <option value="">{m.pickRecord(typeof field.target === "string" ? field.target : "")}</option>
          </select>
        </span>
      );
    case "sub_table":
      return <PreviewTable {...props} />;
    default:
      return <input className="field__input" {...common} />;
  }
}

function PreviewTable(props: { field: FieldDoc; locale: Locale; m: DesignerMessages; id: string }) {
  const { field, locale, m } = props;
  const columns = field.fields ?? [];
  return (
    <div className="designer-preview__table" id={props.id} data-testid="preview-input" data-kind="sub_table">
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.id} scope="col" data-testid="preview-column" data-field-id={column.id}>
                  {resolveLabel(column.label, locale) || column.id}
                  {column.required === true && <span className="field__required"> *</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <td colSpan={Math.max(1, columns.length)} className="designer-preview__no-rows">
                {m.noRows}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <button type="button" className="btn btn--ghost btn--sm" disabled>
        + {m.addRow}
      </button>
    </div>
  );
}
