/** The canvas: the form's fields as cards, in sections and sub-tables, where things are dropped. */
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, useSortable, type SortingStrategy } from "@dnd-kit/sortable";
import type { KeyboardEvent, ReactNode } from "react";
import type { Locale } from "../i18n.ts";
import { resolveLabel } from "../labels.ts";
import { Segmented } from "./editors.tsx";
import { glyphOf, TYPE_GLYPHS } from "./fieldTypes.ts";
import { typeName, type DesignerMessages } from "./messages.ts";
import {
  containerFields,
  refKey,
  sameRef,
  sectionContainer,
  sectionsOf,
  tableContainer,
  type ContainerId,
  type FieldDoc,
  type FieldRef,
  type FormDoc,
  type SectionDoc,
  type Selection,
} from "./model.ts";
import type { ErrorIndex } from "./pointers.ts";

/** Where the current drag would drop. */
export type DropTarget = { kind: "field"; container: ContainerId; index: number } | { kind: "section"; index: number };

/** What a draggable carries (`active.data.current`). */
export type DragData =
  | { kind: "palette"; item: import("./fieldTypes.ts").PaletteItem }
  | { kind: "field"; ref: FieldRef; type: import("./fieldTypes.ts").FieldType };

export function dndId(ref: FieldRef): string {
  return `field:${refKey(ref)}`;
}

export function containerDndId(container: ContainerId): string {
  return `container:${container}`;
}

/** Items keep their place while dragging; a line shows where the drop goes. */
const keepInPlace: SortingStrategy = () => null;

export interface CanvasActions {
  select: (selection: Selection) => void;
  duplicate: (ref: FieldRef) => void;
  remove: (ref: FieldRef) => void;
  addSection: () => void;
  moveSection: (id: string, delta: number) => void;
  removeSection: (id: string) => void;
  setColumns: (id: string, columns: number) => void;
}

interface CanvasProps {
  doc: FormDoc;
  locale: Locale;
  m: DesignerMessages;
  errors: ErrorIndex;
  selection: Selection;
  activeId: string | null;
  target: DropTarget | null;
  actions: CanvasActions;
}

export function Canvas(props: CanvasProps) {
  const { doc, m, target, actions } = props;
  const sections = sectionsOf(doc);
  const empty = doc.fields.length === 0 && sections.length === 0;
  return (
    <div className="designer-canvas" data-testid="canvas">
      {empty ? (
        <Zone {...props} container="root" columns={1} big>
          <div className="designer-canvas__empty" data-testid="canvas-empty">
            <span className="designer-canvas__empty-icon" aria-hidden="true">
              +
            </span>
            <p className="designer-canvas__empty-title">{m.canvasEmptyTitle}</p>
            <p className="designer-canvas__empty-text">{m.canvasEmptyText}</p>
          </div>
        </Zone>
      ) : (
        <>
          {sections.length > 0 && <h3 className="designer-canvas__caption">{m.unsectioned}</h3>}
          <Zone {...props} container="root" columns={1} />
          {sections.map((section, index) => (
            <SectionBlock
              key={section.id}
              {...props}
              section={section}
              index={index}
              count={sections.length}
              dropBefore={target?.kind === "section" && target.index === index}
            />
          ))}
        </>
      )}
      <button
        type="button"
        className={
          target?.kind === "section" && target.index === sections.length
            ? "designer-add-section designer-add-section--drop"
            : "designer-add-section"
        }
        data-testid="add-section"
        data-dnd-sections-end=""
        onClick={actions.addSection}
      >
        + {m.addSection}
      </button>
    </div>
  );
}

