import type { ReactNode } from "react";
import { fieldLabel, type InputDescriptor, type InputValue, type LinkItem } from "../fields.ts";
import { formatValue } from "../format.ts";
import type { Locale, Messages } from "../i18n.ts";
import { resolveLabel } from "../labels.ts";
import { FilesInput, type ValueUpdate } from "./FilesInput.tsx";
import { GeoInput } from "./GeoInput.tsx";
import type { FormviewMessages } from "./messages.ts";
import { PeoplePicker, RelationPicker } from "./pickers.tsx";
import { ScanInput, type ScanSource } from "./ScanInput.tsx";
import { SignaturePad } from "./SignaturePad.tsx";
import { SubTableInput } from "./SubTableInput.tsx";

/** What every field of one form shares. */
export interface FieldContext {
  app: string;
  locale: Locale;
  t: Messages;
  fm: FormviewMessages;
  creating: boolean;
  onUploading: (delta: number) => void;
}

export interface ScanProps {
  busy: boolean;
  autoFocus: boolean;
  primary: boolean;
  onScan: (raw: string, source: ScanSource) => void;
}

export interface TableErrors {
  cells: Readonly<Record<string, string[]>>;
  rows: Readonly<Record<string, string[]>>;
  onStructureChange: () => void;
}

export interface FieldInputProps {
  ctx: FieldContext;
  input: InputDescriptor;
  domId: string;
  testId: string;
  value: InputValue | undefined;
  /** Read-only fields: the value to show (the server's computed value, or the stored one). */
  shown: unknown;
  required: boolean;
  invalid: boolean;
  errorId: string;
  onUpdate: ValueUpdate;
  scan?: ScanProps | null;
  table?: TableErrors;
}

const TEXT_TYPES: Partial<Record<InputDescriptor["kind"], string>> = {
  text: "text",
  email: "email",
  tel: "tel",
  url: "url",
  date: "date",
  time: "time",
  datetime: "datetime-local",
};

const INPUT_MODES: Partial<Record<InputDescriptor["kind"], "email" | "tel" | "url">> = {
  email: "email",
  tel: "tel",
  url: "url",
};

function linksOf(value: InputValue | undefined): LinkItem[] {
  return typeof value === "object" && !Array.isArray(value) && value.kind === "links" ? value.items : [];
}

function Label(props: { input: InputDescriptor; htmlFor?: string; required: boolean; ctx: FieldContext }) {
  const { input, ctx } = props;
  return (
    <label className="field__label" htmlFor={props.htmlFor}>
      {fieldLabel(input.field, ctx.locale)}
      {props.required && (
        <span className="field__required" title={ctx.t.required}>
          {" *"}
          <span className="visually-hidden">({ctx.t.required})</span>
        </span>
      )}
    </label>
  );
}

/** A group's caption (for inputs made of several controls). */
function Caption(props: { input: InputDescriptor; required: boolean; ctx: FieldContext; id: string }) {
  const { input, ctx } = props;
  return (
    <span className="field__label" id={props.id}>
      {fieldLabel(input.field, ctx.locale)}
      {props.required && (
        <span className="field__required" title={ctx.t.required}>
          {" *"}
          <span className="visually-hidden">({ctx.t.required})</span>
        </span>
      )}
    </span>
  );
}

function Description(props: { input: InputDescriptor; ctx: FieldContext }) {
  const text = resolveLabel(props.input.field.description ?? null, props.ctx.locale);
  return text === "" ? null : <p className="field__hint formview-field__description">{text}</p>;
}

function ReadOnly(props: FieldInputProps) {
  const { input, ctx, testId } = props;
  const { t, fm } = ctx;
  const words = { yes: t.yes, no: t.no, rows: t.rows };
  const text = formatValue(input.field, props.shown, ctx.locale, words);
  const type = input.field.type;
  const computed = type === "formula" || type === "auto_number" || type === "lookup" || type === "rollup";
  const placeholder = ctx.creating && type === "auto_number" ? fm.assignedOnSave : t.emptyValue;
  return (
    <>
      <Label input={input} required={false} ctx={ctx} />
      <p
        className={computed ? "field__readonly formview-readonly formview-readonly--computed" : "field__readonly formview-readonly"}
        data-testid={testId}
        aria-readonly="true"
        aria-live={computed ? "polite" : undefined}
      >
        <span className={text === "" ? "formview-readonly__value muted" : "formview-readonly__value"}>
          {text === "" ? placeholder : text}
        </span>
        <span className="chip chip--muted">{computed ? fm.computedHint : t.readOnly}</span>
      </p>
    </>
  );
}

