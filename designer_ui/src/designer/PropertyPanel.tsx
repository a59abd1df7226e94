/** The property panel: the selected field's properties (exactly those its type allows), a section's, or the form's. */
import { useId, useState, type ReactNode } from "react";
import { isoToLocalInput, localInputToIso } from "../datetime.ts";
import { LOCALES, type Locale } from "../i18n.ts";
import { resolveLabel } from "../labels.ts";
import {
  Check,
  ExpressionEditor,
  formatNumber,
  LabelEditor,
  ParsedInput,
  parseDecimal,
  parseInteger,
  PropRow,
  Segmented,
  Select,
  TextInput,
  type Choice,
  type FieldChoice,
} from "./editors.tsx";
import {
  specsOf,
  NUMERIC_TYPES,
  PROP_GROUP_ORDER,
  REQUIRED_PROPS,
  SCAN_PART_NAMES,
  SCAN_PARTS,
  TYPE_GLYPHS,
  glyphOf,
  type FieldType,
  type PropEditor,
} from "./fieldTypes.ts";
import { typeName, type DesignerMessages } from "./messages.ts";
import {
  findField,
  keyProblem,
  labelPart,
  sectionKeyProblem,
  sectionOf,
  sectionsOf,
  setLabelPart,
  type FieldDoc,
  type FieldRef,
  type FormDoc,
  type LabelDoc,
  type SectionDoc,
  type Selection,
  type ValidationDoc,
} from "./model.ts";
import { generalErrors, type ErrorIndex, type PlacedError } from "./pointers.ts";
import { useAppForms, type AppForm, type AppFormsState } from "./useAppForms.ts";

export interface PanelActions {
  setFieldProp: (ref: FieldRef, prop: string, value: unknown) => void;
  renameField: (ref: FieldRef, id: string) => void;
  moveToSection: (ref: FieldRef, section: string | null) => void;
  duplicate: (ref: FieldRef) => void;
  remove: (ref: FieldRef) => void;
  moveBy: (ref: FieldRef, delta: number) => void;
  select: (selection: Selection) => void;
  setForm: (change: (doc: FormDoc) => FormDoc, clear?: string) => void;
  updateSection: (id: string, change: Partial<Pick<SectionDoc, "id" | "label" | "columns">>) => void;
  removeSection: (id: string) => void;
}

interface PanelProps {
  app: string;
  doc: FormDoc;
  selection: Selection;
  errors: ErrorIndex;
  locale: Locale;
  m: DesignerMessages;
  actions: PanelActions;
}

export function PropertyPanel(props: PanelProps) {
  const { doc, selection, m } = props;
  let body: ReactNode;
  if (selection.kind === "field") {
    const field = findField(doc, selection.ref);
    body = field === undefined ? <FormPanel {...props} /> : <FieldPanel {...props} fieldRef={selection.ref} field={field} />;
  } else if (selection.kind === "section") {
    const section = sectionsOf(doc).find((s) => s.id === selection.id);
    body = section === undefined ? <FormPanel {...props} /> : <SectionPanel {...props} section={section} />;
  } else {
    body = <FormPanel {...props} />;
  }
  return (
    <div className="designer-panel" data-testid="property-panel">
      <h2 className="visually-hidden">{m.propertiesTitle}</h2>
      {body}
    </div>
  );
}

function messagesFor(errors: readonly PlacedError[], prop: string): string[] {
  return errors.filter((e) => e.prop === prop).map((e) => e.message);
}

function labelOrId(label: LabelDoc | null | undefined, id: string, locale: Locale): string {
  return resolveLabel(label ?? null, locale) || id;
}

function fieldChoices(fields: readonly FieldDoc[], locale: Locale, keep: (f: FieldDoc) => boolean = () => true): FieldChoice[] {
  return fields.filter(keep).map((f) => ({ id: f.id, label: labelOrId(f.label, f.id, locale) }));
}

function asChoices(list: readonly FieldChoice[]): Choice[] {
  return list.map((f) => ({ value: f.id, label: f.label === f.id ? f.id : `${f.label} (${f.id})` }));
}

// ---------------------------------------------------------------------------
// Field

