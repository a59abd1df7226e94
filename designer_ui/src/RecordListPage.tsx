import { useEffect, useId, useState } from "react";
import { getJson, toProblem } from "./api.ts";
import { ErrorState } from "./ErrorState.tsx";
import { fieldLabel } from "./fields.ts";
import { Crumbs, type LoadedForm } from "./FormGate.tsx";
import { formatValue } from "./format.ts";
import { formatDateTime, type Locale, type Messages } from "./i18n.ts";
import { Loading } from "./Loading.tsx";
import type { Problem } from "./problem.ts";
import { parseRecordPage, recordListUrl, type RecordItem } from "./recordsApi.ts";
import { navigate, routeHash } from "./route.ts";
import { useJson } from "./useJson.ts";

const SEARCH_DELAY_MS = 300;

interface MorePages {
  /** The first page's URL these pages follow. */
  url: string;
  items: RecordItem[];
  next: string | null;
}

export function RecordListPage(props: { loaded: LoadedForm; locale: Locale; t: Messages }) {
  const { loaded, locale, t } = props;
  const { app, form, definition } = loaded;
  const columns = definition.fields.slice(0, 6);
  const searchField = definition.fields.find((field) => field.type === "text") ?? null;
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState("");
  const searchId = useId();

  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSearch(query);
    }, SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [query]);

  const url = recordListUrl(app, form, { searchField: searchField?.id ?? null, search });
  const [first, retry] = useJson(url, parseRecordPage);
  const [more, setMore] = useState<MorePages | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreProblem, setMoreProblem] = useState<Problem | null>(null);

  const extra = more !== null && more.url === url ? more : null;
  const items = first.status === "ok" ? [...first.data.items, ...(extra?.items ?? [])] : [];
  const next = first.status === "ok" ? (extra === null ? first.data.next_cursor : extra.next) : null;
  const total = first.status === "ok" ? first.data.total : null;
  const words = { yes: t.yes, no: t.no, rows: t.rows };

  const loadMore = async () => {
    if (next === null) return;
    setMoreBusy(true);
    setMoreProblem(null);
    try {
      const page = await getJson(
        recordListUrl(app, form, { cursor: next, searchField: searchField?.id ?? null, search }),
        parseRecordPage,
      );
      setMore({ url, items: [...(extra?.items ?? []), ...page.items], next: page.next_cursor });
    } catch (error) {
      setMoreProblem(await toProblem(error));
    } finally {
      setMoreBusy(false);
    }
  };

  const open = (id: number) => {
    navigate({ page: "record", app, form, id });
  };

  return (
    <main className="container page" aria-busy={first.status === "loading"}>
      <Crumbs loaded={loaded} t={t} />
      <div className="page__head">
        <div>
          <h1 className="page__title" data-testid="form-title">
            {loaded.label}
          </h1>
          <p className="page__intro">{t.recordsHeading}</p>
        </div>
        <a className="btn btn--primary" href={routeHash({ page: "new", app, form })} data-testid="new-record">
          {t.newRecord}
        </a>
      </div>

      {searchField !== null && (
        <div className="toolbar">
          <label className="visually-hidden" htmlFor={searchId}>
            {t.quickSearch(fieldLabel(searchField, locale))}
          </label>
          <input
            id={searchId}
            className="field__input"
            type="search"
            data-testid="quick-search"
            placeholder={t.quickSearch(fieldLabel(searchField, locale))}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
            }}
          />
        </div>
      )}

      {first.status === "loading" && <Loading text={t.loadingRecords} />}
      {first.status === "error" && (
        <ErrorState problem={first.problem} onRetry={retry} title={t.recordsError} testId="error-state" t={t} />
      )}
      {first.status === "ok" && items.length === 0 && (
        <section className="panel panel--empty" data-testid="empty-state">
          <p className="panel__text">{search.trim() === "" ? t.noRecords : t.noMatches}</p>
        </section>
      )}
      {first.status === "ok" && items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="record-list">
              <thead>
                <tr>
                  <th scope="col">{t.recordId}</th>
                  {columns.map((field) => (
                    <th scope="col" key={field.id}>
                      {fieldLabel(field, locale)}
                    </th>
                  ))}
                  <th scope="col">{t.createdAt}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((record) => (
                  <tr
                    key={record.id}
                    className="table__row--link"
                    data-testid="record-row"
                    data-record-id={record.id}
                    onClick={() => {
                      open(record.id);
                    }}
                  >
                    <td>
                      <a href={routeHash({ page: "record", app, form, id: record.id })}>#{record.id}</a>
                    </td>
                    {columns.map((field) => (
                      <td key={field.id}>{formatValue(field, record.data[field.id], locale, words)}</td>
                    ))}
                    <td>{formatDateTime(record.created_at, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="list-foot">
            <span className="count">{t.recordCount(items.length, total)}</span>
            {next !== null && (
              <button
                type="button"
                className="btn btn--secondary"
                data-testid="load-more"
                disabled={moreBusy}
                onClick={() => {
                  void loadMore();
                }}
              >
                {moreBusy ? t.loadingMore : t.loadMore}
              </button>
            )}
          </div>
          {moreProblem !== null && (
            <ErrorState
              problem={moreProblem}
              onRetry={() => {
                void loadMore();
              }}
              title={t.recordsError}
              testId="load-more-error"
              t={t}
            />
          )}
        </>
      )}
    </main>
  );
}
