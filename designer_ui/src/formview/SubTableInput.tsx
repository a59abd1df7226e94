import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { ApiError, toProblem } from "../api.ts";
import {
  applyScan,
  cellKey,
  emptyRow,
  fieldLabel,
  type InputDescriptor,
  type InputValue,
  type RowsValue,
  type TableRow,
} from "../fields.ts";
import type { Locale, Messages } from "../i18n.ts";
import { interpretScan } from "../recordsApi.ts";
import type { ValueUpdate } from "./FilesInput.tsx";
import { PlusIcon } from "./icons.tsx";
import type { FormviewMessages } from "./messages.ts";
import { moveRow } from "./rows.ts";
import type { ScanSource } from "./ScanInput.tsx";

/** What a cell needs to render its input (the form's own field renderer draws it). */
export interface CellRender {
  column: InputDescriptor;
  row: TableRow;
  rowIndex: number;
  domId: string;
  testId: string;
  invalid: boolean;
  errorId: string;
  onUpdate: ValueUpdate;
  scan: { busy: boolean; onScan: (raw: string, source: ScanSource) => void } | null;
}

export function rowsOf(value: InputValue | undefined): TableRow[] {
  return typeof value === "object" && !Array.isArray(value) && value.kind === "rows" ? value.rows : [];
}

function withRows(rows: TableRow[]): RowsValue {
  return { kind: "rows", rows };
}

/** More columns than this do not fit a table row: the rows are cards on every screen. */
const MAX_TABLE_COLUMNS = 5;

/**
 * Line items: add, remove and reorder rows; each row's columns use the same
 * inputs as the form. A table on wide screens, stacked cards on phones.
 * Server errors (`/data/<field>/<row>/<column>`) show at their cell.
 */
