/** Dialogs: publish (plan and diff in plain words, then confirm) and version history (compare, restore). */
import { useEffect, useId, useState, type ReactNode } from "react";
import { toProblem } from "../api.ts";
import type { Locale } from "../i18n.ts";
import { resolveLabel } from "../labels.ts";
import type { Problem } from "../problem.ts";
import { describeDiff, firstPublishDiff, type ChangeItem, type DiffEntry } from "./changes.ts";
import { diffVersions, listVersions, rollbackForm, type PublishPlan, type VersionInfo } from "./designerApi.ts";
import { typeName, type DesignerMessages } from "./messages.ts";
import type { FormDoc, LabelDoc } from "./model.ts";
import { useModal } from "../useModal.ts";

export function Dialog(props: {
  title: string;
  onClose: () => void;
  testId: string;
  closeLabel: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const ref = useModal();
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      className="designer-dialog"
      aria-labelledby={titleId}
      data-testid={props.testId}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <div className="designer-dialog__inner">
        <header className="designer-dialog__head">
          <h2 id={titleId} className="designer-dialog__title">
            {props.title}
          </h2>
          <button type="button" className="designer-icon-button" aria-label={props.closeLabel} onClick={props.onClose}>
            ×
          </button>
        </header>
        <div className="designer-dialog__body">{props.children}</div>
        {props.footer !== undefined && <footer className="designer-dialog__foot">{props.footer}</footer>}
      </div>
    </dialog>
  );
}

function problemText(problem: Problem): string {
  return [problem.detail || problem.title, ...(problem.errors ?? []).map((e) => e.message)].filter((t) => t !== "").join(" ");
}

/** Changes as sentences; `doc` supplies labels for fields the diff names only by id. */
export function ChangeList(props: { items: readonly ChangeItem[]; doc: FormDoc; locale: Locale; m: DesignerMessages; testId: string }) {
  const { items, doc, locale, m } = props;
  const labelOf = (table: string | null, id: string, label: LabelDoc | null): string => {
    const fromDoc =
      table === null
        ? doc.fields.find((f) => f.id === id)?.label
        : doc.fields.find((f) => f.id === table)?.fields?.find((f) => f.id === id)?.label;
    const text = resolveLabel(label ?? fromDoc ?? null, locale);
    const name = text !== "" && text !== id ? `“${text}” (${id})` : id;
    if (table === null) return name;
    const tableLabel = resolveLabel(doc.fields.find((f) => f.id === table)?.label ?? null, locale) || table;
    return m.inTable(name, tableLabel);
  };
  const propList = (props: readonly string[]) => props.map((p) => m.propNames[p] ?? p).join(", ");
  const sentence = (item: ChangeItem): string => {
    switch (item.kind) {
      case "field_added":
        return m.fieldAdded(labelOf(item.table, item.field, item.label), typeName(m, item.type));
      case "field_removed":
        return m.fieldRemoved(labelOf(item.table, item.field, item.label));
      case "field_changed":
        return m.fieldChanged(labelOf(item.table, item.field, null), propList(item.props));
      case "fields_moved":
        return item.table === null ? m.fieldsMoved : m.columnsMoved(labelOf(null, item.table, null));
      case "form_changed":
        return m.formChanged(propList(item.props));
      case "layout_changed":
        return m.layoutChanged;
      case "rules_changed":
        return m.rulesChanged;
    }
  };
  if (items.length === 0) return <p className="designer-muted">{m.noChanges}</p>;
  return (
    <ul className="designer-changes" data-testid={props.testId}>
      {items.map((item, index) => (
        <li key={index} className={`designer-changes__item designer-changes__item--${item.kind}`} data-kind={item.kind}>
          {sentence(item)}
        </li>
      ))}
    </ul>
  );
}

