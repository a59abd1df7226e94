/** The designer workspace: palette, canvas (or preview) and properties, with saving, publishing and history. */
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { toProblem } from "../api.ts";
import type { Locale, Messages } from "../i18n.ts";
import { resolveLabel } from "../labels.ts";
import type { Problem, ProblemError } from "../problem.ts";
import { routeHash } from "../route.ts";
import { Canvas, containerDndId, type DragData, type DropTarget } from "./Canvas.tsx";
import { publishForm, saveForm, type LoadedVersion, type PublishPlan } from "./designerApi.ts";
import { HistoryDialog, PublishDialog } from "./Dialogs.tsx";
import { contains, insertionIndex, pickContainer, sectionIndex, type Box, type Point } from "./dropTarget.ts";
import { Segmented } from "./editors.tsx";
import { glyphOf, type FieldType, type PaletteItem } from "./fieldTypes.ts";
import { designerMessages, type DesignerMessages } from "./messages.ts";
import {
  accepts,
  addSection,
  containerFields,
  containerOf,
  duplicateField,
  emptyForm,
  findField,
  insertField,
  labelPart,
  moveField,
  moveSection,
  newField,
  parseContainer,
  refKey,
  removeField,
  removeSection,
  renameField,
  sameRef,
  sectionContainer,
  sectionsOf,
  serialize,
  setFieldProp,
  setLabelPart,
  updateSection,
  type ContainerId,
  type FieldRef,
  type FormDoc,
  type LabelDoc,
  type Selection,
} from "./model.ts";
import { guardLeaving } from "./leaveGuard.ts";
import { Palette } from "./Palette.tsx";
import {
  clearFieldErrors,
  indexErrors,
  locatePointer,
  NO_ERRORS,
  renameFieldErrors,
  type ErrorIndex,
} from "./pointers.ts";
import { Preview } from "./Preview.tsx";
import { PropertyPanel, type PanelActions } from "./PropertyPanel.tsx";
import { forgetAppForms } from "./useAppForms.ts";
import { validateDocument } from "./validate.ts";
import { LOCALES } from "../i18n.ts";
import "./designer.css";

export interface Notice {
  tone: "success" | "error" | "info";
  text: string;
  items?: { text: string; ref: FieldRef | null }[];
  /** Undo of a delete: offered while the document is still the one right after it. */
  undo?: { before: FormDoc; after: FormDoc };
}

type Tab = "palette" | "canvas" | "properties" | "preview";

interface Saved {
  doc: FormDoc;
  json: string;
  version: number | null;
  status: string | null;
  publishedVersion: number | null;
}

const NARROW = "(max-width: 63.99rem)";

function isNarrow(): boolean {
  return typeof window !== "undefined" && window.matchMedia(NARROW).matches;
}

function boxOf(element: Element): Box {
  const rect = element.getBoundingClientRect();
  return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
}

function dragType(data: DragData | undefined): FieldType | "section" | null {
  if (data === undefined) return null;
  return data.kind === "palette" ? data.item : data.type;
}

