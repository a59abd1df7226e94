import { useId, useState } from "react";
import { resolveLabel } from "../labels.ts";
import type { ValueWords } from "../format.ts";
import type { Locale } from "../i18n.ts";
import type { ListColumn } from "./columns.ts";
import { columnLabel, describeFilter } from "./display.ts";
import { valueKindFor, type FilterOp, type ValueKind } from "./fieldCaps.ts";
import { checkFilterValue, type ActiveFilter, type ValueProblem } from "./filters.ts";
import type { ListMessages } from "./messages.ts";

/** Pick a field, a condition that suits its type, and a value; then add the filter. */
export function FilterBuilder(props: {
  columns: readonly ListColumn[];
  onAdd: (filter: ActiveFilter) => void;
  onClose: () => void;
  locale: Locale;
  words: ValueWords;
  lm: ListMessages;
}) {
  const { locale, words, lm } = props;
  const columns = props.columns.filter((column) => column.operators.length > 0);
  const [fieldKey, setFieldKey] = useState(columns[0]?.key ?? "");
  const column = columns.find((candidate) => candidate.key === fieldKey) ?? columns[0];
  const [op, setOp] = useState<FilterOp>(column?.operators[0] ?? "eq");
  const usedOp = column?.operators.includes(op) ? op : (column?.operators[0] ?? "eq");
  const kind: ValueKind = column === undefined ? "none" : valueKindFor(column.type, usedOp);
  const [raw, setRaw] = useState<string>("");
  const [picked, setPicked] = useState<string[]>([]);
  const [problem, setProblem] = useState<ValueProblem | null>(null);
  const id = useId();

  if (column === undefined) {
    return (
      <section className="list__panel" data-testid="filter-builder">
        <p className="list__panel-hint">{lm.noFilterableFields}</p>
        <button type="button" className="btn btn--ghost btn--sm" onClick={props.onClose}>
          {lm.close}
        </button>
      </section>
    );
  }

  const apply = () => {
    const checked = checkFilterValue(kind, kind === "options" ? picked : raw);
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    props.onAdd({ field: column.key, op: usedOp, value: checked.value });
  };

  const resetValue = () => {
    setRaw("");
    setPicked([]);
    setProblem(null);
  };

  const options = column.field?.options ?? [];
  const valueId = `${id}-value`;
  const errorId = `${id}-error`;
  const invalid = problem !== null;
  const inputProps = {
    id: valueId,
    "data-testid": "filter-value",
    "aria-invalid": invalid,
    "aria-describedby": invalid ? errorId : undefined,
  } as const;

  let input;
  switch (kind) {
    case "empty":
    case "boolean":
    case "option":
      input = (
        <select
          {...inputProps}
          className="field__input list__select"
          value={raw}
          onChange={(event) => {
            setRaw(event.target.value);
            setProblem(null);
          }}
        >
          <option value="">{lm.pick}</option>
          {kind === "empty" && (
            <>
              <option value="true">{lm.isEmpty}</option>
              <option value="false">{lm.isNotEmpty}</option>
            </>
          )}
          {kind === "boolean" && (
            <>
              <option value="true">{words.yes}</option>
              <option value="false">{words.no}</option>
            </>
          )}
          {kind === "option" &&
            options.map((option) => (
              <option key={option.key} value={option.key}>
                {resolveLabel(option.label, locale) || option.key}
              </option>
            ))}
        </select>
      );
      break;
    case "options":
      input = (
        <div className="list__options" role="group" aria-labelledby={`${valueId}-label`} data-testid="filter-value">
          {options.map((option) => (
            <label key={option.key} className="check list__option">
              <input
                type="checkbox"
                data-testid={`filter-option-${option.key}`}
                checked={picked.includes(option.key)}
                onChange={() => {
                  setPicked((current) =>
                    current.includes(option.key)
                      ? current.filter((key) => key !== option.key)
                      : [...current, option.key],
                  );
                  setProblem(null);
                }}
              />
              <span>{resolveLabel(option.label, locale) || option.key}</span>
            </label>
          ))}
        </div>
      );
      break;
    default:
      input = (
        <input
          {...inputProps}
          className="field__input"
          type={kind === "date" ? "date" : kind === "datetime" ? "datetime-local" : kind === "time" ? "time" : "text"}
          inputMode={kind === "integer" ? "numeric" : kind === "number" ? "decimal" : undefined}
          value={raw}
          onChange={(event) => {
            setRaw(event.target.value);
            setProblem(null);
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              apply();
            }
          }}
        />
      );
  }

  return (
    <section className="list__panel" data-testid="filter-builder" aria-labelledby={`${id}-heading`}>
      <div className="list__panel-head">
        <h2 className="list__panel-title" id={`${id}-heading`}>
          {lm.filterHeading}
        </h2>
        <button type="button" className="list__icon-btn" onClick={props.onClose} aria-label={lm.close}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="list__filter-grid">
        <label className="field">
          <span className="field__label">{lm.filterField}</span>
          <select
            className="field__input list__select"
            data-testid="filter-field"
            value={column.key}
            onChange={(event) => {
              setFieldKey(event.target.value);
              const next = columns.find((candidate) => candidate.key === event.target.value);
              setOp(next?.operators[0] ?? "eq");
              resetValue();
            }}
          >
            {columns.map((candidate) => (
              <option key={candidate.key} value={candidate.key}>
                {columnLabel(candidate, locale, lm)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{lm.filterOperator}</span>
          <select
            className="field__input list__select"
            data-testid="filter-op"
            value={usedOp}
            onChange={(event) => {
              const next = column.operators.find((candidate) => candidate === event.target.value);
              if (next === undefined) return;
              if (valueKindFor(column.type, next) !== kind) resetValue();
              setOp(next);
            }}
          >
            {column.operators.map((candidate) => (
              <option key={candidate} value={candidate}>
                {lm.opLabel(candidate, column.type)}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          {kind === "options" ? (
            <span className="field__label" id={`${valueId}-label`}>
              {lm.filterValue}
            </span>
          ) : (
            <label className="field__label" htmlFor={valueId}>
              {lm.filterValue}
            </label>
          )}
          {input}
          {kind === "list" && <span className="field__hint">{lm.listHint}</span>}
          {problem !== null && (
            <span className="field__error" id={errorId} role="alert" data-testid="filter-value-error">
              {lm.valueProblem(problem)}
            </span>
          )}
        </div>
      </div>
      <div className="list__panel-actions">
        <button type="button" className="btn btn--primary" onClick={apply} data-testid="filter-apply">
          {lm.filterApply}
        </button>
        <button type="button" className="btn btn--ghost" onClick={props.onClose}>
          {lm.filterCancel}
        </button>
      </div>
    </section>
  );
}

/** The active filters as removable chips. */
export function FilterChips(props: {
  filters: readonly ActiveFilter[];
  columns: readonly ListColumn[];
  onRemove: (index: number) => void;
  onClear: () => void;
  locale: Locale;
  words: ValueWords;
  lm: ListMessages;
}) {
  const { filters, locale, words, lm } = props;
  if (filters.length === 0) return null;
  return (
    <div className="list__chips" data-testid="filter-chips">
      <span className="list__chips-label">{lm.filtersActive}</span>
      <ul className="list__chip-list">
        {filters.map((filter, index) => {
          const column = props.columns.find((candidate) => candidate.key === filter.field);
          const text = describeFilter(column, filter, locale, words, lm);
          return (
            <li key={`${filter.field}-${filter.op}-${filter.value}`} className="list__chip" data-testid="filter-chip">
              <span className="list__chip-text">{text}</span>
              <button
                type="button"
                className="list__chip-remove"
                aria-label={lm.filterRemove(text)}
                data-testid="filter-chip-remove"
                onClick={() => {
                  props.onRemove(index);
                }}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="btn btn--ghost btn--sm" onClick={props.onClear} data-testid="filter-clear">
        {lm.filterClearAll}
      </button>
    </div>
  );
}