function FieldPanel(props: PanelProps & { fieldRef: FieldRef; field: FieldDoc }) {
  const { doc, field, fieldRef, locale, m, actions, errors } = props;
  const type = field.type;
  const specs = specsOf(type);
  const fieldErrors = errors.fields[fieldRef.table === null ? fieldRef.id : `${fieldRef.table}/${fieldRef.id}`] ?? [];
  const shown = [...Object.keys(specs), ...(fieldRef.table === null ? ["section"] : [])];
  const general = generalErrors(fieldErrors, shown);
  const table = fieldRef.table === null ? undefined : doc.fields.find((f) => f.id === fieldRef.table);
  const needsForms = ["relation", "lookup", "rollup"].includes(type);
  const forms = useAppForms(props.app, needsForms);

  const groups = PROP_GROUP_ORDER.map((group) => ({
    group,
    entries: Object.entries(specs).filter(([, spec]) => spec.group === group),
  })).filter((g) => g.entries.length > 0 || (g.group === "basics" && fieldRef.table === null));

  return (
    <div className="designer-panel__body" data-testid="field-panel" data-field-id={field.id} data-field-type={type}>
      <header className="designer-panel__head">
        <span className="designer-glyph" aria-hidden="true">
          {glyphOf(type)}
        </span>
        <div className="designer-panel__heading">
          <h3 className="designer-panel__title">{labelOrId(field.label, field.id, locale)}</h3>
          <p className="designer-panel__sub">
            {m.fieldProperties(typeName(m, type))}
            {table !== undefined && <> · {m.columnOf(labelOrId(table.label, table.id, locale))}</>}
          </p>
        </div>
      </header>
      <div className="designer-panel__actions">
        <button type="button" className="btn btn--ghost btn--sm" data-testid="panel-move-up" onClick={() => { actions.moveBy(fieldRef, -1); }}>
          ↑ {m.moveUp}
        </button>
        <button type="button" className="btn btn--ghost btn--sm" data-testid="panel-move-down" onClick={() => { actions.moveBy(fieldRef, 1); }}>
          ↓ {m.moveDown}
        </button>
        <button type="button" className="btn btn--ghost btn--sm" data-testid="panel-duplicate" onClick={() => { actions.duplicate(fieldRef); }}>
          {m.duplicate}
        </button>
        <button type="button" className="btn btn--ghost btn--sm designer-danger" data-testid="panel-delete" onClick={() => { actions.remove(fieldRef); }}>
          {m.remove}
        </button>
      </div>
      {general.length > 0 && (
        <ul className="designer-panel__errors" role="alert" data-testid="field-general-errors">
          {general.map((error, index) => (
            <li key={index}>
              {error.prop !== null && error.prop !== "" && <strong>{m.propNames[error.prop] ?? error.prop}: </strong>}
              {error.message}
            </li>
          ))}
        </ul>
      )}
      {groups.map(({ group, entries }) => (
        <fieldset key={group} className="designer-group" data-group={group}>
          <legend className="designer-group__title">{m.groupTitles[group]}</legend>
          {entries.map(([prop, spec]) => (
            <FieldProp
              key={prop}
              {...props}
              forms={forms}
              prop={prop}
              editor={spec.editor}
              propErrors={messagesFor(fieldErrors, prop)}
              allErrors={fieldErrors}
            />
          ))}
          {group === "basics" && fieldRef.table === null && sectionsOf(doc).length > 0 && (
            <PropRow label={m.propNames.section ?? "section"} prop="section" errors={messagesFor(fieldErrors, "section")}>
              <Select
                value={sectionOf(doc, field.id)?.id ?? ""}
                empty={m.noSection}
                choices={sectionsOf(doc).map((s) => ({ value: s.id, label: labelOrId(s.label, m.sectionUntitled, locale) }))}
                testId="prop-section"
                onChange={(value) => {
                  actions.moveToSection(fieldRef, value === "" ? null : value);
                }}
              />
            </PropRow>
          )}
        </fieldset>
      ))}
    </div>
  );
}

/** Groups whose properties are edited by their own widget (no repeated row label). */
const SELF_LABELLED: readonly PropEditor["kind"][] = ["label", "description", "bool", "options", "fill", "columns"];

