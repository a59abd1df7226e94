/** Small input widgets of the property panel. Each edits one value and reports it upward. */
import { useId, useRef, useState, type ReactNode } from "react";
import { LOCALES, type Locale } from "../i18n.ts";
import { FUNCTION_CATEGORIES, FUNCTIONS, functionSnippet, insertSnippet } from "./expressions.ts";
import type { DesignerMessages } from "./messages.ts";
import { labelPart, setLabelPart, type LabelDoc } from "./model.ts";

/** One labelled property: its control, a hint, and any error messages. */
export function PropRow(props: {
  label: string;
  prop: string;
  hint?: string | undefined;
  errors?: readonly string[] | undefined;
  htmlFor?: string | undefined;
  children: ReactNode;
}) {
  const errors = props.errors ?? [];
  return (
    <div className={errors.length > 0 ? "designer-prop designer-prop--error" : "designer-prop"} data-prop={props.prop}>
      {props.htmlFor === undefined ? (
        <span className="designer-prop__label">{props.label}</span>
      ) : (
        <label className="designer-prop__label" htmlFor={props.htmlFor}>
          {props.label}
        </label>
      )}
      {props.children}
      {props.hint !== undefined && <p className="designer-prop__hint">{props.hint}</p>}
      {errors.map((message, index) => (
        <p key={index} className="designer-prop__error" role="alert" data-testid={`prop-error-${props.prop}`}>
          {message}
        </p>
      ))}
    </div>
  );
}

export function TextInput(props: {
  value: string;
  onChange: (value: string) => void;
  testId: string;
  id?: string;
  placeholder?: string | undefined;
  mono?: boolean;
  invalid?: boolean;
  maxLength?: number;
  inputMode?: "text" | "numeric" | "decimal";
  onBlur?: () => void;
}) {
  return (
    <input
      id={props.id}
      className={props.mono === true ? "designer-input designer-input--mono" : "designer-input"}
      type="text"
      value={props.value}
      placeholder={props.placeholder}
      maxLength={props.maxLength}
      inputMode={props.inputMode}
      aria-invalid={props.invalid === true ? true : undefined}
      data-testid={props.testId}
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => {
        props.onChange(event.target.value);
      }}
      onBlur={props.onBlur}
    />
  );
}

/**
 * Text that turns into a value (a number…): what is typed is kept as typed,
 * and `parse` decides what reaches the document (`undefined` removes it).
 * The typed text follows the document when the value changes elsewhere.
 */
export function ParsedInput<T>(props: {
  value: T | undefined;
  format: (value: T | undefined) => string;
  parse: (text: string) => { ok: true; value: T | undefined } | { ok: false };
  onChange: (value: T | undefined) => void;
  testId: string;
  id?: string;
  inputMode: "numeric" | "decimal" | "text";
  invalid?: boolean;
  placeholder?: string;
}) {
  const { value, format } = props;
  const [text, setText] = useState(() => format(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // Changed elsewhere (undo, another editor): show the new value unless it is what was typed.
    setShown(value);
    const parsed = props.parse(text);
    if (!parsed.ok || parsed.value !== value) setText(format(value));
  }
  const parsed = props.parse(text);
  return (
    <input
      id={props.id}
      className="designer-input"
      type="text"
      inputMode={props.inputMode}
      value={text}
      placeholder={props.placeholder}
      aria-invalid={props.invalid === true || !parsed.ok ? true : undefined}
      data-testid={props.testId}
      autoComplete="off"
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        const result = props.parse(next);
        if (result.ok) {
          setShown(result.value);
          props.onChange(result.value);
        }
      }}
    />
  );
}

export function parseInteger(text: string): { ok: true; value: number | undefined } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: undefined };
  return /^-?\d+$/.test(trimmed) ? { ok: true, value: Number(trimmed) } : { ok: false };
}

/** A decimal as the schema takes it: a JSON number when that keeps the text exactly, else the text. */
export function parseDecimal(text: string): { ok: true; value: number | string | undefined } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: undefined };
  if (!/^-?[0-9]+(\.[0-9]+)?$/.test(trimmed)) return { ok: false };
  const number = Number(trimmed);
  return { ok: true, value: String(number) === trimmed ? number : trimmed };
}

export function formatNumber(value: unknown): string {
  return typeof value === "number" || typeof value === "string" ? String(value) : "";
}

