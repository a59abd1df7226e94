import { useEffect, useId, useMemo, useState, type ReactNode } from "react";
import { toProblem } from "./api.ts";
import { ErrorState } from "./ErrorState.tsx";
import { fieldLabel } from "./fields.ts";
import { Crumbs, type LoadedForm } from "./FormGate.tsx";
import type { ValueWords } from "./format.ts";
import type { Locale, Messages } from "./i18n.ts";
import { ColumnsPanel } from "./list/ColumnsPanel.tsx";
import {
  clearPrefs,
  defaultPrefs,
  DEFAULT_SORT,
  listColumns,
  loadPrefs,
  nextSort,
  savePrefs,
  visibleColumns,
  type ColumnPref,
  type KeyValueStore,
  type ListColumn,
  type SortState,
} from "./list/columns.ts";
import { ConfirmDialog } from "./list/ConfirmDialog.tsx";
import { cellText, columnLabel } from "./list/display.ts";
import { downloadFile } from "./list/download.ts";
import { ExportMenu } from "./list/ExportMenu.tsx";
import { FilterBuilder, FilterChips } from "./list/FilterBar.tsx";
import { addFilter, removeFilter, type ActiveFilter } from "./list/filters.ts";
import { useMediaQuery, useRecordPages } from "./list/hooks.ts";
import { listMessages, type ListMessages } from "./list/messages.ts";
import {
  exportUrl,
  MAX_SELECTION,
  pageUrl,
  type ExportFormat,
  type ListQuery,
  type ListRecord,
} from "./list/query.ts";
import { RecordDrawer } from "./list/RecordDrawer.tsx";
import { keepVisible, pageSelection, toggleAll, toggleId } from "./list/selection.ts";
import "./list/list.css";
import { Loading } from "./Loading.tsx";
import type { Problem } from "./problem.ts";
import { deleteRecords } from "./recordsApi.ts";
import { routeHash } from "./route.ts";

const SEARCH_DELAY_MS = 300;
/** Below this width the table becomes a list of cards. */
const COMPACT_QUERY = "(max-width: 47.99rem)";