function FieldProp(
  props: PanelProps & {
    fieldRef: FieldRef;
    field: FieldDoc;
    forms: AppFormsState;
    prop: string;
    editor: PropEditor;
    propErrors: string[];
    allErrors: readonly PlacedError[];
  },
) {
  const { doc, field, fieldRef, prop, editor, propErrors: errors, m, locale, actions, forms } = props;
  const id = useId();
  const name = m.propNames[prop] ?? prop;
  const value = field[prop];
  const set = (next: unknown) => {
    actions.setFieldProp(fieldRef, prop, next);
  };
  const invalid = errors.length > 0;
  const testId = `prop-${prop}`;
  const required = (REQUIRED_PROPS[field.type] ?? []).includes(prop);
  const siblings = fieldRef.table === null ? doc.fields : (doc.fields.find((f) => f.id === fieldRef.table)?.fields ?? []);
  const others = siblings.filter((f) => f.id !== field.id);
  // A choice among strings; choosing nothing removes the property.
  const choose = (choices: readonly { value: string; label: string }[], empty: string, disabled = false) => (
    <Select
      id={id}
      value={typeof value === "string" ? value : ""}
      empty={empty}
      disabled={disabled}
      choices={choices}
      testId={testId}
      invalid={invalid}
      onChange={(next) => {
        set(next === "" ? undefined : next);
      }}
    />
  );

  // A field of another form (a relation's display field, a lookup's field).
  const fieldOf = (target: AppForm | null) =>
    choose(
      target === null ? [] : asChoices(fieldChoices(target.fields, locale, (f) => f.type !== "sub_table")),
      target === null ? m.pickFirst : m.notSet,
      target === null,
    );

  let control: ReactNode = null;
  switch (editor.kind) {
    case "key":
      return <KeyEditor {...props} id={id} />;
    case "type":
      control = (
        <p className="designer-static" id={id} data-testid="prop-type">
          {glyphOf(field.type)} {typeName(m, field.type)}
        </p>
      );
      break;
    case "label":
      return (
        <LabelEditor
          prop="label"
          value={field.label}
          caption={(l) => `${name} (${m.localeNames[l]})`}
          testId="prop-label"
          errors={errors}
          onChange={(next) => {
            set(next);
          }}
        />
      );
    case "description":
      return (
        <LabelEditor
          prop="description"
          value={value as LabelDoc | null | undefined}
          caption={(l) => `${name} (${m.localeNames[l]})`}
          testId="prop-description"
          errors={errors}
          onChange={(next) => {
            set(next === "" ? undefined : next);
          }}
        />
      );
    case "bool":
      return (
        <div className="designer-prop" data-prop={prop}>
          <Check
            checked={value === true}
            label={name}
            testId={testId}
            onChange={(checked) => {
              set(checked ? true : undefined);
            }}
          />
          {m.propHints[prop] !== undefined && <p className="designer-prop__hint">{m.propHints[prop]}</p>}
          {errors.map((message, index) => (
            <p key={index} className="designer-prop__error" role="alert" data-testid={`prop-error-${prop}`}>
              {message}
            </p>
          ))}
        </div>
      );
    case "int":
      control = (
        <ParsedInput
          id={id}
          value={typeof value === "number" ? value : undefined}
          format={formatNumber}
          parse={parseInteger}
          inputMode="numeric"
          invalid={invalid}
          testId={testId}
          onChange={set}
        />
      );
      break;
    case "decimal":
      control = (
        <ParsedInput
          id={id}
          value={typeof value === "number" || typeof value === "string" ? value : undefined}
          format={formatNumber}
          parse={parseDecimal}
          inputMode="decimal"
          invalid={invalid}
          testId={testId}
          onChange={set}
        />
      );
      break;
    case "date":
    case "time":
      control = (
        <input
          id={id}
          className="designer-input"
          type={editor.kind}
          step={editor.kind === "time" ? 1 : undefined}
          value={typeof value === "string" ? value : ""}
          aria-invalid={invalid ? true : undefined}
          data-testid={testId}
          onChange={(event) => {
            set(event.target.value === "" ? undefined : event.target.value);
          }}
        />
      );
      break;
    case "datetime":
      control = (
        <input
          id={id}
          className="designer-input"
          type="datetime-local"
          value={isoToLocalInput(typeof value === "string" ? value : null)}
          aria-invalid={invalid ? true : undefined}
          data-testid={testId}
          onChange={(event) => {
            set(localInputToIso(event.target.value) ?? undefined);
          }}
        />
      );
      break;
    case "text":
    case "default_text":
    case "regex":
      control = (
        <TextInput
          id={id}
          value={typeof value === "string" ? value : ""}
          mono={editor.kind === "regex"}
          invalid={invalid}
          placeholder={editor.kind === "regex" ? m.propHints.pattern : undefined}
          testId={testId}
          onChange={(text) => {
            set(text === "" ? undefined : text);
          }}
        />
      );
      break;
    case "currency_code":
      control = (
        <TextInput
          id={id}
          value={typeof value === "string" ? value : ""}
          maxLength={3}
          placeholder="CNY"
          invalid={invalid}
          testId={testId}
          onChange={(text) => {
            set(text === "" ? undefined : text.toUpperCase());
          }}
        />
      );
      break;
    case "mime_list":
      control = (
        <TextInput
          id={id}
          value={Array.isArray(value) ? (value as unknown[]).join(", ") : ""}
          invalid={invalid}
          placeholder="image/*, application/pdf"
          testId={testId}
          onChange={(text) => {
            const list = text.split(",").map((part) => part.trim()).filter((part) => part !== "");
            set(list.length === 0 ? undefined : list);
          }}
        />
      );
      break;
    case "numbering":
      control = <NumberingEditor id={id} value={typeof value === "string" ? value : ""} invalid={invalid} onChange={set} />;
      break;
    case "enum": {
      const names =
        prop === "trace_role"
          ? m.traceRoles
          : prop === "result"
            ? m.formulaResults
            : prop === "aggregate"
              ? m.aggregates
              : m.scanAccept;
      control = choose(editor.values.map((v) => ({ value: v, label: names[v] ?? v })), m.notSet);
      break;
    }
    case "expression": {
      const isFormula = prop === "expression";
      control = (
        <ExpressionEditor
          id={id}
          m={m}
          value={typeof value === "string" ? value : ""}
          fields={fieldChoices(isFormula ? others : siblings, locale)}
          placeholder={isFormula ? m.expressionPlaceholder : m.conditionPlaceholder}
          invalid={invalid}
          testId={testId}
          onChange={(text) => {
            set(text === "" && !isFormula ? undefined : text);
          }}
        />
      );
      break;
    }
    case "default_bool":
      control = (
        <Select
          id={id}
          value={value === true ? "true" : value === false ? "false" : ""}
          empty={m.notSet}
          choices={[
            { value: "true", label: m.yes },
            { value: "false", label: m.no },
          ]}
          testId={testId}
          invalid={invalid}
          onChange={(next) => {
            set(next === "" ? undefined : next === "true");
          }}
        />
      );
      break;
    case "default_select":
      control = choose(optionsOf(field).map((o) => ({ value: o.key, label: labelOrId(o.label, o.key, locale) })), m.notSet);
      break;
    case "default_multi": {
      const chosen = Array.isArray(value) ? (value as unknown[]).filter((v): v is string => typeof v === "string") : [];
      control = (
        <div className="designer-checks" data-testid={testId}>
          {optionsOf(field).map((o) => (
            <Check
              key={o.key}
              checked={chosen.includes(o.key)}
              label={labelOrId(o.label, o.key, locale)}
              testId={`${testId}-${o.key}`}
              onChange={(on) => {
                const next = on ? [...chosen, o.key] : chosen.filter((k) => k !== o.key);
                set(next.length === 0 ? undefined : next);
              }}
            />
          ))}
        </div>
      );
      break;
    }
    case "options":
      return <OptionsEditor {...props} errorsAll={props.allErrors} />;
    case "fill":
      return <FillEditor {...props} errorsAll={props.allErrors} />;
    case "columns":
      return <ColumnsList {...props} />;
    case "target_form":
      control = (
        <FormsSelect id={id} forms={forms} m={m} locale={locale} value={typeof value === "string" ? value : ""} invalid={invalid} testId={testId} onChange={(next) => { set(next); }} />
      );
      break;
    case "target_field":
      control = fieldOf(targetForm(forms, field.target));
      break;
    case "relation_ref": {
      const relations = fieldChoices(doc.fields, locale, (f) => f.type === "relation" && f.multiple !== true);
      control = choose(asChoices(relations), relations.length === 0 ? m.noRelations : m.notSet);
      break;
    }
    case "lookup_field": {
      const relation = doc.fields.find((f) => f.id === field.relation);
      control = fieldOf(relation === undefined ? null : targetForm(forms, relation.target));
      break;
    }
    case "rollup_source": {
      const sources = fieldChoices(
        doc.fields,
        locale,
        (f) => f.type === "sub_table" || (f.type === "relation" && f.multiple === true),
      );
      control = choose(asChoices(sources), sources.length === 0 ? m.noSources : m.notSet);
      break;
    }
    case "rollup_field": {
      const source = doc.fields.find((f) => f.id === field.source);
      const numbers = (f: FieldDoc) => NUMERIC_TYPES.includes(f.type);
      const candidates =
        source === undefined
          ? null
          : source.type === "sub_table"
            ? fieldChoices(source.fields ?? [], locale, numbers)
            : (() => {
                const target = targetForm(forms, source.target);
                return target === null ? null : fieldChoices(target.fields, locale, numbers);
              })();
      control = choose(asChoices(candidates ?? []), candidates === null ? m.pickFirst : candidates.length === 0 ? m.noNumbers : m.notSet, candidates === null);
      break;
    }
    case "sibling_number": {
      const numbers = fieldChoices(others, locale, (f) => NUMERIC_TYPES.includes(f.type));
      control = choose(asChoices(numbers), numbers.length === 0 ? m.noNumbers : m.notSet);
      break;
    }
  }
  if (SELF_LABELLED.includes(editor.kind)) return control;
  return (
    <PropRow label={required ? `${name} *` : name} prop={prop} hint={m.propHints[prop]} errors={errors} htmlFor={id}>
      {control}
    </PropRow>
  );
}