export function SubTableInput(props: {
  input: InputDescriptor;
  domId: string;
  testId: string;
  value: InputValue | undefined;
  cellErrors: Readonly<Record<string, string[]>>;
  rowErrors: Readonly<Record<string, string[]>>;
  locale: Locale;
  t: Messages;
  fm: FormviewMessages;
  onUpdate: ValueUpdate;
  onStructureChange: () => void;
  renderCell: (cell: CellRender) => ReactNode;
}) {
  const { input, fm, t, locale, onUpdate } = props;
  const fieldId = input.field.id;
  const columns = input.columns ?? [];
  const rows = rowsOf(props.value);
  const maxRows = input.field.maxRows ?? 1000;
  const [scanBusy, setScanBusy] = useState<string | null>(null);
  const [scanErrors, setScanErrors] = useState<Record<string, string>>({});
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const cards = columns.length > MAX_TABLE_COLUMNS;

  useEffect(() => {
    if (focusKey === null) return;
    const row = list.current?.querySelector(`[data-row-key="${focusKey}"]`);
    row?.querySelector<HTMLElement>("input, select, textarea")?.focus();
  }, [focusKey]);

  const structure = (update: (previous: TableRow[]) => TableRow[]) => {
    onUpdate((previous) => withRows(update(rowsOf(previous))));
    props.onStructureChange();
  };

  const updateCell = (rowKey: string, columnId: string, update: (previous: InputValue | undefined) => InputValue) => {
    onUpdate((previous) =>
      withRows(
        rowsOf(previous).map((row) =>
          row.key === rowKey ? { ...row, values: { ...row.values, [columnId]: update(row.values[columnId]) } } : row,
        ),
      ),
    );
  };

  const scan = async (rowKey: string, column: InputDescriptor, raw: string) => {
    const key = `${rowKey}/${column.field.id}`;
    setScanErrors((previous) => ({ ...previous, [key]: "" }));
    if (raw.trim() === "") return;
    setScanBusy(key);
    try {
      const parts = await interpretScan(raw);
      onUpdate((previous) =>
        withRows(
          rowsOf(previous).map((row) =>
            row.key === rowKey ? { ...row, values: applyScan(columns, row.values, column.field.fill, parts) } : row,
          ),
        ),
      );
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : await toProblem(error);
      const message = problem.errors?.[0]?.message ?? (problem.detail || problem.title || t.saveFailed);
      setScanErrors((previous) => ({ ...previous, [key]: message }));
    } finally {
      setScanBusy(null);
    }
  };

  const style = { "--formview-cols": String(Math.max(columns.length, 1)) } as CSSProperties;

  return (
    <div
      className={cards ? "formview-table formview-table--cards" : "formview-table"}
      style={style}
      data-testid={props.testId}
      id={props.domId}
    >
      {rows.length > 0 && (
        <div className="formview-table__head" aria-hidden="true">
          <span className="formview-table__head-index">#</span>
          {columns.map((column) => (
            <span key={column.field.id} className="formview-table__head-cell">
              {fieldLabel(column.field, locale)}
              {column.field.required && <span className="field__required"> *</span>}
            </span>
          ))}
          <span />
        </div>
      )}
      <ol className="formview-table__rows" ref={list}>
        {rows.map((row, index) => {
          const rowMessages = props.rowErrors[`${fieldId}/${index}`] ?? [];
          return (
            <li
              key={row.key}
              className="formview-table__row"
              data-testid={`row-${fieldId}`}
              data-row-index={index}
              data-row-key={row.key}
            >
              <div className="formview-table__row-head">
                <span className="formview-table__row-title">
                  <span className="formview-table__row-word">{fm.rowTitle(index + 1)}</span>
                  <span className="formview-table__row-number" aria-hidden="true">
                    {index + 1}
                  </span>
                </span>
                <span className="formview-table__row-actions">
                  <button
                    type="button"
                    className="formview-icon-btn"
                    aria-label={fm.moveUp(index + 1)}
                    title={fm.moveUp(index + 1)}
                    data-testid={`move-up-${fieldId}-${index}`}
                    disabled={index === 0}
                    onClick={() => {
                      structure((previous) => moveRow(previous, index, index - 1));
                    }}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    className="formview-icon-btn"
                    aria-label={fm.moveDown(index + 1)}
                    title={fm.moveDown(index + 1)}
                    data-testid={`move-down-${fieldId}-${index}`}
                    disabled={index === rows.length - 1}
                    onClick={() => {
                      structure((previous) => moveRow(previous, index, index + 1));
                    }}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button
                    type="button"
                    className="formview-icon-btn formview-icon-btn--danger"
                    aria-label={fm.removeRow(index + 1)}
                    title={fm.removeRow(index + 1)}
                    data-testid={`remove-row-${fieldId}-${index}`}
                    onClick={() => {
                      structure((previous) => previous.filter((candidate) => candidate.key !== row.key));
                    }}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </span>
              </div>
              {columns.map((column) => {
                const columnId = column.field.id;
                const scanKey = `${row.key}/${columnId}`;
                const messages = [
                  ...(props.cellErrors[cellKey(fieldId, index, columnId)] ?? []),
                  ...(scanErrors[scanKey] ? [scanErrors[scanKey]] : []),
                ];
                const domId = `${props.domId}-${row.key}-${columnId}`;
                const errorId = `${domId}-error`;
                return (
                  <div
                    key={columnId}
                    className={`field formview-table__cell field--${column.kind}`}
                    data-invalid={messages.length > 0 ? "true" : undefined}
                  >
                    {props.renderCell({
                      column,
                      row,
                      rowIndex: index,
                      domId,
                      testId: `cell-${fieldId}-${index}-${columnId}`,
                      invalid: messages.length > 0,
                      errorId,
                      onUpdate: (update) => {
                        updateCell(row.key, columnId, update);
                      },
                      scan:
                        column.kind === "scan"
                          ? {
                              busy: scanBusy === scanKey,
                              onScan: (raw) => {
                                void scan(row.key, column, raw);
                              },
                            }
                          : null,
                    })}
                    {messages.length > 0 && (
                      <p className="field__error" id={errorId} data-testid={`cell-error-${fieldId}-${index}-${columnId}`}>
                        {messages.join(" ")}
                      </p>
                    )}
                  </div>
                );
              })}
              {rowMessages.length > 0 && (
                <p className="field__error formview-table__row-error" data-testid={`row-error-${fieldId}-${index}`}>
                  {rowMessages.join(" ")}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {rows.length === 0 && <p className="formview-table__empty muted">{fm.noRows}</p>}
      <div className="formview-table__foot">
        <button
          type="button"
          className="btn btn--secondary formview-table__add"
          data-testid={`add-row-${fieldId}`}
          disabled={rows.length >= maxRows}
          onClick={() => {
            const row = emptyRow(columns);
            structure((previous) => [...previous, row]);
            setFocusKey(row.key);
          }}
        >
          <PlusIcon />
          {fm.addRow}
        </button>
        {rows.length >= maxRows && <span className="field__hint">{fm.rowLimit(maxRows)}</span>}
      </div>
    </div>
  );
}