function SectionBlock(
  props: CanvasProps & { section: SectionDoc; index: number; count: number; dropBefore: boolean },
) {
  const { section, index, count, m, locale, actions, selection, errors } = props;
  const title = resolveLabel(section.label ?? null, locale) || m.sectionUntitled;
  const selected = selection.kind === "section" && selection.id === section.id;
  const problems = (errors.sections[section.id] ?? []).length;
  const columns = section.columns ?? 1;
  const classes = ["designer-section"];
  if (selected) classes.push("is-selected");
  if (props.dropBefore) classes.push("designer-section--drop-before");
  return (
    <section className={classes.join(" ")} data-testid="canvas-section" data-section-id={section.id} data-dnd-section="">
      <header className="designer-section__head">
        <button
          type="button"
          className="designer-section__title"
          data-testid="section-title"
          aria-pressed={selected}
          onClick={() => {
            actions.select({ kind: "section", id: section.id });
          }}
        >
          <span aria-hidden="true">{TYPE_GLYPHS.section}</span> {title}
          {problems > 0 && (
            <span className="designer-badge" data-testid="section-error">
              {m.errorBadge(problems)}
            </span>
          )}
        </button>
        <div className="designer-section__tools">
          <Segmented
            label={m.columnsLabel}
            value={String(columns)}
            choices={[1, 2, 3].map((n) => ({ value: String(n), label: String(n) }))}
            testId={`section-columns-${section.id}`}
            onChange={(value) => {
              actions.setColumns(section.id, Number(value));
            }}
          />
          <button
            type="button"
            className="designer-icon-button"
            aria-label={m.moveSectionUp}
            title={m.moveSectionUp}
            disabled={index === 0}
            onClick={() => {
              actions.moveSection(section.id, -1);
            }}
          >
            ↑
          </button>
          <button
            type="button"
            className="designer-icon-button"
            aria-label={m.moveSectionDown}
            title={m.moveSectionDown}
            disabled={index === count - 1}
            onClick={() => {
              actions.moveSection(section.id, 1);
            }}
          >
            ↓
          </button>
          <button
            type="button"
            className="designer-icon-button designer-danger"
            aria-label={m.deleteSection}
            title={m.deleteSection}
            data-testid="section-remove"
            onClick={() => {
              actions.removeSection(section.id);
            }}
          >
            ×
          </button>
        </div>
      </header>
      <Zone {...props} container={sectionContainer(section.id)} columns={columns} />
    </section>
  );
}

function Zone(props: CanvasProps & { container: ContainerId; columns: number; big?: boolean; children?: ReactNode }) {
  const { doc, container, columns, activeId, target, m } = props;
  const fields = containerFields(doc, container);
  const table = container.startsWith("table:") ? container.slice("table:".length) : null;
  const refs = fields.map((f) => ({ table, id: f.id }));
  const ids = refs.map(dndId);
  const { setNodeRef } = useDroppable({ id: containerDndId(container), data: { container } });
  const visible = ids.filter((id) => id !== activeId);
  const here = target?.kind === "field" && target.container === container;
  const beforeId = here ? (visible[target.index] ?? null) : null;
  const atEnd = here && target.index >= visible.length;
  const classes = ["designer-zone", `designer-zone--cols-${Math.max(1, Math.min(3, columns))}`];
  if (table !== null) classes.push("designer-zone--table");
  if (fields.length === 0) classes.push("designer-zone--empty");
  if (props.big === true) classes.push("designer-zone--big");
  if (here) classes.push("designer-zone--over");
  if (atEnd) classes.push("designer-zone--drop-end");
  return (
    <SortableContext items={ids} strategy={keepInPlace}>
      <div
        ref={setNodeRef}
        className={classes.join(" ")}
        data-dnd-container={container}
        data-testid={table === null ? "drop-zone" : "table-zone"}
        data-container={container}
      >
        {fields.map((field, index) => {
          const ref = refs[index] ?? { table, id: field.id };
          return field.type === "sub_table" ? (
            <SubTableCard key={field.id} {...props} field={field} fieldRef={ref} dropBefore={beforeId === dndId(ref)} />
          ) : (
            <FieldCard key={field.id} {...props} field={field} fieldRef={ref} dropBefore={beforeId === dndId(ref)} />
          );
        })}
        {props.children}
        {fields.length === 0 && props.children === undefined && (
          <p className="designer-zone__hint">
            {table !== null ? m.subTableDrop : container === "root" ? m.dropHere : m.sectionEmpty}
          </p>
        )}
      </div>
    </SortableContext>
  );
}