/** The label and input(s) of one field (or one sub-table cell). */
export function FieldInput(props: FieldInputProps): ReactNode {
  const { ctx, input, domId, testId, value, required } = props;
  const { t, fm, locale } = ctx;
  const id = input.field.id;
  const text = typeof value === "string" ? value : "";
  const onChange = (next: InputValue) => {
    props.onUpdate(() => next);
  };
  const common = {
    id: domId,
    name: id,
    "data-testid": testId,
    "aria-invalid": props.invalid,
    "aria-describedby": props.invalid ? props.errorId : undefined,
    required,
  };
  const label = <Label input={input} htmlFor={domId} required={required} ctx={ctx} />;
  const captionId = `${domId}-caption`;
  const caption = <Caption input={input} required={required} ctx={ctx} id={captionId} />;
  const description = <Description input={input} ctx={ctx} />;
  // A control of several parts, named by its caption.
  const group = (control: ReactNode) => (
    <div role="group" aria-labelledby={captionId} className="formview-group">
      {caption}
      {control}
      {description}
    </div>
  );
  const parts = { domId, testId, value, invalid: props.invalid, errorId: props.errorId, fm };

  switch (input.kind) {
    case "readonly":
      return <ReadOnly {...props} />;
    case "checkbox":
      return (
        <>
          <label className="check" htmlFor={domId}>
            <input
              {...common}
              type="checkbox"
              checked={value === true}
              onChange={(event) => {
                onChange(event.target.checked);
              }}
            />
            <span>
              {fieldLabel(input.field, locale)}
              {required && <span className="field__required"> *</span>}
            </span>
          </label>
          {description}
        </>
      );
    case "textarea":
      return (
        <>
          {label}
          <textarea
            {...common}
            className="field__input field__textarea"
            rows={4}
            value={text}
            onChange={(event) => {
              onChange(event.target.value);
            }}
          />
          {description}
        </>
      );
    case "select":
      return (
        <>
          {label}
          <select
            {...common}
            className="field__input"
            value={text}
            onChange={(event) => {
              onChange(event.target.value);
            }}
          >
            <option value="">{t.selectNone}</option>
            {input.field.options.map((option) => (
              <option key={option.key} value={option.key}>
                {resolveLabel(option.label, locale) || option.key}
              </option>
            ))}
          </select>
          {description}
        </>
      );
    case "multi": {
      const checked = Array.isArray(value) ? (value as unknown[]).filter((v): v is string => typeof v === "string") : [];
      return (
        <fieldset className="field__group" data-testid={testId} aria-invalid={props.invalid}>
          <legend className="field__label">
            {fieldLabel(input.field, locale)}
            {required && <span className="field__required"> *</span>}
          </legend>
          {input.field.options.map((option) => (
            <label className="check" key={option.key}>
              <input
                type="checkbox"
                name={id}
                value={option.key}
                checked={checked.includes(option.key)}
                onChange={(event) => {
                  onChange(
                    event.target.checked ? [...checked, option.key] : checked.filter((key) => key !== option.key),
                  );
                }}
              />
              <span>{resolveLabel(option.label, locale) || option.key}</span>
            </label>
          ))}
        </fieldset>
      );
    }
    case "number":
      return (
        <>
          {label}
          <input
            {...common}
            className="field__input"
            type="text"
            inputMode={input.integer ? "numeric" : "decimal"}
            autoComplete="off"
            enterKeyHint="next"
            value={text}
            onChange={(event) => {
              onChange(event.target.value);
            }}
          />
          {description}
        </>
      );
    case "scan":
      return (
        <>
          {label}
          <ScanInput
            domId={domId}
            testId={testId}
            name={id}
            value={text}
            invalid={props.invalid}
            errorId={props.errorId}
            required={required}
            busy={props.scan?.busy ?? false}
            autoFocus={props.scan?.autoFocus ?? false}
            primary={props.scan?.primary ?? false}
            t={t}
            fm={fm}
            onChange={onChange}
            onScan={(raw, source) => {
              props.scan?.onScan(raw, source);
            }}
          />
        </>
      );
    case "relation":
    case "user":
    case "department": {
      const pickerProps = {
        app: ctx.app,
        input,
        domId,
        testId,
        value: linksOf(value),
        invalid: props.invalid,
        errorId: props.errorId,
        required,
        locale,
        t,
        fm,
        onChange: (items: LinkItem[]) => {
          onChange({ kind: "links", items });
        },
      };
      return (
        <>
          {label}
          {input.kind === "relation" ? (
            <RelationPicker {...pickerProps} />
          ) : (
            <PeoplePicker {...pickerProps} which={input.kind === "user" ? "users" : "departments"} />
          )}
          {description}
        </>
      );
    }
    case "files":
      return group(
        <FilesInput input={input} {...parts} onUpdate={props.onUpdate} onUploading={ctx.onUploading} />,
      );
    case "signature":
      return group(<SignaturePad {...parts} onUpdate={props.onUpdate} onUploading={ctx.onUploading} />);
    case "geolocation":
      return group(<GeoInput {...parts} onChange={onChange} />);
    case "subtable":
      return (
        <div role="group" aria-labelledby={captionId} className="formview-group">
          {caption}
          {description}
          <SubTableInput
            input={input}
            domId={domId}
            testId={testId}
            value={value}
            cellErrors={props.table?.cells ?? {}}
            rowErrors={props.table?.rows ?? {}}
            locale={locale}
            t={t}
            fm={fm}
            onUpdate={props.onUpdate}
            onStructureChange={() => {
              props.table?.onStructureChange();
            }}
            renderCell={(cell) => (
              <FieldInput
                ctx={ctx}
                input={cell.column}
                domId={cell.domId}
                testId={cell.testId}
                value={cell.row.values[cell.column.field.id]}
                shown={cell.row.shown?.[cell.column.field.id]}
                required={cell.column.field.required}
                invalid={cell.invalid}
                errorId={cell.errorId}
                onUpdate={cell.onUpdate}
                scan={cell.scan === null ? null : { ...cell.scan, autoFocus: false, primary: false }}
              />
            )}
          />
        </div>
      );
    default:
      return (
        <>
          {label}
          <input
            {...common}
            className="field__input"
            type={TEXT_TYPES[input.kind] ?? "text"}
            inputMode={INPUT_MODES[input.kind]}
            autoComplete="off"
            enterKeyHint="next"
            value={text}
            onChange={(event) => {
              onChange(event.target.value);
            }}
          />
          {description}
        </>
      );
  }
}