function storage(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

interface ActionProblem {
  title: string;
  problem: Problem;
}

export function RecordListPage(props: { loaded: LoadedForm; locale: Locale; t: Messages }) {
  const { loaded, locale, t } = props;
  const { app, form, definition } = loaded;
  const lm = listMessages[locale];
  const words: ValueWords = { yes: t.yes, no: t.no, rows: t.rows };
  const columns = useMemo(() => listColumns(definition), [definition]);
  const searchField = definition.fields.find((field) => field.type === "text") ?? null;
  const compact = useMediaQuery(COMPACT_QUERY);

  const [prefs, setPrefsState] = useState<ColumnPref[]>(() => loadPrefs(storage(), app, form, columns));
  const setPrefs = (next: ColumnPref[]) => {
    setPrefsState(next);
    savePrefs(storage(), app, form, next);
  };
  const shown = visibleColumns(prefs, columns);

  const [queryText, setQueryText] = useState("");
  const [search, setSearch] = useState("");
  const [filters, setFilters] = useState<ActiveFilter[]>([]);
  const [sort, setSort] = useState<SortState | null>(null);
  const searchId = useId();

  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSearch(queryText);
    }, SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [queryText]);

  const query: ListQuery = useMemo(
    () => ({ filters, search: searchField === null ? null : { field: searchField.id, text: search }, sort }),
    [filters, searchField, search, sort],
  );
  const pages = useRecordPages(app, form, query);
  const ids = pages.items.map((record) => record.id);

  const [panel, setPanel] = useState<"filter" | "columns" | null>(null);
  // The selection belongs to one query: new filters, search or sort start without one.
  const queryKey = pageUrl(app, form, query);
  const [selection, setSelection] = useState<{ key: string; ids: ReadonlySet<number> }>({
    key: queryKey,
    ids: new Set(),
  });
  const selected: ReadonlySet<number> = selection.key === queryKey ? selection.ids : new Set();
  const setSelected = (next: ReadonlySet<number>) => {
    setSelection({ key: queryKey, ids: next });
  };
  const selectedIds = keepVisible(selected, ids);
  const [drawerId, setDrawerId] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteProblem, setDeleteProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [exporting, setExporting] = useState<"all" | "selection" | null>(null);
  const [actionProblem, setActionProblem] = useState<ActionProblem | null>(null);

  const filtered = filters.length > 0 || search.trim() !== "";
  const tooMany = selectedIds.length > MAX_SELECTION;

  const runExport = async (format: ExportFormat, which: "all" | "selection") => {
    setExporting(which);
    setActionProblem(null);
    try {
      const url = exportUrl(app, form, format, query, {
        lang: locale,
        ...(which === "selection" ? { ids: selectedIds } : {}),
      });
      await downloadFile(url, `${app}-${form}.${format}`);
    } catch (error) {
      setActionProblem({ title: lm.exportFailed, problem: await toProblem(error) });
    } finally {
      setExporting(null);
    }
  };

  const runDelete = async () => {
    setDeleting(true);
    setDeleteProblem(null);
    try {
      const count = await deleteRecords(app, form, selectedIds);
      setConfirming(false);
      setSelected(new Set());
      if (drawerId !== null && selectedIds.includes(drawerId)) setDrawerId(null);
      setNotice(lm.deleted(count));
      pages.reload();
    } catch (error) {
      setDeleteProblem(await toProblem(error));
    } finally {
      setDeleting(false);
    }
  };

  const clearAll = () => {
    setFilters([]);
    setQueryText("");
    setSearch("");
  };

  const effectiveSort = sort ?? DEFAULT_SORT;
  const sortable = [columns.find((column) => column.key === "id"), ...shown].filter(
    (column): column is ListColumn => column?.sortable === true,
  );

  return (
    <main className="container page list" aria-busy={pages.status === "loading" || pages.updating}>
      <Crumbs loaded={loaded} t={t} />
      <div className="page__head list__head">
        <div>
          <h1 className="page__title" data-testid="form-title">
            {loaded.label}
          </h1>
          <p className="page__intro">{t.recordsHeading}</p>
        </div>
        <div className="list__head-actions">
          <a className="btn btn--ghost" href={routeHash({ page: "import", app, form })} data-testid="import-link">
            {lm.importButton}
          </a>
          <ExportMenu
            label={lm.exportButton}
            hint={filtered ? lm.exportAllHint : undefined}
            busy={exporting === "all"}
            onExport={(format) => {
              void runExport(format, "all");
            }}
            testId="export-menu"
            lm={lm}
          />
          <a className="btn btn--primary" href={routeHash({ page: "new", app, form })} data-testid="new-record">
            {t.newRecord}
          </a>
        </div>
      </div>

      <div className="list__toolbar">
        {searchField !== null && (
          <div className="list__search">
            <label className="visually-hidden" htmlFor={searchId}>
              {t.quickSearch(fieldLabel(searchField, locale))}
            </label>
            <input
              id={searchId}
              className="field__input"
              type="search"
              data-testid="quick-search"
              placeholder={t.quickSearch(fieldLabel(searchField, locale))}
              value={queryText}
              onChange={(event) => {
                setQueryText(event.target.value);
              }}
            />
          </div>
        )}
        <div className="list__tools">
          <ToolToggle
            open={panel === "filter"}
            testId="filter-add"
            icon="M4 5h16l-6 7.5V19l-4-2v-4.5z"
            onToggle={() => {
              setPanel(panel === "filter" ? null : "filter");
            }}
          >
            {lm.filterButton}
            {filters.length > 0 && <span className="chip chip--accent">{filters.length}</span>}
          </ToolToggle>
          <ToolToggle
            open={panel === "columns"}
            testId="columns-button"
            icon="M4 5h16v14H4zM9.5 5v14M14.5 5v14"
            onToggle={() => {
              setPanel(panel === "columns" ? null : "columns");
            }}
          >
            {lm.columnsButton}
          </ToolToggle>
          {compact && (
            <SortSelect
              columns={sortable}
              sort={effectiveSort}
              onChange={setSort}
              locale={locale}
              lm={lm}
            />
          )}
        </div>
      </div>

      {panel === "filter" && (
        <FilterBuilder
          columns={columns}
          onAdd={(filter) => {
            setFilters((current) => addFilter(current, filter));
            setPanel(null);
          }}
          onClose={() => {
            setPanel(null);
          }}
          locale={locale}
          words={words}
          lm={lm}
        />
      )}
      {panel === "columns" && (
        <ColumnsPanel
          columns={columns}
          prefs={prefs}
          onChange={setPrefs}
          onReset={() => {
            clearPrefs(storage(), app, form);
            setPrefsState(defaultPrefs(columns));
          }}
          onClose={() => {
            setPanel(null);
          }}
          locale={locale}
          lm={lm}
        />
      )}

      <FilterChips
        filters={filters}
        columns={columns}
        onRemove={(index) => {
          setFilters((current) => removeFilter(current, index));
        }}
        onClear={() => {
          setFilters([]);
        }}
        locale={locale}
        words={words}
        lm={lm}
      />

      {notice !== null && (
        <p className="list__notice" role="status" data-testid="list-notice">
          <span>{notice}</span>
          <button
            type="button"
            className="list__icon-btn"
            aria-label={lm.close}
            onClick={() => {
              setNotice(null);
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        </p>
      )}
      {actionProblem !== null && (
        <ProblemBanner title={actionProblem.title} problem={actionProblem.problem} testId="action-error" />
      )}

      {selectedIds.length > 0 && (
        <div className="list__bulk" role="region" aria-label={lm.selectedCount(selectedIds.length)} data-testid="bulk-bar">
          <span className="list__bulk-count" data-testid="bulk-count">
            {lm.selectedCount(selectedIds.length)}
          </span>
          {tooMany && <span className="list__bulk-warn">{lm.tooManySelected(MAX_SELECTION)}</span>}
          <div className="list__bulk-actions">
            <ExportMenu
              label={lm.exportSelected}
              busy={exporting === "selection"}
              onExport={(format) => {
                if (!tooMany) void runExport(format, "selection");
              }}
              testId="bulk-export"
              lm={lm}
              className="list__menu--up"
            />
            <button
              type="button"
              className="btn list__btn-danger"
              disabled={tooMany}
              data-testid="bulk-delete"
              onClick={() => {
                setDeleteProblem(null);
                setConfirming(true);
              }}
            >
              {lm.deleteSelected}
            </button>
            <button
              type="button"
              className="btn btn--ghost"
              data-testid="bulk-clear"
              onClick={() => {
                setSelected(new Set());
              }}
            >
              {lm.clearSelection}
            </button>
          </div>
        </div>
      )}

      {pages.status === "loading" && <Loading text={t.loadingRecords} />}
      {pages.status === "error" && pages.problem !== null && (
        <>
          <ErrorState problem={pages.problem} onRetry={pages.reload} title={t.recordsError} testId="error-state" t={t} />
          {(filtered || sort !== null) && (
            <button
              type="button"
              className="btn btn--ghost list__reset"
              data-testid="reset-query"
              onClick={() => {
                clearAll();
                setSort(null);
              }}
            >
              {lm.clearFiltersAndSearch}
            </button>
          )}
        </>
      )}
      {pages.status === "ok" && pages.items.length === 0 && (
        <section className="panel panel--empty" data-testid="empty-state">
          <p className="panel__text">
            {!filtered ? t.noRecords : filters.length > 0 ? lm.noMatchesFiltered : t.noMatches}
          </p>
          {filtered ? (
            <button type="button" className="btn btn--ghost" onClick={clearAll} data-testid="empty-clear">
              {lm.clearFiltersAndSearch}
            </button>
          ) : (
            <div className="list__empty-actions">
              <a className="btn btn--primary" href={routeHash({ page: "new", app, form })}>
                {t.newRecord}
              </a>
              <a className="btn btn--ghost" href={routeHash({ page: "import", app, form })}>
                {lm.importButton}
              </a>
            </div>
          )}
        </section>
      )}
      {pages.status === "ok" && pages.items.length > 0 && (
        <div className={pages.updating ? "list__body list__body--updating" : "list__body"}>
          {pages.updating && (
            <p className="list__updating" role="status">
              <span className="spinner" aria-hidden="true" />
              {lm.updating}
            </p>
          )}
          {compact ? (
            <RecordCards
              items={pages.items}
              columns={shown}
              selected={selected}
              onSelect={setSelected}
              onOpen={setDrawerId}
              locale={locale}
              words={words}
              lm={lm}
            />
          ) : (
            <RecordTable
              loaded={loaded}
              items={pages.items}
              columns={shown}
              idColumn={columns.find((column) => column.key === "id")}
              sort={effectiveSort}
              onSort={(key) => {
                setSort(nextSort(sort, key));
              }}
              selected={selected}
              onSelect={setSelected}
              onOpen={setDrawerId}
              locale={locale}
              words={words}
              lm={lm}
            />
          )}
          <div className="list-foot">
            <span className="count" data-testid="record-count">
              {pages.next === null && pages.total === null
                ? lm.allLoaded
                : lm.shownOfTotal(pages.items.length, pages.total)}
            </span>
            {pages.next !== null && (
              <button
                type="button"
                className="btn btn--secondary"
                data-testid="load-more"
                disabled={pages.moreBusy}
                onClick={pages.loadMore}
              >
                {pages.moreBusy ? t.loadingMore : t.loadMore}
              </button>
            )}
          </div>
          {pages.moreProblem !== null && (
            <ErrorState
              problem={pages.moreProblem}
              onRetry={pages.loadMore}
              title={t.recordsError}
              testId="load-more-error"
              t={t}
            />
          )}
        </div>
      )}

      {drawerId !== null && (
        <RecordDrawer
          key={drawerId}
          loaded={loaded}
          id={drawerId}
          onClose={() => {
            setDrawerId(null);
          }}
          locale={locale}
          t={t}
          lm={lm}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={lm.confirmDeleteTitle(selectedIds.length)}
          text={lm.confirmDeleteText}
          confirmLabel={lm.confirmDelete}
          cancelLabel={lm.filterCancel}
          busy={deleting}
          busyLabel={lm.deleting}
          onConfirm={() => {
            void runDelete();
          }}
          onCancel={() => {
            setConfirming(false);
          }}
        >
          {deleteProblem !== null && (
            <ProblemBanner title={lm.deleteFailed} problem={deleteProblem} testId="delete-error" />
          )}
        </ConfirmDialog>
      )}
    </main>
  );
}

/** A failed action: what the server said, and its per-item errors, in plain words. */
function ProblemBanner(props: { title: string; problem: Problem; testId: string }) {
  const { problem } = props;
  return (
    <div className="banner banner--error list__problem" role="alert" data-testid={props.testId}>
      <p className="list__problem-title">{props.title}</p>
      {problem.detail !== "" ? <p>{problem.detail}</p> : problem.title !== "" && <p>{problem.title}</p>}
      {problem.errors !== undefined && problem.errors.length > 0 && (
        <ul className="list__problem-errors">
          {problem.errors.slice(0, 10).map((error, index) => (
            <li key={`${error.pointer}-${index}`}>{error.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SortSelect(props: {
  columns: readonly ListColumn[];
  sort: SortState;
  onChange: (sort: SortState | null) => void;
  locale: Locale;
  lm: ListMessages;
}) {
  const { columns, sort, locale, lm } = props;
  const value = `${sort.desc ? "-" : ""}${sort.key}`;
  return (
    <label className="select list__sort-select">
      <span className="visually-hidden">{lm.sortLabel}</span>
      <select
        data-testid="sort-select"
        value={value}
        onChange={(event) => {
          const text = event.target.value;
          const desc = text.startsWith("-");
          const key = desc ? text.slice(1) : text;
          props.onChange(key === DEFAULT_SORT.key && desc === DEFAULT_SORT.desc ? null : { key, desc });
        }}
      >
        {columns.flatMap((column) => {
          const label = columnLabel(column, locale, lm);
          return [
            <option key={column.key} value={column.key}>
              {label} ↑
            </option>,
            <option key={`-${column.key}`} value={`-${column.key}`}>
              {label} ↓
            </option>,
          ];
        })}
      </select>
    </label>
  );
}

function RecordTable(props: {
  loaded: LoadedForm;
  items: readonly ListRecord[];
  columns: readonly ListColumn[];
  idColumn: ListColumn | undefined;
  sort: SortState;
  onSort: (key: string) => void;
  selected: ReadonlySet<number>;
  onSelect: (selected: Set<number>) => void;
  onOpen: (id: number) => void;
  locale: Locale;
  words: ValueWords;
  lm: ListMessages;
}) {
  const { loaded, items, columns, sort, selected, locale, words, lm } = props;
  const ids = items.map((record) => record.id);
  const state = pageSelection(selected, ids);
  const header = (column: ListColumn, label: string) => {
    const active = sort.key === column.key;
    const ariaSort = active ? (sort.desc ? "descending" : "ascending") : undefined;
    return (
      <th scope="col" key={column.key} aria-sort={ariaSort} data-column={column.key}>
        {column.sortable ? (
          <button
            type="button"
            className={active ? "list__sort list__sort--on" : "list__sort"}
            data-testid={`sort-${column.key}`}
            title={lm.sortBy(label)}
            onClick={() => {
              props.onSort(column.key);
            }}
          >
            <span>{label}</span>
            <span className="list__sort-mark" aria-hidden="true">
              {active ? (sort.desc ? "↓" : "↑") : "↕"}
            </span>
            {active && <span className="visually-hidden">{sort.desc ? lm.sortedDesc : lm.sortedAsc}</span>}
          </button>
        ) : (
          label
        )}
      </th>
    );
  };
  return (
    <div className="table-wrap list__table-wrap">
      <table className="table list__table" data-testid="record-list">
        <thead>
          <tr>
            <th scope="col" className="list__check-cell">
              <input
                type="checkbox"
                className="list__checkbox"
                aria-label={lm.selectPage}
                data-testid="select-page"
                checked={state === "all"}
                ref={(element) => {
                  if (element !== null) element.indeterminate = state === "some";
                }}
                onChange={() => {
                  props.onSelect(toggleAll(selected, ids));
                }}
              />
            </th>
            {props.idColumn !== undefined && header(props.idColumn, lm.system.id)}
            {columns.map((column) => header(column, columnLabel(column, locale, lm)))}
          </tr>
        </thead>
        <tbody>
          {items.map((record) => (
            <tr
              key={record.id}
              className={selected.has(record.id) ? "table__row--link list__row--selected" : "table__row--link"}
              data-testid="record-row"
              data-record-id={record.id}
              tabIndex={0}
              onClick={() => {
                props.onOpen(record.id);
              }}
              onKeyDown={(event) => {
                if (event.target === event.currentTarget && (event.key === "Enter" || event.key === " ")) {
                  event.preventDefault();
                  props.onOpen(record.id);
                }
              }}
            >
              <td
                className="list__check-cell"
                onClick={(event) => {
                  event.stopPropagation();
                }}
              >
                <RowCheckbox id={record.id} selected={selected} label={lm.selectRow(record.id)} onSelect={props.onSelect} />
              </td>
              <td>
                <a
                  href={routeHash({ page: "record", app: loaded.app, form: loaded.form, id: record.id })}
                  onClick={(event) => {
                    event.stopPropagation();
                  }}
                >
                  #{record.id}
                </a>
              </td>
              {columns.map((column) => (
                <td key={column.key} data-column={column.key}>
                  {cellText(column, record, locale, words)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecordCards(props: {
  items: readonly ListRecord[];
  columns: readonly ListColumn[];
  selected: ReadonlySet<number>;
  onSelect: (selected: Set<number>) => void;
  onOpen: (id: number) => void;
  locale: Locale;
  words: ValueWords;
  lm: ListMessages;
}) {
  const { items, columns, selected, locale, words, lm } = props;
  const ids = items.map((record) => record.id);
  const state = pageSelection(selected, ids);
  return (
    <>
      <label className="check list__select-all">
        <input
          type="checkbox"
          className="list__checkbox"
          data-testid="select-page"
          checked={state === "all"}
          ref={(element) => {
            if (element !== null) element.indeterminate = state === "some";
          }}
          onChange={() => {
            props.onSelect(toggleAll(selected, ids));
          }}
        />
        <span>{lm.selectPage}</span>
      </label>
      <ul className="list__cards" data-testid="record-list">
        {items.map((record) => (
          <li
            key={record.id}
            className={selected.has(record.id) ? "list__card list__card--selected" : "list__card"}
            data-testid="record-row"
            data-record-id={record.id}
          >
            <label className="list__card-check">
              <RowCheckbox id={record.id} selected={selected} label={lm.selectRow(record.id)} onSelect={props.onSelect} />
            </label>
            <div
              role="button"
              tabIndex={0}
              className="list__card-open"
              data-testid="record-open"
              onClick={() => {
                props.onOpen(record.id);
              }}
              onKeyDown={(event) => {
                if (event.key === "Enter" || event.key === " ") {
                  event.preventDefault();
                  props.onOpen(record.id);
                }
              }}
            >
              <span className="list__card-id">#{record.id}</span>
              <dl className="list__card-values">
                {columns.map((column) => {
                  const text = cellText(column, record, locale, words);
                  return (
                    <div key={column.key} className="list__card-value" data-column={column.key}>
                      <dt>{columnLabel(column, locale, lm)}</dt>
                      <dd>{text === "" ? "—" : text}</dd>
                    </div>
                  );
                })}
              </dl>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** A toolbar button that opens and closes a panel under the list (filters, columns). */
function ToolToggle(props: {
  open: boolean;
  testId: string;
  icon: string;
  onToggle: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`btn btn--ghost${props.open ? " list__tool--on" : ""}`}
      aria-expanded={props.open}
      data-testid={props.testId}
      onClick={props.onToggle}
    >
      <svg className="list__tool-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d={props.icon} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
      </svg>
      {props.children}
    </button>
  );
}

/** A record's box in the list's selection (table row or card). */
function RowCheckbox(props: {
  id: number;
  selected: ReadonlySet<number>;
  label: string;
  onSelect: (ids: Set<number>) => void;
}) {
  return (
    <input
      type="checkbox"
      className="list__checkbox"
      aria-label={props.label}
      data-testid="row-select"
      checked={props.selected.has(props.id)}
      onChange={() => {
        props.onSelect(toggleId(props.selected, props.id));
      }}
    />
  );
}