function cssEscape(value: string): string {
  return typeof CSS !== "undefined" && typeof CSS.escape === "function" ? CSS.escape(value) : value.replace(/["\\]/g, "\\$&");
}

/** The container under `point` that can take what is dragged (never one inside the dragged card). */
/** Is the point over the canvas? (A drop anywhere else, e.g. back on the palette, does nothing.) */
function overCanvas(point: Point): boolean {
  const canvas = document.querySelector('[data-testid="canvas"]');
  return canvas !== null && contains(boxOf(canvas), point);
}

function containerAt(point: Point, data: DragData | undefined, activeId: UniqueIdentifier): ContainerId | null {
  const type = dragType(data);
  if (type === null || type === "section" || !overCanvas(point)) return null;
  const activeNode = document.querySelector(`[data-dnd-item="${cssEscape(String(activeId))}"]`);
  const candidates: { id: ContainerId; box: Box; depth: number }[] = [];
  for (const node of document.querySelectorAll<HTMLElement>("[data-dnd-container]")) {
    const container = parseContainer(node.dataset.dndContainer ?? "");
    if (container === null || !accepts(container, type)) continue;
    if (activeNode?.contains(node) === true) continue;
    const box = boxOf(node);
    if (box.width === 0 && box.height === 0) continue;
    let depth = 0;
    for (let parent = node.parentElement; parent !== null; parent = parent.parentElement) {
      if (parent.dataset.dndContainer !== undefined) depth += 1;
    }
    candidates.push({ id: container, box, depth });
  }
  return pickContainer(point, candidates);
}

function dropTargetAt(
  point: Point | null,
  data: DragData | undefined,
  container: ContainerId | null,
  activeId: UniqueIdentifier,
): DropTarget | null {
  if (point === null || data === undefined) return null;
  if (data.kind === "palette" && data.item === "section") {
    if (!overCanvas(point)) return null;
    const boxes = [...document.querySelectorAll("[data-dnd-section]")].map(boxOf);
    return { kind: "section", index: sectionIndex(point, boxes) };
  }
  if (container === null) return null;
  const zone = document.querySelector(`[data-dnd-container="${cssEscape(container)}"]`);
  if (zone === null) return null;
  const boxes = [...zone.children]
    .filter((el): el is HTMLElement => el instanceof HTMLElement && el.dataset.dndItem !== undefined && el.dataset.dndItem !== String(activeId))
    .map(boxOf);
  return { kind: "field", container, index: insertionIndex(point, boxes) };
}

function sameTarget(a: DropTarget | null, b: DropTarget | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function newFieldTexts(type: FieldType, m: DesignerMessages) {
  const label: Record<string, string> = {};
  for (const locale of LOCALES) label[locale] = designerMessages[locale].typeNames[type];
  return { label, option: (n: number): LabelDoc => m.newOptionLabel(n) };
}

export function Designer(props: {
  app: string;
  form: string;
  appLabel: LabelDoc;
  initial: LoadedVersion | null;
  notice: Notice | null;
  locale: Locale;
  t: Messages;
  onReload: (notice: Notice) => void;
}) {
  const { app, form, locale, initial } = props;
  const m = designerMessages[locale];
  const [doc, setDoc] = useState<FormDoc>(() => initial?.document ?? emptyForm(form));
  const [saved, setSaved] = useState<Saved>(() => {
    const base = initial?.document ?? emptyForm(form);
    return {
      doc: base,
      json: serialize(base),
      version: initial?.version ?? null,
      status: initial?.status ?? null,
      publishedVersion: initial?.publishedVersion ?? null,
    };
  });
  const dirty = serialize(doc) !== saved.json;
  const [selection, setSelection] = useState<Selection>({ kind: "form" });
  const [serial, setSerial] = useState(0);
  const [errors, setErrors] = useState<ErrorIndex>(NO_ERRORS);
  const [notice, setNotice] = useState<Notice | null>(props.notice);
  const [busy, setBusy] = useState<"save" | "publish" | null>(null);
  const [publishing, setPublishing] = useState<{ plan: PublishPlan | null } | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [tab, setTab] = useState<Tab>("canvas");
  const scrollTo = useRef<string | null>(null);

  // ---- selection -----------------------------------------------------------

  const select = useCallback((next: Selection) => {
    setSelection(next);
    setSerial((n) => n + 1);
  }, []);

  const selectFromCanvas = useCallback(
    (next: Selection) => {
      select(next);
      if (isNarrow()) setTab("properties");
    },
    [select],
  );

  // After a refused save or publish: bring the first message of the panel into view.
  const revealError = useRef(false);
  useLayoutEffect(() => {
    if (!revealError.current) return;
    revealError.current = false;
    const first = document.querySelector('[data-testid="property-panel"] [role="alert"]');
    if (!(first instanceof HTMLElement)) return;
    const pane = first.closest(".designer__pane--properties");
    if (pane instanceof HTMLElement && pane.scrollHeight > pane.clientHeight) {
      // Wide screens: scroll the panel itself, so the page (and its notice) stays put.
      const offset = first.getBoundingClientRect().top - pane.getBoundingClientRect().top;
      pane.scrollTop += offset - pane.clientHeight / 3;
    } else if (typeof first.scrollIntoView === "function") {
      first.scrollIntoView({ block: "nearest" });
    }
  });

  useLayoutEffect(() => {
    const key = scrollTo.current;
    if (key === null) return;
    scrollTo.current = null;
    const node = document.querySelector(`[data-field-ref="${cssEscape(key)}"]`);
    if (node instanceof HTMLElement && typeof node.scrollIntoView === "function") node.scrollIntoView({ block: "nearest" });
  });

  // Narrow screens: a newly shown pane starts at its top, just under the sticky tabs.
  const workspace = useRef<HTMLDivElement>(null);
  const tabsBar = useRef<HTMLDivElement>(null);
  const shownTab = useRef(tab);
  useLayoutEffect(() => {
    if (shownTab.current === tab) return;
    shownTab.current = tab;
    if (!isNarrow() || workspace.current === null) return;
    const offset = tabsBar.current?.getBoundingClientRect().height ?? 0;
    const top = workspace.current.getBoundingClientRect().top;
    if (top < offset) window.scrollBy({ top: top - offset - 8 });
  }, [tab]);

  // ---- unsaved changes -------------------------------------------------------

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    const unguard = guardLeaving(() => window.confirm(m.leaveConfirm));
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      unguard();
    };
  }, [dirty, m]);

  // ---- editing ---------------------------------------------------------------

  const lastContainer = (d: FormDoc): ContainerId => {
    const sections = sectionsOf(d);
    const last = sections[sections.length - 1];
    return last === undefined ? "root" : sectionContainer(last.id);
  };

  const add = (item: PaletteItem, container?: ContainerId, index?: number) => {
    if (item === "section") {
      const result = addSection(doc, { ...m.newSectionLabel }, index);
      setDoc(result.doc);
      select({ kind: "section", id: result.id });
      return;
    }
    const field = newField(doc, item, newFieldTexts(item, m));
    const where = container ?? lastContainer(doc);
    const next = insertField(doc, field, where, index ?? Number.MAX_SAFE_INTEGER);
    if (next === null) return;
    setDoc(next);
    const ref: FieldRef = { table: where.startsWith("table:") ? where.slice("table:".length) : null, id: field.id };
    select({ kind: "field", ref });
    scrollTo.current = refKey(ref);
  };

  const removeWithUndo = (ref: FieldRef) => {
    const field = findField(doc, ref);
    if (field === undefined) return;
    const after = removeField(doc, ref);
    setDoc(after);
    if (selection.kind === "field" && (sameRef(selection.ref, ref) || selection.ref.table === ref.id)) select({ kind: "form" });
    setNotice({ tone: "info", text: m.fieldDeleted(resolveLabel(field.label, locale) || field.id), undo: { before: doc, after } });
  };

  const duplicate = (ref: FieldRef) => {
    const result = duplicateField(doc, ref);
    if (result === null) return;
    setDoc(result.doc);
    select({ kind: "field", ref: result.ref });
    scrollTo.current = refKey(result.ref);
  };

  const moveTo = (ref: FieldRef, container: ContainerId, index: number) => {
    const result = moveField(doc, ref, container, index);
    if (result === null) return;
    setDoc(result.doc);
    if (selection.kind === "field" && sameRef(selection.ref, ref)) setSelection({ kind: "field", ref: result.ref });
    setErrors((e) => renameFieldErrors(e, refKey(ref), refKey(result.ref)));
  };

  const panelActions: PanelActions = {
    setFieldProp: (ref, prop, value) => {
      setDoc((d) => setFieldProp(d, ref, prop, value));
      setErrors((e) => clearFieldErrors(e, refKey(ref), prop));
    },
    renameField: (ref, id) => {
      const next = renameField(doc, ref, id);
      if (next === null) return;
      const renamed: FieldRef = { table: ref.table, id };
      setDoc(next);
      setErrors((e) => clearFieldErrors(renameFieldErrors(e, refKey(ref), refKey(renamed)), refKey(renamed), "id"));
      // Same field, new key: keep the panel (and the text being typed).
      setSelection({ kind: "field", ref: renamed });
    },
    moveToSection: (ref, section) => {
      const container = section === null ? "root" : sectionContainer(section);
      moveTo(ref, container, Number.MAX_SAFE_INTEGER);
      setErrors((e) => clearFieldErrors(e, refKey(ref), "section"));
    },
    duplicate,
    remove: removeWithUndo,
    moveBy: (ref, delta) => {
      const container = containerOf(doc, ref);
      const index = containerFields(doc, container).findIndex((f) => f.id === ref.id);
      if (index < 0) return;
      moveTo(ref, container, Math.max(0, index + delta));
    },
    select,
    setForm: (change, clear) => {
      setDoc((d) => change(d));
      if (clear !== undefined) setErrors((e) => ({ ...e, form: e.form.filter((x) => x.prop !== clear) }));
    },
    updateSection: (id, change) => {
      setDoc((d) => updateSection(d, id, change));
      if (change.id !== undefined && selection.kind === "section" && selection.id === id) {
        setSelection({ kind: "section", id: change.id });
      }
    },
    removeSection: (id) => {
      setDoc((d) => removeSection(d, id));
      select({ kind: "form" });
    },
  };

  // ---- saving and publishing ---------------------------------------------------

  const showProblem = (sent: FormDoc, problem: Problem, headline: string) => {
    const list: ProblemError[] = problem.errors ?? [];
    const index = indexErrors(sent, list);
    setErrors(index);
    revealError.current = true;
    if (index.firstField !== null) {
      select({ kind: "field", ref: index.firstField });
      if (isNarrow()) setTab("properties");
    } else if (list.length > 0) {
      select({ kind: "form" });
    }
    const items = list.map((error) => {
      const target = locatePointer(sent, error.pointer);
      if (target.kind !== "field") return { text: error.message, ref: null };
      const field = findField(sent, target.ref);
      const name = resolveLabel(field?.label ?? null, locale) || target.ref.id;
      return { text: `${name}: ${error.message}`, ref: target.ref };
    });
    const detail = problem.detail !== "" ? problem.detail : problem.title;
    setNotice({ tone: "error", text: list.length > 0 ? headline : `${headline} ${detail}`.trim(), items });
  };

  /** Save the document as a draft; the saved version, or `null` if it was refused. */
  const save = async (): Promise<number | null> => {
    const sent = doc;
    const local = validateDocument(sent);
    if (local.length > 0) {
      showProblem(
        sent,
        {
          kind: "invalid",
          status: null,
          title: "",
          detail: "",
          code: "",
          retryAfterSeconds: null,
          errors: local.map((e) => ({ pointer: e.pointer, code: e.code, message: m.localErrors[e.code](e.limit) })),
        },
        m.notSaved(local.length),
      );
      return null;
    }
    setBusy("save");
    try {
      const result = await saveForm(app, form, sent);
      const unchanged = result.version === saved.version;
      setSaved((s) => ({
        doc: sent,
        json: serialize(sent),
        version: result.version,
        status: result.status,
        publishedVersion: s.publishedVersion,
      }));
      setErrors(NO_ERRORS);
      forgetAppForms(app);
      setNotice({ tone: unchanged ? "info" : "success", text: unchanged ? m.unchangedToast : m.savedToast(result.version) });
      return result.version;
    } catch (error) {
      const problem = await toProblem(error);
      showProblem(sent, problem, m.notSaved(problem.errors?.length ?? 0));
      return null;
    } finally {
      setBusy(null);
    }
  };

  const startPublish = async () => {
    let version = saved.version;
    let sent = saved.doc;
    if (dirty || version === null) {
      sent = doc;
      version = await save();
      if (version === null) return;
    }
    setPublishing({ plan: null });
    setBusy("publish");
    try {
      const plan = await publishForm(app, form, version, true);
      setPublishing({ plan });
    } catch (error) {
      setPublishing(null);
      showProblem(sent, await toProblem(error), m.notPublished);
    } finally {
      setBusy(null);
    }
  };

  const confirmPublish = async () => {
    const plan = publishing?.plan;
    if (plan === undefined || plan === null) return;
    setBusy("publish");
    try {
      const result = await publishForm(app, form, plan.version, false);
      setSaved((s) => ({ ...s, status: s.version === result.version ? "published" : s.status, publishedVersion: result.version }));
      setPublishing(null);
      setErrors(NO_ERRORS);
      forgetAppForms(app);
      setNotice({ tone: "success", text: m.publishedToast(result.version) });
    } catch (error) {
      setPublishing(null);
      showProblem(saved.doc, await toProblem(error), m.notPublished);
    } finally {
      setBusy(null);
    }
  };

  // ---- drag and drop -------------------------------------------------------------

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] } }),
  );
  const [active, setActive] = useState<{ id: string; data: DragData } | null>(null);
  const [target, setTarget] = useState<DropTarget | null>(null);
  const point = useRef<Point | null>(null);
  const over = useRef<ContainerId | null>(null);

  const collisionDetection: CollisionDetection = useCallback((args) => {
    const rect = args.collisionRect;
    const at = args.pointerCoordinates ?? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    point.current = at;
    const container = containerAt(at, args.active.data.current as DragData | undefined, args.active.id);
    over.current = container;
    return container === null ? [] : [{ id: containerDndId(container) }];
  }, []);

  const refreshTarget = (id: UniqueIdentifier, data: DragData | undefined) => {
    const next = dropTargetAt(point.current, data, over.current, id);
    setTarget((current) => (sameTarget(current, next) ? current : next));
  };

  const onDragStart = (event: DragStartEvent) => {
    const data = event.active.data.current as DragData | undefined;
    if (data === undefined) return;
    setActive({ id: String(event.active.id), data });
    setTarget(null);
  };

  const endDrag = () => {
    setActive(null);
    setTarget(null);
    point.current = null;
    over.current = null;
  };

  const onDragEnd = (event: DragEndEvent) => {
    const data = event.active.data.current as DragData | undefined;
    const drop = dropTargetAt(point.current, data, over.current, event.active.id);
    endDrag();
    if (data === undefined || drop === null) return;
    if (data.kind === "palette") {
      if (drop.kind === "section") add("section", undefined, drop.index);
      else add(data.item, drop.container, drop.index);
      return;
    }
    if (drop.kind === "field") moveTo(data.ref, drop.container, drop.index);
  };

  const placeName = (container: ContainerId | null): string => {
    if (container === null || container === "root") return m.placeForm;
    if (container.startsWith("section:")) {
      const section = sectionsOf(doc).find((s) => `section:${s.id}` === container);
      return m.placeSection(resolveLabel(section?.label ?? null, locale) || m.sectionUntitled);
    }
    const id = container.slice("table:".length);
    const table = doc.fields.find((f) => f.id === id);
    return m.placeTable(resolveLabel(table?.label ?? null, locale) || id);
  };

  const dragName = (data: DragData | undefined): string => {
    if (data === undefined) return "";
    if (data.kind === "palette") return m.typeNames[data.item];
    const field = findField(doc, data.ref);
    return resolveLabel(field?.label ?? null, locale) || data.ref.id;
  };

  const announcements: Announcements = {
    onDragStart: ({ active: a }) => m.dndPickedUp(dragName(a.data.current as DragData | undefined)),
    onDragMove: () => undefined,
    onDragOver: ({ over: o }) => (o === null ? undefined : m.dndOver(placeName(parseContainer(String(o.id).replace(/^container:/, ""))))),
    onDragEnd: ({ active: a, over: o }) =>
      o === null
        ? m.dndCancelled(dragName(a.data.current as DragData | undefined))
        : m.dndDropped(dragName(a.data.current as DragData | undefined), placeName(parseContainer(String(o.id).replace(/^container:/, "")))),
    onDragCancel: ({ active: a }) => m.dndCancelled(dragName(a.data.current as DragData | undefined)),
  };

  // ---- rendering -------------------------------------------------------------------

  const title = resolveLabel(doc.label, locale) || form;
  const statusKey = saved.version === null ? "new" : (saved.status ?? "draft");
  const tabs: { id: Tab; label: string }[] = [
    { id: "palette", label: m.tabPalette },
    { id: "canvas", label: m.tabCanvas },
    { id: "properties", label: m.tabProperties },
    { id: "preview", label: m.tabPreview },
  ];
  const viewSwitch = (
    <Segmented
      label={m.tabsLabel}
      value={tab === "preview" ? "preview" : "canvas"}
      choices={[
        { value: "canvas", label: m.tabCanvas },
        { value: "preview", label: m.tabPreview },
      ]}
      testId="view-switch"
      onChange={(value) => {
        setTab(value === "preview" ? "preview" : "canvas");
      }}
    />
  );

  return (
    <main className="designer" data-testid="designer" aria-busy={busy !== null}>
      <div className="designer__top">
        <nav className="crumbs">
          <a href={routeHash({ page: "app", app })}>← {resolveLabel(props.appLabel, locale) || app}</a>
        </nav>
        <div className="designer__head">
          <div className="designer__title-block">
            <h1 className="page__title designer__title" data-testid="designer-title">
              {title}
            </h1>
            <div className="designer__chips">
              <code className="code code--sm">{form}</code>
              <span
                className={statusKey === "published" ? "chip chip--accent" : "chip chip--muted"}
                data-testid="designer-status"
                data-status={statusKey}
              >
                {m.statusNames[statusKey] ?? statusKey}
              </span>
              {saved.version !== null && <span className="chip">{m.versionChip(saved.version)}</span>}
              {saved.publishedVersion !== null && saved.publishedVersion !== saved.version && (
                <span className="chip chip--accent">{m.publishedChip(saved.publishedVersion)}</span>
              )}
              <span className={dirty ? "designer__dirty is-dirty" : "designer__dirty"} data-testid="dirty-state" data-dirty={dirty}>
                {dirty ? m.unsaved : m.allSaved}
              </span>
            </div>
          </div>
          <div className="designer__actions">
            <button
              type="button"
              className="btn btn--ghost"
              data-testid="open-history"
              disabled={saved.version === null}
              onClick={() => {
                setHistoryOpen(true);
              }}
            >
              <span className="designer__long">{m.history}</span>
              <span className="designer__short">{m.historyShort}</span>
            </button>
            <button
              type="button"
              className="btn btn--secondary"
              data-testid="save-draft"
              disabled={busy !== null || (!dirty && saved.version !== null)}
              aria-busy={busy === "save"}
              onClick={() => {
                void save();
              }}
            >
              {busy === "save" ? m.saving : m.save}
            </button>
            <button
              type="button"
              className="btn btn--primary"
              data-testid="publish"
              disabled={busy !== null || (!dirty && saved.status === "published")}
              aria-busy={busy === "publish"}
              onClick={() => {
                void startPublish();
              }}
            >
              {busy === "publish" ? m.publishing : m.publish}
            </button>
          </div>
        </div>
        {saved.version === null && (
          <div className="designer__intro" data-testid="new-form-intro">
            <span className="chip chip--accent">{m.newFormBadge}</span>
            <p>{m.newFormIntro}</p>
            <label className="designer__intro-field">
              <span className="designer-prop__label">{m.formNameLabel}</span>
              <input
                className="designer-input"
                value={labelPart(doc.label, locale)}
                placeholder={m.formNamePlaceholder}
                maxLength={200}
                data-testid="new-form-label"
                aria-invalid={errors.form.some((e) => e.prop === "label") ? true : undefined}
                onChange={(event) => {
                  const label = setLabelPart(doc.label, locale, event.target.value, LOCALES);
                  setDoc((d) => ({ ...d, label }));
                  setErrors((e) => ({ ...e, form: e.form.filter((x) => x.prop !== "label") }));
                }}
              />
              {errors.form
                .filter((e) => e.prop === "label")
                .map((e, index) => (
                  <span key={index} className="designer-prop__error" role="alert" data-testid="new-form-label-error">
                    {e.message}
                  </span>
                ))}
            </label>
          </div>
        )}
        {notice !== null && (
          <div
            className={`designer-notice designer-notice--${notice.tone}`}
            role={notice.tone === "error" ? "alert" : "status"}
            data-testid="designer-notice"
            data-tone={notice.tone}
          >
            <div className="designer-notice__row">
              <p className="designer-notice__text">{notice.text}</p>
              {notice.undo?.after === doc && (
                <button
                  type="button"
                  className="btn btn--secondary btn--sm"
                  data-testid="undo-delete"
                  onClick={() => {
                    if (notice.undo !== undefined) setDoc(notice.undo.before);
                    setNotice(null);
                  }}
                >
                  {m.undo}
                </button>
              )}
              <button
                type="button"
                className="designer-icon-button"
                aria-label={m.dismiss}
                onClick={() => {
                  setNotice(null);
                }}
              >
                ×
              </button>
            </div>
            {(notice.items ?? []).length > 0 && (
              <ul className="designer-notice__list">
                {(notice.items ?? []).map((item, index) => (
                  <li key={index}>
                    {item.ref === null ? (
                      item.text
                    ) : (
                      <button
                        type="button"
                        className="designer-link-button"
                        onClick={() => {
                          if (item.ref !== null) selectFromCanvas({ kind: "field", ref: item.ref });
                        }}
                      >
                        {item.text}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>

      <div ref={tabsBar} className="designer__tabs" role="tablist" aria-label={m.tabsLabel}>
        {tabs.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            aria-selected={tab === item.id}
            className={tab === item.id ? "designer__tab is-on" : "designer__tab"}
            data-testid={`tab-${item.id}`}
            onClick={() => {
              setTab(item.id);
            }}
          >
            {item.label}
            {item.id === "properties" && errors.count > 0 && (
              <span className="designer-badge designer-badge--dot" aria-hidden="true">
                {errors.count}
              </span>
            )}
          </button>
        ))}
      </div>

      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        autoScroll={{ threshold: { x: 0, y: 0.1 } }}
        onDragStart={onDragStart}
        onDragMove={(event) => {
          refreshTarget(event.active.id, event.active.data.current as DragData | undefined);
        }}
        onDragOver={(event) => {
          refreshTarget(event.active.id, event.active.data.current as DragData | undefined);
        }}
        onDragEnd={onDragEnd}
        onDragCancel={endDrag}
        accessibility={{ announcements, screenReaderInstructions: { draggable: m.dndInstructions } }}
      >
        <div ref={workspace} className="designer__workspace" data-tab={tab}>
          <aside className="designer__pane designer__pane--palette" aria-label={m.paletteTitle}>
            <Palette
              m={m}
              onAdd={(item) => {
                add(item);
                if (isNarrow()) setTab("canvas");
              }}
            />
          </aside>
          <section className="designer__pane designer__pane--canvas" aria-label={m.canvasTitle}>
            <div className="designer__pane-head">
              <h2 className="designer-pane__title">{m.canvasTitle}</h2>
              <div className="designer__view-switch">{viewSwitch}</div>
            </div>
            <Canvas
              doc={doc}
              locale={locale}
              m={m}
              errors={errors}
              selection={selection}
              activeId={active?.id ?? null}
              target={target}
              actions={{
                select: selectFromCanvas,
                duplicate,
                remove: removeWithUndo,
                addSection: () => {
                  add("section");
                },
                moveSection: (id, delta) => {
                  const index = sectionsOf(doc).findIndex((s) => s.id === id);
                  setDoc(moveSection(doc, id, index + delta));
                },
                removeSection: panelActions.removeSection,
                setColumns: (id, columns) => {
                  panelActions.updateSection(id, { columns });
                },
              }}
            />
          </section>
          <section className="designer__pane designer__pane--preview" aria-label={m.previewTitle}>
            <div className="designer__pane-head">
              <h2 className="designer-pane__title">{m.previewTitle}</h2>
              <div className="designer__view-switch">{viewSwitch}</div>
            </div>
            <Preview doc={doc} locale={locale} m={m} />
          </section>
          <aside className="designer__pane designer__pane--properties" aria-label={m.propertiesTitle}>
            <PropertyPanel
              key={serial}
              app={app}
              doc={doc}
              selection={selection}
              errors={errors}
              locale={locale}
              m={m}
              actions={panelActions}
            />
          </aside>
        </div>
        <DragOverlay dropAnimation={null} className="designer-overlay">
          {active !== null && (
            <div className="designer-overlay__card" data-testid="drag-overlay">
              <span className="designer-glyph" aria-hidden="true">
                {glyphOf(active.data.kind === "palette" ? active.data.item : active.data.type)}
              </span>
              <span>{dragName(active.data)}</span>
            </div>
          )}
        </DragOverlay>
      </DndContext>

      {publishing !== null && (
        <PublishDialog
          plan={publishing.plan}
          doc={saved.doc}
          busy={busy === "publish" && publishing.plan !== null}
          locale={locale}
          m={m}
          onConfirm={() => {
            void confirmPublish();
          }}
          onClose={() => {
            setPublishing(null);
          }}
        />
      )}
      {historyOpen && (
        <HistoryDialog
          app={app}
          form={form}
          current={saved.version}
          dirty={dirty}
          doc={doc}
          locale={locale}
          m={m}
          onClose={() => {
            setHistoryOpen(false);
          }}
          onRestored={(version) => {
            setHistoryOpen(false);
            props.onReload({ tone: "success", text: m.restoredToast(version) });
          }}
        />
      )}
    </main>
  );
}