export function Check(props: { checked: boolean; onChange: (checked: boolean) => void; label: string; testId: string }) {
  return (
    <label className="designer-check">
      <input
        type="checkbox"
        checked={props.checked}
        data-testid={props.testId}
        onChange={(event) => {
          props.onChange(event.target.checked);
        }}
      />
      <span>{props.label}</span>
    </label>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function Select(props: {
  value: string;
  choices: readonly Choice[];
  onChange: (value: string) => void;
  testId: string;
  id?: string;
  empty?: string | undefined;
  invalid?: boolean;
  disabled?: boolean;
}) {
  const known = props.value === "" || props.choices.some((c) => c.value === props.value);
  return (
    <span className="select designer-select">
      <select
        id={props.id}
        value={props.value}
        data-testid={props.testId}
        disabled={props.disabled}
        aria-invalid={props.invalid === true ? true : undefined}
        onChange={(event) => {
          props.onChange(event.target.value);
        }}
      >
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {!known && <option value={props.value}>{props.value}</option>}
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </span>
  );
}

/** Segmented buttons (1 / 2 / 3 columns…). */
export function Segmented(props: {
  value: string;
  choices: readonly Choice[];
  onChange: (value: string) => void;
  label: string;
  testId: string;
}) {
  return (
    <div className="designer-segmented" role="group" aria-label={props.label} data-testid={props.testId}>
      {props.choices.map((choice) => (
        <button
          key={choice.value}
          type="button"
          className={choice.value === props.value ? "designer-segmented__item is-on" : "designer-segmented__item"}
          aria-pressed={choice.value === props.value}
          data-value={choice.value}
          onClick={() => {
            props.onChange(choice.value);
          }}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}

/** A label in each language of the UI: one input per locale. */
export function LabelEditor(props: {
  value: LabelDoc | null | undefined;
  onChange: (value: LabelDoc) => void;
  caption: (locale: Locale) => string;
  testId: string;
  errors?: readonly string[] | undefined;
  prop: string;
}) {
  const id = useId();
  return (
    <div className="designer-label-editor">
      {LOCALES.map((locale) => (
        <PropRow
          key={locale}
          label={props.caption(locale)}
          prop={`${props.prop}-${locale}`}
          htmlFor={`${id}-${locale}`}
        >
          <input
            id={`${id}-${locale}`}
            className="designer-input"
            type="text"
            lang={locale}
            value={labelPart(props.value, locale)}
            maxLength={200}
            data-testid={`${props.testId}-${locale}`}
            aria-invalid={(props.errors ?? []).length > 0 ? true : undefined}
            onChange={(event) => {
              props.onChange(setLabelPart(props.value, locale, event.target.value, LOCALES));
            }}
          />
        </PropRow>
      ))}
      {(props.errors ?? []).map((message, index) => (
        <p key={index} className="designer-prop__error" role="alert" data-testid={`prop-error-${props.prop}`}>
          {message}
        </p>
      ))}
    </div>
  );
}

export interface FieldChoice {
  id: string;
  label: string;
}

/**
 * A formula or condition: a monospace text area with pickers that insert a
 * field id or a function call at the cursor.
 */
export function ExpressionEditor(props: {
  value: string;
  onChange: (value: string) => void;
  fields: readonly FieldChoice[];
  m: DesignerMessages;
  testId: string;
  id?: string;
  placeholder: string;
  invalid?: boolean;
}) {
  const { m } = props;
  const area = useRef<HTMLTextAreaElement>(null);
  const [hint, setHint] = useState("");

  const insert = (snippet: string) => {
    const element = area.current;
    const start = element?.selectionStart ?? props.value.length;
    const end = element?.selectionEnd ?? props.value.length;
    const edit = insertSnippet(props.value, start, end, snippet);
    props.onChange(edit.text);
    requestAnimationFrame(() => {
      if (area.current === null) return;
      area.current.focus();
      area.current.setSelectionRange(edit.cursor, edit.cursor);
    });
  };

  return (
    <div className="designer-expression">
      <textarea
        ref={area}
        id={props.id}
        className="designer-input designer-input--mono designer-expression__text"
        rows={3}
        value={props.value}
        placeholder={props.placeholder}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        aria-invalid={props.invalid === true ? true : undefined}
        data-testid={props.testId}
        onChange={(event) => {
          props.onChange(event.target.value);
        }}
      />
      <div className="designer-expression__tools">
        <span className="select designer-select designer-select--sm">
          <select
            aria-label={m.insertField}
            value=""
            data-testid={`${props.testId}-field-picker`}
            onChange={(event) => {
              if (event.target.value !== "") insert(event.target.value);
            }}
          >
            <option value="">{m.insertField}</option>
            {props.fields.map((field) => (
              <option key={field.id} value={field.id}>
                {field.label === field.id ? field.id : `${field.label} · ${field.id}`}
              </option>
            ))}
          </select>
        </span>
        <span className="select designer-select designer-select--sm">
          <select
            aria-label={m.insertFunction}
            value=""
            data-testid={`${props.testId}-function-picker`}
            onChange={(event) => {
              const info = FUNCTIONS.find((f) => f.name === event.target.value);
              if (info === undefined) return;
              setHint(`${info.signature} — ${m.functionDocs[info.name] ?? ""}`);
              insert(functionSnippet(info));
            }}
          >
            <option value="">{m.insertFunction}</option>
            {FUNCTION_CATEGORIES.map((category) => (
              <optgroup key={category} label={m.functionCategories[category]}>
                {FUNCTIONS.filter((f) => f.category === category).map((info) => (
                  <option key={info.name} value={info.name} title={m.functionDocs[info.name]}>
                    {info.signature}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </span>
      </div>
      {hint !== "" && (
        <p className="designer-prop__hint designer-expression__doc" data-testid={`${props.testId}-doc`}>
          {hint}
        </p>
      )}
    </div>
  );
}
