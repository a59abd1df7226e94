/** The seven places of an app's navigation, and where each one lives. */
import { APP_SECTIONS, routeHash, type AppSection } from "../route.ts";

/** The two places on the app page itself (`#/apps/{app}`), switched in the page. */
export const APP_TABS = ["forms", "data"] as const;
export type AppTab = (typeof APP_TABS)[number];

export const APP_PLACES = [...APP_TABS, ...APP_SECTIONS] as const;
export type AppPlace = AppTab | AppSection;

export function isAppTab(value: unknown): value is AppTab {
  return (APP_TABS as readonly unknown[]).includes(value);
}

/** Sections whose designers are not built yet (all of them, today). */
export function isComingLater(place: AppPlace): place is AppSection {
  return !isAppTab(place);
}

export function placeHref(app: string, place: AppPlace): string {
  return isAppTab(place) ? routeHash({ page: "app", app }) : routeHash({ page: "section", app, section: place });
}

/** Remembered per app for this browser tab, so "Data" opens the Data tab from anywhere. */
export const APP_TAB_STORAGE_PREFIX = "tracery.appTab.";

export type TabStore = Pick<Storage, "getItem" | "setItem">;

function browserStore(): TabStore | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** The tab last chosen in `app`, `"forms"` when none was. */
export function loadTab(app: string, store: TabStore | null = browserStore()): AppTab {
  try {
    const saved = store?.getItem(APP_TAB_STORAGE_PREFIX + app);
    return isAppTab(saved) ? saved : "forms";
  } catch {
    return "forms";
  }
}

export function saveTab(app: string, tab: AppTab, store: TabStore | null = browserStore()): void {
  try {
    store?.setItem(APP_TAB_STORAGE_PREFIX + app, tab);
  } catch {
    // Not remembering is fine: the app page opens on Forms.
  }
}
