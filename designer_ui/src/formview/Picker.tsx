import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { isAbortError } from "../api.ts";
import type { LinkItem } from "../fields.ts";
import type { FormviewMessages } from "./messages.ts";
import { withoutPicked } from "./relations.ts";

export interface PickerOption extends LinkItem {
  detail?: string;
}

/** Thrown by a picker's `load` when the choices may not be listed (free text is offered instead). */
export class PickerForbidden extends Error {
  constructor() {
    super("forbidden");
    this.name = "PickerForbidden";
  }
}

const DEBOUNCE_MS = 250;

type LoadState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ok"; options: PickerOption[] }
  | { status: "error"; forbidden: boolean };

/**
 * A searchable combobox: picked values as chips (one, or several when
 * `multiple`), a text box that searches as the operator types, and a list of
 * choices (arrow keys, Enter, Escape; tap or click).
 */
export function Picker(props: {
  domId: string;
  testId: string;
  value: readonly LinkItem[];
  multiple: boolean;
  invalid: boolean;
  errorId: string;
  required: boolean;
  fm: FormviewMessages;
  placeholder?: string;
  load: (text: string, signal: AbortSignal) => Promise<PickerOption[]>;
  /** When listing is forbidden: turn typed text into a value (e.g. a login). */
  freeText?: (text: string) => LinkItem | null;
  onChange: (items: LinkItem[]) => void;
}) {
  const { domId, testId, value, multiple, fm, load } = props;
  const listId = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<LoadState>({ status: "idle" });
  const [active, setActive] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const wrapper = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setState({ status: "loading" });
      load(text, controller.signal).then(
        (options) => {
          if (controller.signal.aborted) return;
          setState({ status: "ok", options });
          setActive(0);
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbortError(error)) return;
          setState({ status: "error", forbidden: error instanceof PickerForbidden });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [open, text, load, attempt]);

  const options = state.status === "ok" ? withoutPicked(state.options, value) : [];
  const typed = text.trim();
  const free = state.status === "error" && state.forbidden && typed !== "" ? (props.freeText?.(typed) ?? null) : null;
  const choices: PickerOption[] = free === null ? options : [free];

  const pick = (option: LinkItem) => {
    props.onChange(multiple ? [...value, { id: option.id, display: option.display }] : [{ id: option.id, display: option.display }]);
    setText("");
    setActive(0);
    if (!multiple) setOpen(false);
    input.current?.focus();
  };

  const removeItem = (item: LinkItem) => {
    props.onChange(value.filter((candidate) => String(candidate.id) !== String(item.id)));
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(index + 1, Math.max(choices.length - 1, 0)));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === "Enter") {
      const choice = choices[active];
      if (open && choice !== undefined) {
        event.preventDefault();
        pick(choice);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
      }
    } else if (event.key === "Backspace" && text === "" && value.length > 0) {
      const last = value[value.length - 1];
      if (last !== undefined) removeItem(last);
    }
  };

  const activeChoice = open ? choices[active] : undefined;
  const optionId = (index: number) => `${listId}-option-${index}`;
  const showList = open && (state.status !== "idle" || choices.length > 0);

  return (
    <div
      className="formview-picker"
      ref={wrapper}
      onBlur={(event) => {
        if (!wrapper.current?.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <div className={props.invalid ? "formview-picker__box formview-picker__box--invalid" : "formview-picker__box"}>
        {value.map((item) => (
          <span
            className="formview-chip"
            key={String(item.id)}
            data-testid={`${testId}-chip`}
            data-value-id={String(item.id)}
          >
            <span className="formview-chip__text">{item.display}</span>
            <button
              type="button"
              className="formview-chip__remove"
              aria-label={fm.remove(item.display)}
              data-testid={`${testId}-chip-remove`}
              onClick={() => {
                removeItem(item);
              }}
            >
              <span aria-hidden="true">×</span>
            </button>
          </span>
        ))}
        <input
          ref={input}
          id={domId}
          name={testId}
          className="formview-picker__input"
          data-testid={testId}
          type="text"
          role="combobox"
          autoComplete="off"
          enterKeyHint="search"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={activeChoice === undefined ? undefined : optionId(active)}
          aria-invalid={props.invalid}
          aria-describedby={props.invalid ? props.errorId : undefined}
          aria-required={props.required}
          placeholder={value.length > 0 && !multiple ? "" : (props.placeholder ?? fm.search)}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
          onFocus={() => {
            setOpen(true);
          }}
          onClick={() => {
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {showList && (
        <ul className="formview-picker__list" role="listbox" id={listId} data-testid={`${testId}-options`}>
          {state.status === "loading" && choices.length === 0 && (
            <li className="formview-picker__note" role="presentation">
              <span className="spinner" aria-hidden="true" /> {fm.searching}
            </li>
          )}
          {state.status === "error" && free === null && (
            <li className="formview-picker__note formview-picker__note--error" role="presentation">
              {state.forbidden ? fm.peopleForbidden : fm.optionsFailed}
              {!state.forbidden && (
                <button
                  type="button"
                  className="btn btn--ghost btn--sm"
                  onMouseDown={(event) => {
                    event.preventDefault(); // keep the list open
                  }}
                  onClick={() => {
                    setAttempt((n) => n + 1);
                  }}
                >
                  {fm.retry}
                </button>
              )}
            </li>
          )}
          {state.status === "ok" && choices.length === 0 && (
            <li className="formview-picker__note" role="presentation">
              {fm.noOptions}
            </li>
          )}
          {choices.map((option, index) => (
            <li
              key={String(option.id)}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? "formview-picker__option formview-picker__option--active" : "formview-picker__option"}
              data-testid={`${testId}-option`}
              data-option-id={String(option.id)}
              onMouseDown={(event) => {
                event.preventDefault(); // keep the focus in the box
              }}
              onMouseEnter={() => {
                setActive(index);
              }}
              onClick={() => {
                pick(option);
              }}
            >
              <span className="formview-picker__option-text">{free === null ? option.display : fm.addLogin(option.display)}</span>
              {option.detail !== undefined && option.detail !== "" && (
                <span className="formview-picker__option-detail">{option.detail}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