function useCard(props: CanvasProps & { field: FieldDoc; fieldRef: FieldRef; dropBefore: boolean }) {
  const { field, fieldRef, selection, errors, actions, locale } = props;
  const id = dndId(fieldRef);
  const sortable = useSortable({ id, data: { kind: "field", ref: fieldRef, type: field.type } satisfies DragData });
  const selected = selection.kind === "field" && sameRef(selection.ref, fieldRef);
  const problems = errors.fields[refKey(fieldRef)] ?? [];
  const label = resolveLabel(field.label, locale) || field.id;
  const classes = ["designer-card"];
  if (selected) classes.push("is-selected");
  if (sortable.isDragging) classes.push("is-dragging");
  if (problems.length > 0) classes.push("has-error");
  if (props.dropBefore) classes.push("designer-card--drop-before");
  const select = () => {
    actions.select({ kind: "field", ref: fieldRef });
  };
  const listeners = sortable.listeners;
  const rootProps = {
    ref: sortable.setNodeRef,
    className: classes.join(" "),
    "data-dnd-item": id,
    "data-testid": "field-card",
    "data-field-id": field.id,
    "data-field-ref": refKey(fieldRef),
    "data-field-type": field.type,
    ...sortable.attributes,
    "aria-pressed": selected,
    "aria-label": label,
    ...listeners,
    onClick: (event: { stopPropagation: () => void }) => {
      event.stopPropagation();
      select();
    },
    onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.target !== event.currentTarget) return;
      if (event.key === "Enter") {
        event.preventDefault();
        select();
        return;
      }
      (listeners?.onKeyDown as ((e: KeyboardEvent<HTMLDivElement>) => void) | undefined)?.(event);
    },
  };
  return { rootProps, label, problems, selected };
}

function CardBody(props: CanvasProps & { field: FieldDoc; fieldRef: FieldRef; label: string; problems: ErrorIndex["fields"][string] | undefined }) {
  const { field, fieldRef, label, m, actions } = props;
  const problems = props.problems ?? [];
  const flags: string[] = [];
  if (field.read_only === true) flags.push(m.propNames.read_only ?? "");
  if (field.unique === true) flags.push(m.propNames.unique ?? "");
  if (typeof field.visible_if === "string") flags.push(m.propNames.visible_if ?? "");
  if (typeof field.required_if === "string") flags.push(m.propNames.required_if ?? "");
  return (
    <>
      <div className="designer-card__row">
        <span className="designer-card__handle" aria-hidden="true" title={m.dragHandle}>
          ⠿
        </span>
        <span className="designer-glyph" aria-hidden="true">
          {glyphOf(field.type)}
        </span>
        <span className="designer-card__main">
          <span className="designer-card__label" data-testid="card-label">
            {label}
            {field.required === true && (
              <span className="designer-card__req" title={m.requiredMark}>
                {" "}
                *
              </span>
            )}
          </span>
          <span className="designer-card__meta">
            <code data-testid="card-key">{field.id}</code> · {typeName(m, field.type)}
          </span>
        </span>
        {problems.length > 0 && (
          <span className="designer-badge" data-testid="card-error" title={problems.map((p) => p.message).join("\n")}>
            {m.errorBadge(problems.length)}
          </span>
        )}
        <span className="designer-card__tools">
          <button
            type="button"
            className="designer-icon-button"
            aria-label={`${m.duplicate}: ${label}`}
            title={m.duplicate}
            data-testid="card-duplicate"
            onClick={(event) => {
              event.stopPropagation();
              actions.duplicate(fieldRef);
            }}
          >
            ❐
          </button>
          <button
            type="button"
            className="designer-icon-button designer-danger"
            aria-label={`${m.remove}: ${label}`}
            title={m.remove}
            data-testid="card-delete"
            onClick={(event) => {
              event.stopPropagation();
              actions.remove(fieldRef);
            }}
          >
            ×
          </button>
        </span>
      </div>
      {field.type === "formula" && typeof field.expression === "string" && field.expression !== "" && (
        <code className="designer-card__expr">= {field.expression}</code>
      )}
      {flags.length > 0 && (
        <span className="designer-card__flags">
          {flags.map((flag) => (
            <span key={flag} className="chip chip--muted">
              {flag}
            </span>
          ))}
        </span>
      )}
      {problems.length > 0 && (
        <p className="designer-card__error" data-testid="card-error-message">
          {problems[0]?.message}
        </p>
      )}
    </>
  );
}

function FieldCard(props: CanvasProps & { field: FieldDoc; fieldRef: FieldRef; dropBefore: boolean }) {
  const { rootProps, label, problems } = useCard(props);
  return (
    <div {...rootProps}>
      <CardBody {...props} label={label} problems={problems} />
    </div>
  );
}

function SubTableCard(props: CanvasProps & { field: FieldDoc; fieldRef: FieldRef; dropBefore: boolean }) {
  const { rootProps, label, problems } = useCard(props);
  return (
    <div {...rootProps} className={`${rootProps.className} designer-card--table`}>
      <CardBody {...props} label={label} problems={problems} />
      <Zone {...props} container={tableContainer(props.field.id)} columns={1} />
    </div>
  );
}