function targetForm(forms: AppFormsState, key: unknown): AppForm | null {
  if (forms.status !== "ok" || typeof key !== "string" || key === "") return null;
  return forms.forms.find((f) => f.key === key) ?? null;
}

function FormsSelect(props: {
  id: string;
  forms: AppFormsState;
  m: DesignerMessages;
  locale: Locale;
  value: string;
  invalid: boolean;
  testId: string;
  onChange: (value: string) => void;
}) {
  const { forms, m } = props;
  if (forms.status === "loading") return <p className="designer-static">{m.loadingForms}</p>;
  if (forms.status === "error") {
    return (
      <TextInput id={props.id} value={props.value} testId={props.testId} invalid={props.invalid} mono placeholder={m.formsLoadError} onChange={props.onChange} />
    );
  }
  return (
    <Select
      id={props.id}
      value={props.value}
      empty={m.notSet}
      choices={forms.forms.map((f) => ({ value: f.key, label: `${labelOrId(f.label, f.key, props.locale)} (${f.key})` }))}
      testId={props.testId}
      invalid={props.invalid}
      onChange={props.onChange}
    />
  );
}

/** A field's key: typed freely, applied (with every reference renamed) only when allowed. */
function KeyEditor(props: PanelProps & { fieldRef: FieldRef; field: FieldDoc; propErrors: string[]; id: string }) {
  const { doc, fieldRef, field, m, actions, propErrors: errors } = props;
  const [draft, setDraft] = useState(field.id);
  const problem = draft === field.id ? null : keyProblem(doc, fieldRef, draft);
  const messages = [...(problem === null ? [] : [m.keyProblems[problem]]), ...errors];
  return (
    <PropRow label={m.propNames.id ?? "id"} prop="id" hint={m.propHints.id} errors={messages} htmlFor={props.id}>
      <TextInput
        id={props.id}
        value={draft}
        mono
        maxLength={60}
        invalid={messages.length > 0}
        testId="prop-id"
        onChange={(text) => {
          setDraft(text);
          if (text !== field.id && keyProblem(doc, fieldRef, text) === null) actions.renameField(fieldRef, text);
        }}
        onBlur={() => {
          if (keyProblem(doc, fieldRef, draft) !== null) setDraft(field.id);
        }}
      />
    </PropRow>
  );
}