export function PublishDialog(props: {
  plan: PublishPlan | null;
  doc: FormDoc;
  busy: boolean;
  locale: Locale;
  m: DesignerMessages;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { plan, doc, m, locale } = props;
  const entries: DiffEntry[] | null = plan === null ? null : (plan.diff ?? firstPublishDiff(doc.fields));
  return (
    <Dialog
      title={plan === null ? m.publish : m.publishTitle(plan.version)}
      testId="publish-dialog"
      closeLabel={m.close}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="btn btn--ghost" data-testid="publish-cancel" onClick={props.onClose}>
            {m.cancel}
          </button>
          <button
            type="button"
            className="btn btn--primary"
            data-testid="publish-confirm"
            disabled={plan === null || props.busy}
            aria-busy={props.busy}
            onClick={props.onConfirm}
          >
            {props.busy ? m.publishing : m.confirmPublish}
          </button>
        </>
      }
    >
      {plan === null || entries === null ? (
        <div className="loading" role="status">
          <span className="spinner" aria-hidden="true" />
          <span>{m.publishChecking}</span>
        </div>
      ) : (
        <>
          <p className="designer-muted">{m.publishIntro}</p>
          {plan.diff === null && <p className="banner designer-note">{m.firstPublish}</p>}
          <h3 className="designer-dialog__subtitle">{m.changesTitle}</h3>
          <ChangeList items={describeDiff(entries)} doc={doc} locale={locale} m={m} testId="publish-changes" />
          {plan.steps.length > 0 && (
            <>
              <h3 className="designer-dialog__subtitle">{m.tableTitle}</h3>
              <ul className="designer-changes" data-testid="publish-steps">
                {plan.steps.map((step, index) => (
                  <li key={index} className="designer-changes__item" data-op={step.op}>
                    {m.planStep(step.op, step.field ?? "", step.from, step.to)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Dialog>
  );
}

type Loaded<T> = { status: "loading" } | { status: "ok"; data: T } | { status: "error"; problem: Problem };

function formatTime(iso: string | null, locale: Locale): string {
  if (iso === null) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function HistoryDialog(props: {
  app: string;
  form: string;
  current: number | null;
  dirty: boolean;
  doc: FormDoc;
  locale: Locale;
  m: DesignerMessages;
  onClose: () => void;
  onRestored: (version: number) => void;
}) {
  const { app, form, current, m, locale } = props;
  const [versions, setVersions] = useState<Loaded<VersionInfo[]>>({ status: "loading" });
  const [compare, setCompare] = useState<{ version: number; state: Loaded<DiffEntry[]> } | null>(null);
  const [restore, setRestore] = useState<number | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [restoreError, setRestoreError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listVersions(app, form).then(
      (data) => {
        if (live) setVersions({ status: "ok", data });
      },
      async (error: unknown) => {
        const problem = await toProblem(error);
        if (live) setVersions({ status: "error", problem });
      },
    );
    return () => {
      live = false;
    };
  }, [app, form]);

  const showDiff = (version: number) => {
    if (current === null) return;
    setCompare({ version, state: { status: "loading" } });
    diffVersions(app, form, version, current).then(
      (data) => {
        setCompare({ version, state: { status: "ok", data } });
      },
      async (error: unknown) => {
        const problem = await toProblem(error);
        setCompare({ version, state: { status: "error", problem } });
      },
    );
  };

  const doRestore = async (version: number) => {
    setRestoring(true);
    setRestoreError(null);
    try {
      await rollbackForm(app, form, version);
      props.onRestored(version);
    } catch (error) {
      setRestoreError(problemText(await toProblem(error)));
      setRestoring(false);
    }
  };

  return (
    <Dialog title={m.historyTitle} testId="history-dialog" closeLabel={m.close} onClose={props.onClose}>
      {versions.status === "loading" && (
        <div className="loading" role="status">
          <span className="spinner" aria-hidden="true" />
          <span>{m.historyLoading}</span>
        </div>
      )}
      {versions.status === "error" && (
        <p className="banner banner--error" role="alert">
          {m.historyError} {problemText(versions.problem)}
        </p>
      )}
      {versions.status === "ok" && versions.data.length === 0 && <p className="designer-muted">{m.historyEmpty}</p>}
      {versions.status === "ok" && versions.data.length > 0 && (
        <ol className="designer-versions" data-testid="version-list">
          {versions.data.map((version) => {
            const isCurrent = version.version === current;
            return (
              <li key={version.version} className="designer-version" data-testid="version-row" data-version={version.version}>
                <div className="designer-version__head">
                  <strong>{m.versionName(version.version)}</strong>
                  <span className={version.status === "published" ? "chip chip--accent" : "chip chip--muted"}>
                    {m.statusNames[version.status] ?? version.status}
                  </span>
                  {isCurrent && <span className="chip">{m.currentVersion}</span>}
                </div>
                <p className="designer-version__meta">
                  {m.byAt(version.createdBy ?? "—", formatTime(version.createdAt, locale))}
                  {version.comment !== null && version.comment !== "" && <> · {version.comment}</>}
                </p>
                {!isCurrent && (
                  <div className="designer-version__actions">
                    <button
                      type="button"
                      className="btn btn--ghost btn--sm"
                      data-testid="version-compare"
                      onClick={() => {
                        showDiff(version.version);
                      }}
                    >
                      {m.compare}
                    </button>
                    <button
                      type="button"
                      className="btn btn--secondary btn--sm"
                      data-testid="version-restore"
                      onClick={() => {
                        setRestore(version.version);
                        setRestoreError(null);
                      }}
                    >
                      {m.restore}
                    </button>
                  </div>
                )}
                {compare !== null && compare.version === version.version && current !== null && (
                  <div className="designer-version__diff" data-testid="version-diff">
                    <p className="designer-dialog__subtitle">{m.compareTitle(version.version, current)}</p>
                    {compare.state.status === "loading" && <span className="spinner" aria-hidden="true" />}
                    {compare.state.status === "error" && (
                      <p className="banner banner--error" role="alert">
                        {problemText(compare.state.problem)}
                      </p>
                    )}
                    {compare.state.status === "ok" && (
                      <ChangeList items={describeDiff(compare.state.data)} doc={props.doc} locale={locale} m={m} testId="version-changes" />
                    )}
                  </div>
                )}
                {restore === version.version && (
                  <div className="designer-confirm" role="alertdialog" aria-label={m.restoreTitle(version.version)} data-testid="restore-confirm">
                    <p className="designer-confirm__title">{m.restoreTitle(version.version)}</p>
                    <p className="designer-muted">{m.restoreText}</p>
                    {props.dirty && <p className="designer-warning">{m.restoreUnsaved}</p>}
                    {restoreError !== null && (
                      <p className="banner banner--error" role="alert">
                        {restoreError}
                      </p>
                    )}
                    <div className="designer-confirm__actions">
                      <button
                        type="button"
                        className="btn btn--ghost btn--sm"
                        onClick={() => {
                          setRestore(null);
                        }}
                      >
                        {m.cancel}
                      </button>
                      <button
                        type="button"
                        className="btn btn--primary btn--sm"
                        data-testid="restore-confirm-button"
                        disabled={restoring}
                        aria-busy={restoring}
                        onClick={() => {
                          void doRestore(version.version);
                        }}
                      >
                        {m.confirmRestore}
                      </button>
                    </div>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </Dialog>
  );
}
