/** The palette: every field type (and a section), grouped; drag one onto the canvas or click to add it. */
import { useDraggable } from "@dnd-kit/core";
import type { PointerEvent } from "react";
import type { DragData } from "./Canvas.tsx";
import { PALETTE_GROUPS, TYPE_GLYPHS, type PaletteItem } from "./fieldTypes.ts";
import type { DesignerMessages } from "./messages.ts";

export function Palette(props: { m: DesignerMessages; onAdd: (item: PaletteItem) => void }) {
  const { m } = props;
  return (
    <div className="designer-palette" data-testid="palette">
      <h2 className="designer-pane__title">{m.paletteTitle}</h2>
      <p className="designer-pane__hint">{m.paletteHint}</p>
      {PALETTE_GROUPS.map((group) => (
        <section key={group.id} className="designer-palette__group" data-group={group.id}>
          <h3 className="designer-palette__group-title">{m.groupNames[group.id]}</h3>
          <ul className="designer-palette__items" role="list">
            {group.items.map((item) => (
              <li key={item}>
                <PaletteButton item={item} m={m} onAdd={props.onAdd} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function PaletteButton(props: { item: PaletteItem; m: DesignerMessages; onAdd: (item: PaletteItem) => void }) {
  const { item, m } = props;
  const { setNodeRef, listeners, isDragging } = useDraggable({
    id: `palette:${item}`,
    data: { kind: "palette", item } satisfies DragData,
  });
  // Pointer drags only: the keyboard uses the button itself (Enter / Space adds at the end).
  const onPointerDown = listeners?.onPointerDown as ((event: PointerEvent<HTMLButtonElement>) => void) | undefined;
  return (
    <button
      ref={setNodeRef}
      type="button"
      className={isDragging ? "designer-palette__item is-dragging" : "designer-palette__item"}
      data-testid="palette-item"
      data-type={item}
      title={m.typeHints[item]}
      aria-label={m.addItem(m.typeNames[item])}
      onPointerDown={onPointerDown}
      onClick={() => {
        props.onAdd(item);
      }}
    >
      <span className="designer-glyph" aria-hidden="true">
        {TYPE_GLYPHS[item]}
      </span>
      <span className="designer-palette__name">{m.typeNames[item]}</span>
    </button>
  );
}