const NUMBERING_TOKENS = ["{seq:4}", "{yyyy}", "{yy}", "{MM}", "{dd}", "{yyyyMMdd}"] as const;

function NumberingEditor(props: { id: string; value: string; invalid: boolean; onChange: (value: string | undefined) => void }) {
  return (
    <div className="designer-numbering">
      <TextInput id={props.id} value={props.value} mono invalid={props.invalid} testId="prop-pattern" onChange={(text) => { props.onChange(text); }} />
      <div className="designer-chips">
        {NUMBERING_TOKENS.map((token) => (
          <button
            key={token}
            type="button"
            className="chip designer-chip-button"
            onClick={() => {
              props.onChange(`${props.value}${token}`);
            }}
          >
            {token}
          </button>
        ))}
      </div>
    </div>
  );
}

interface OptionDoc {
  key: string;
  label: LabelDoc;
  color?: string | null;
}

function optionsOf(field: FieldDoc): OptionDoc[] {
  if (!Array.isArray(field.options)) return [];
  return (field.options as unknown[]).flatMap((item) => {
    if (typeof item !== "object" || item === null) return [];
    const record = item as Record<string, unknown>;
    const option: OptionDoc = {
      key: typeof record.key === "string" ? record.key : "",
      label: typeof record.label === "string" || (typeof record.label === "object" && record.label !== null) ? (record.label as LabelDoc) : "",
    };
    if (typeof record.color === "string") option.color = record.color;
    return [option];
  });
}

