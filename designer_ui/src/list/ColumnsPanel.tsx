import type { Locale } from "../i18n.ts";
import { moveColumn, toggleColumn, type ColumnPref, type ListColumn } from "./columns.ts";
import { columnLabel } from "./display.ts";
import type { ListMessages } from "./messages.ts";

/** Show, hide and reorder the list's columns. */
export function ColumnsPanel(props: {
  columns: readonly ListColumn[];
  prefs: readonly ColumnPref[];
  onChange: (prefs: ColumnPref[]) => void;
  onReset: () => void;
  onClose: () => void;
  locale: Locale;
  lm: ListMessages;
}) {
  const { columns, prefs, locale, lm } = props;
  const byKey = new Map(columns.map((column) => [column.key, column]));
  return (
    <section className="list__panel" data-testid="columns-panel" aria-labelledby="list-columns-heading">
      <div className="list__panel-head">
        <h2 className="list__panel-title" id="list-columns-heading">
          {lm.columnsHeading}
        </h2>
        <button type="button" className="btn btn--ghost btn--sm" onClick={props.onReset} data-testid="columns-reset">
          {lm.columnsReset}
        </button>
        <button
          type="button"
          className="list__icon-btn"
          onClick={props.onClose}
          aria-label={lm.close}
          data-testid="columns-close"
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <p className="list__panel-hint">{lm.columnsHint}</p>
      <ol className="list__columns">
        {prefs.map((pref, index) => {
          const column = byKey.get(pref.key);
          if (column === undefined) return null;
          const label = columnLabel(column, locale, lm);
          return (
            <li key={pref.key} className="list__column" data-testid="column-item" data-column={pref.key}>
              <label className="list__column-check">
                <input
                  type="checkbox"
                  checked={pref.visible}
                  data-testid={`column-toggle-${pref.key}`}
                  onChange={() => {
                    props.onChange(toggleColumn(prefs, pref.key));
                  }}
                />
                <span>{label}</span>
              </label>
              <button
                type="button"
                className="list__icon-btn"
                aria-label={lm.moveUp(label)}
                disabled={index === 0}
                data-testid={`column-up-${pref.key}`}
                onClick={() => {
                  props.onChange(moveColumn(prefs, pref.key, -1));
                }}
              >
                <span aria-hidden="true">↑</span>
              </button>
              <button
                type="button"
                className="list__icon-btn"
                aria-label={lm.moveDown(label)}
                disabled={index === prefs.length - 1}
                data-testid={`column-down-${pref.key}`}
                onClick={() => {
                  props.onChange(moveColumn(prefs, pref.key, 1));
                }}
              >
                <span aria-hidden="true">↓</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
