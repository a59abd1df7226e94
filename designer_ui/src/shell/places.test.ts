import { describe, expect, it } from "vitest";
import { parseRoute } from "../route.ts";
import {
  APP_PLACES,
  APP_TAB_STORAGE_PREFIX,
  isAppTab,
  isComingLater,
  loadTab,
  placeHref,
  saveTab,
  type TabStore,
} from "./places.ts";

function memoryStore(): TabStore & { data: Record<string, string> } {
  const data: Record<string, string> = {};
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

describe("places", () => {
  it("lists the seven places in order", () => {
    expect(APP_PLACES).toEqual(["forms", "data", "flows", "rules", "reports", "dashboards", "print"]);
  });

  it("links each place to a route that parses back", () => {
    expect(placeHref("qc_demo", "forms")).toBe("#/apps/qc_demo");
    expect(placeHref("qc_demo", "data")).toBe("#/apps/qc_demo");
    expect(placeHref("qc_demo", "reports")).toBe("#/apps/qc_demo/reports");
    for (const place of APP_PLACES) {
      const route = parseRoute(placeHref("my app", place));
      expect(route.page).toBe(isAppTab(place) ? "app" : "section");
      expect("app" in route && route.app).toBe("my app");
    }
  });

  it("marks only the sections as coming later", () => {
    expect(APP_PLACES.filter(isComingLater)).toEqual(["flows", "rules", "reports", "dashboards", "print"]);
  });
});

describe("loadTab / saveTab", () => {
  it("opens on Forms and remembers the choice per app", () => {
    const store = memoryStore();
    expect(loadTab("a", store)).toBe("forms");
    saveTab("a", "data", store);
    expect(store.data[`${APP_TAB_STORAGE_PREFIX}a`]).toBe("data");
    expect(loadTab("a", store)).toBe("data");
    expect(loadTab("b", store)).toBe("forms");
  });

  it("ignores junk and broken storage", () => {
    const store = memoryStore();
    store.data[`${APP_TAB_STORAGE_PREFIX}a`] = "reports";
    expect(loadTab("a", store)).toBe("forms");
    const broken: TabStore = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    expect(loadTab("a", broken)).toBe("forms");
    expect(() => {
      saveTab("a", "data", broken);
    }).not.toThrow();
    expect(loadTab("a", null)).toBe("forms");
  });
});