function OptionsEditor(props: PanelProps & { fieldRef: FieldRef; field: FieldDoc; propErrors: string[]; errorsAll: readonly PlacedError[] }) {
  const { field, fieldRef, m, actions, propErrors: errors, errorsAll } = props;
  const options = optionsOf(field);
  const set = (next: OptionDoc[]) => {
    actions.setFieldProp(fieldRef, "options", next.map((o) => {
      const out: OptionDoc = { key: o.key, label: o.label };
      if (typeof o.color === "string" && o.color !== "") out.color = o.color;
      return out;
    }));
  };
  const change = (index: number, patch: Partial<OptionDoc>) => {
    set(options.map((o, i) => (i === index ? { ...o, ...patch } : o)));
  };
  const move = (index: number, delta: number) => {
    const next = [...options];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(Math.max(0, Math.min(next.length, index + delta)), 0, item);
    set(next);
  };
  const rowErrors = (index: number) =>
    errorsAll.filter((e) => e.prop === "options" && (e.detail === `${index}` || e.detail.startsWith(`${index}/`)));
  return (
    <div className="designer-options" data-testid="prop-options">
      {errors.length > 0 &&
        errorsAll
          .filter((e) => e.prop === "options" && e.detail === "")
          .map((e, i) => (
            <p key={i} className="designer-prop__error" role="alert" data-testid="prop-error-options">
              {e.message}
            </p>
          ))}
      <ol className="designer-options__list">
        {options.map((option, index) => (
          <li key={index} className="designer-option" data-testid="option-row">
            <div className="designer-option__fields">
              <input
                className="designer-input designer-input--mono"
                aria-label={m.optionKey}
                value={option.key}
                placeholder={m.optionKey}
                data-testid="option-key"
                onChange={(event) => {
                  change(index, { key: event.target.value });
                }}
              />
              {LOCALES.map((l) => (
                <input
                  key={l}
                  className="designer-input"
                  lang={l}
                  aria-label={m.optionLabel(m.localeNames[l])}
                  placeholder={m.optionLabel(m.localeNames[l])}
                  value={labelPart(option.label, l)}
                  data-testid={`option-label-${l}`}
                  onChange={(event) => {
                    change(index, { label: setLabelPart(option.label, l, event.target.value, LOCALES) });
                  }}
                />
              ))}
            </div>
            <div className="designer-option__tools">
              <input
                type="color"
                className="designer-color"
                aria-label={m.optionColor}
                value={typeof option.color === "string" ? option.color : "#8a94a6"}
                onChange={(event) => {
                  change(index, { color: event.target.value });
                }}
              />
              <button type="button" className="designer-icon-button" aria-label={m.moveUp} disabled={index === 0} onClick={() => { move(index, -1); }}>
                ↑
              </button>
              <button type="button" className="designer-icon-button" aria-label={m.moveDown} disabled={index === options.length - 1} onClick={() => { move(index, 1); }}>
                ↓
              </button>
              <button
                type="button"
                className="designer-icon-button designer-danger"
                aria-label={m.removeOption}
                data-testid="option-remove"
                onClick={() => {
                  set(options.filter((_, i) => i !== index));
                }}
              >
                ×
              </button>
            </div>
            {rowErrors(index).map((e, i) => (
              <p key={i} className="designer-prop__error" role="alert" data-testid="prop-error-options">
                {e.message}
              </p>
            ))}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="btn btn--secondary btn--sm"
        data-testid="option-add"
        onClick={() => {
          const taken = new Set(options.map((o) => o.key));
          let n = options.length + 1;
          while (taken.has(`option_${n}`)) n += 1;
          set([...options, { key: `option_${n}`, label: m.newOptionLabel(n) }]);
        }}
      >
        + {m.addOption}
      </button>
    </div>
  );
}

function FillEditor(props: PanelProps & { fieldRef: FieldRef; field: FieldDoc; errorsAll: readonly PlacedError[] }) {
  const { doc, field, fieldRef, m, locale, actions, errorsAll } = props;
  const fill = typeof field.fill === "object" && field.fill !== null ? (field.fill as Record<string, string>) : {};
  const siblings = fieldRef.table === null ? doc.fields : (doc.fields.find((f) => f.id === fieldRef.table)?.fields ?? []);
  return (
    <div className="designer-fill" data-testid="prop-fill">
      <p className="designer-prop__label">{m.propNames.fill}</p>
      {SCAN_PART_NAMES.map((part) => {
        const fits: readonly FieldType[] = SCAN_PARTS[part];
        const choices = asChoices(fieldChoices(siblings, locale, (f) => f.id !== field.id && fits.includes(f.type)));
        const errors = errorsAll.filter((e) => e.prop === "fill" && (e.detail === part || e.detail === ""));
        return (
          <div key={part} className="designer-fill__row">
            <span className="designer-fill__part">{m.scanParts[part]}</span>
            <Select
              value={fill[part] ?? ""}
              empty={m.fillNone}
              choices={choices}
              testId={`prop-fill-${part}`}
              invalid={errors.length > 0}
              onChange={(value) => {
                const next = Object.fromEntries(Object.entries(fill).filter(([name]) => name !== part));
                if (value !== "") next[part] = value;
                actions.setFieldProp(fieldRef, "fill", Object.keys(next).length === 0 ? undefined : next);
              }}
            />
            {errors.map((e, i) => (
              <p key={i} className="designer-prop__error" role="alert" data-testid="prop-error-fill">
                {e.message}
              </p>
            ))}
          </div>
        );
      })}
    </div>
  );
}

function ColumnsList(props: PanelProps & { fieldRef: FieldRef; field: FieldDoc; propErrors: string[] }) {
  const { field, m, locale, actions, propErrors: errors } = props;
  const columns = field.fields ?? [];
  return (
    <div className="designer-prop" data-prop="fields">
      <ul className="designer-columns-list">
        {columns.map((column) => (
          <li key={column.id}>
            <button
              type="button"
              className="designer-link-button"
              onClick={() => {
                actions.select({ kind: "field", ref: { table: field.id, id: column.id } });
              }}
            >
              <span aria-hidden="true">{glyphOf(column.type)}</span> {labelOrId(column.label, column.id, locale)}
              <code className="code code--sm">{column.id}</code>
            </button>
          </li>
        ))}
      </ul>
      <p className="designer-prop__hint">{m.subTableDrop}. {m.subTableHint}.</p>
      {errors.map((message, index) => (
        <p key={index} className="designer-prop__error" role="alert" data-testid="prop-error-fields">
          {message}
        </p>
      ))}
    </div>
  );
}

// ---------------------------------------------------------------------------
// Section

function SectionPanel(props: PanelProps & { section: SectionDoc }) {
  const { doc, section, m, locale, actions, errors } = props;
  const sectionErrors = errors.sections[section.id] ?? [];
  const [draft, setDraft] = useState(section.id);
  const problem = draft === section.id ? null : sectionKeyProblem(doc, section.id, draft);
  const id = useId();
  return (
    <div className="designer-panel__body" data-testid="section-panel" data-section-id={section.id}>
      <header className="designer-panel__head">
        <span className="designer-glyph" aria-hidden="true">
          {TYPE_GLYPHS.section}
        </span>
        <div className="designer-panel__heading">
          <h3 className="designer-panel__title">{labelOrId(section.label, m.sectionUntitled, locale)}</h3>
          <p className="designer-panel__sub">{m.sectionProperties}</p>
        </div>
      </header>
      {generalErrors(sectionErrors, ["id", "label", "columns"]).map((e, i) => (
        <p key={i} className="designer-prop__error" role="alert">
          {e.message}
        </p>
      ))}
      <fieldset className="designer-group">
        <legend className="designer-group__title">{m.groupTitles.basics}</legend>
        <LabelEditor
          prop="section-label"
          value={section.label}
          caption={(l) => m.sectionLabel(m.localeNames[l])}
          testId="section-label"
          errors={messagesFor(sectionErrors, "label")}
          onChange={(label) => {
            actions.updateSection(section.id, { label });
          }}
        />
        <PropRow
          label={m.sectionKey}
          prop="section-id"
          htmlFor={id}
          errors={[...(problem === null ? [] : [m.keyProblems[problem]]), ...messagesFor(sectionErrors, "id")]}
        >
          <TextInput
            id={id}
            value={draft}
            mono
            testId="section-id"
            invalid={problem !== null}
            onChange={(text) => {
              setDraft(text);
              if (text !== section.id && sectionKeyProblem(doc, section.id, text) === null) {
                actions.updateSection(section.id, { id: text });
              }
            }}
          />
        </PropRow>
        <PropRow label={m.columnsLabel} prop="columns" errors={messagesFor(sectionErrors, "columns")}>
          <Segmented
            label={m.columnsLabel}
            value={String(section.columns ?? 1)}
            choices={[1, 2, 3].map((n) => ({ value: String(n), label: m.columnsCount(n) }))}
            testId="section-columns"
            onChange={(value) => {
              actions.updateSection(section.id, { columns: Number(value) });
            }}
          />
        </PropRow>
      </fieldset>
      <button
        type="button"
        className="btn btn--ghost btn--sm designer-danger"
        data-testid="section-delete"
        onClick={() => {
          actions.removeSection(section.id);
        }}
      >
        {m.deleteSection}
      </button>
    </div>
  );
}

// ---------------------------------------------------------------------------
// Form

function FormPanel(props: PanelProps) {
  const { doc, m, locale, actions, errors } = props;
  const formErrors = errors.form;
  const titleId = useId();
  const keyId = useId();
  const topFields = fieldChoices(doc.fields, locale, (f) => f.type !== "sub_table");
  const rules = doc.validations ?? [];
  const setRules = (next: ValidationDoc[]) => {
    actions.setForm((d) => {
      const out: FormDoc = { ...d };
      if (next.length === 0) delete out.validations;
      else out.validations = next;
      return out;
    }, "validations");
  };
  return (
    <div className="designer-panel__body" data-testid="form-panel">
      <header className="designer-panel__head">
        <span className="designer-glyph" aria-hidden="true">
          ▤
        </span>
        <div className="designer-panel__heading">
          <h3 className="designer-panel__title">{labelOrId(doc.label, doc.key, locale)}</h3>
          <p className="designer-panel__sub">{m.formProperties}</p>
        </div>
      </header>
      {generalErrors(formErrors, ["label", "description", "title_field", "key"]).map((e, i) => (
        <p key={i} className="designer-prop__error" role="alert" data-testid="form-general-error">
          {e.prop !== null && <strong>{m.propNames[e.prop] ?? e.prop}: </strong>}
          {e.message}
        </p>
      ))}
      <fieldset className="designer-group">
        <legend className="designer-group__title">{m.groupTitles.basics}</legend>
        <LabelEditor
          prop="form-label"
          value={doc.label}
          caption={(l) => `${m.formLabel} (${m.localeNames[l]})`}
          testId="form-label"
          errors={messagesFor(formErrors, "label")}
          onChange={(label) => {
            actions.setForm((d) => ({ ...d, label }), "label");
          }}
        />
        <PropRow label={m.formKey} prop="key" htmlFor={keyId} errors={messagesFor(formErrors, "key")}>
          <input id={keyId} className="designer-input designer-input--mono" value={doc.key} readOnly data-testid="form-key" />
        </PropRow>
        <LabelEditor
          prop="form-description"
          value={doc.description}
          caption={(l) => `${m.formDescription} (${m.localeNames[l]})`}
          testId="form-description"
          errors={messagesFor(formErrors, "description")}
          onChange={(description) => {
            actions.setForm((d) => {
              const out: FormDoc = { ...d };
              if (description === "") delete out.description;
              else out.description = description;
              return out;
            }, "description");
          }}
        />
        <PropRow label={m.titleField} prop="title_field" hint={m.titleFieldHint} htmlFor={titleId} errors={messagesFor(formErrors, "title_field")}>
          <Select
            id={titleId}
            value={doc.title_field ?? ""}
            empty={m.notSet}
            choices={asChoices(topFields)}
            testId="form-title-field"
            onChange={(value) => {
              actions.setForm((d) => {
                const out: FormDoc = { ...d };
                if (value === "") delete out.title_field;
                else out.title_field = value;
                return out;
              }, "title_field");
            }}
          />
        </PropRow>
      </fieldset>
      <fieldset className="designer-group" data-testid="rules">
        <legend className="designer-group__title">{m.rulesTitle}</legend>
        <p className="designer-prop__hint">{m.rulesHint}</p>
        {rules.map((rule, index) => {
          const ruleErrors = errors.validations[index] ?? [];
          const change = (patch: Partial<ValidationDoc>) => {
            setRules(rules.map((r, i) => (i === index ? { ...r, ...patch } : r)));
          };
          return (
            <div key={index} className="designer-rule" data-testid="rule">
              <PropRow label={m.ruleExpression} prop="rule-expression" errors={messagesFor(ruleErrors, "expression")}>
                <ExpressionEditor
                  m={m}
                  value={rule.expression}
                  fields={topFields}
                  placeholder="end_date >= start_date"
                  testId="rule-expression"
                  invalid={messagesFor(ruleErrors, "expression").length > 0}
                  onChange={(expression) => {
                    change({ expression });
                  }}
                />
              </PropRow>
              <LabelEditor
                prop="rule-message"
                value={rule.message}
                caption={(l) => m.ruleMessage(m.localeNames[l])}
                testId="rule-message"
                errors={messagesFor(ruleErrors, "message")}
                onChange={(message) => {
                  change({ message });
                }}
              />
              <PropRow label={m.ruleFields} prop="rule-fields" errors={messagesFor(ruleErrors, "fields")}>
                <div className="designer-checks">
                  {topFields.map((f) => (
                    <Check
                      key={f.id}
                      label={f.label}
                      checked={(rule.fields ?? []).includes(f.id)}
                      testId={`rule-field-${f.id}`}
                      onChange={(on) => {
                        const list = on ? [...(rule.fields ?? []), f.id] : (rule.fields ?? []).filter((x) => x !== f.id);
                        const next: ValidationDoc = { expression: rule.expression, message: rule.message };
                        if (list.length > 0) next.fields = list;
                        setRules(rules.map((r, i) => (i === index ? next : r)));
                      }}
                    />
                  ))}
                </div>
              </PropRow>
              {generalErrors(ruleErrors, ["expression", "message", "fields"]).map((e, i) => (
                <p key={i} className="designer-prop__error" role="alert">
                  {e.message}
                </p>
              ))}
              <button
                type="button"
                className="btn btn--ghost btn--sm designer-danger"
                onClick={() => {
                  setRules(rules.filter((_, i) => i !== index));
                }}
              >
                {m.removeRule}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="btn btn--secondary btn--sm"
          data-testid="rule-add"
          onClick={() => {
            setRules([...rules, { expression: "", message: { ...m.newRuleMessage } }]);
          }}
        >
          + {m.addRule}
        </button>
      </fieldset>
    </div>
  );
}
