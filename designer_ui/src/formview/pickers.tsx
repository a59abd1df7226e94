import { useCallback } from "react";
import { ApiError, getJson } from "../api.ts";
import type { FormDefinition, InputDescriptor, LinkItem } from "../fields.ts";
import type { Locale, Messages } from "../i18n.ts";
import {
  directoryUrl,
  fetchPublishedDefinition,
  parseDepartmentOptions,
  parseUserOptions,
  recordSearchUrl,
  searchRecords,
  type PersonOption,
} from "../recordsApi.ts";
import type { FormviewMessages } from "./messages.ts";
import { Picker, PickerForbidden, type PickerOption } from "./Picker.tsx";
import { displayFieldOf, filterOptions, recordOption, searchFilter } from "./relations.ts";

interface PickerProps {
  app: string;
  input: InputDescriptor;
  domId: string;
  testId: string;
  value: readonly LinkItem[];
  invalid: boolean;
  errorId: string;
  required: boolean;
  locale: Locale;
  t: Messages;
  fm: FormviewMessages;
  onChange: (items: LinkItem[]) => void;
}

// Loaded once a page: the linked forms' definitions.
const definitions = new Map<string, Promise<FormDefinition>>();

function cached<T>(promise: Promise<T>, forget: () => void): Promise<T> {
  promise.catch(forget);
  return promise;
}

function targetDefinition(app: string, target: string): Promise<FormDefinition> {
  const key = `${app}/${target}`;
  let found = definitions.get(key);
  if (found === undefined) {
    found = cached(fetchPublishedDefinition(app, target), () => definitions.delete(key));
    definitions.set(key, found);
  }
  return found;
}

function forbidden(error: unknown): boolean {
  return error instanceof ApiError && (error.problem.status === 403 || error.problem.status === 401);
}

/** People or departments matching `text`, searched by the server's directory. */
function searchDirectory(
  which: "users" | "departments",
  text: string,
  signal: AbortSignal,
): Promise<PersonOption[]> {
  return getJson(directoryUrl(which, text), which === "users" ? parseUserOptions : parseDepartmentOptions, signal);
}

/** A relation: searches the linked form's records by their display field. */
export function RelationPicker(props: PickerProps) {
  const { app, input, locale, t } = props;
  const field = input.field;
  const target = field.target ?? "";
  const load = useCallback(
    async (text: string, signal: AbortSignal): Promise<PickerOption[]> => {
      let definition: FormDefinition | null = null;
      try {
        definition = await targetDefinition(app, target);
      } catch {
        definition = null; // still searchable by id
      }
      const shown = displayFieldOf(field, definition);
      const filter = searchFilter(shown, definition, text);
      const page = await searchRecords(recordSearchUrl(app, target, filter), signal);
      const words = { yes: t.yes, no: t.no, rows: t.rows };
      return page.items.map((record) => ({
        ...recordOption(record, shown, definition, locale, words),
        detail: shown === "id" ? "" : `#${record.id}`,
      }));
    },
    [app, target, field, locale, t],
  );
  return (
    <Picker
      domId={props.domId}
      testId={props.testId}
      value={props.value}
      multiple={field.multiple === true}
      invalid={props.invalid}
      errorId={props.errorId}
      required={props.required}
      fm={props.fm}
      load={load}
      onChange={props.onChange}
    />
  );
}

/** A user (by login) or a department (by id), from the directory. */
export function PeoplePicker(props: PickerProps & { which: "users" | "departments" }) {
  const { which, fm } = props;
  const load = useCallback(
    async (text: string, signal: AbortSignal): Promise<PickerOption[]> => {
      try {
        return filterOptions(await searchDirectory(which, text, signal), text);
      } catch (error) {
        if (forbidden(error)) throw new PickerForbidden();
        throw error;
      }
    },
    [which],
  );
  const freeText = useCallback(
    (text: string): LinkItem | null => {
      if (which === "users") return /^\S+$/.test(text) ? { id: text, display: text } : null;
      return /^\d+$/.test(text) ? { id: Number(text), display: `#${text}` } : null;
    },
    [which],
  );
  return (
    <Picker
      domId={props.domId}
      testId={props.testId}
      value={props.value}
      multiple={props.input.field.multiple === true}
      invalid={props.invalid}
      errorId={props.errorId}
      required={props.required}
      fm={fm}
      placeholder={fm.search}
      load={load}
      freeText={freeText}
      onChange={props.onChange}
    />
  );
}
