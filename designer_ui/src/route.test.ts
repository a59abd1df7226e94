import { describe, expect, it } from "vitest";
import { parseRoute, routeHash, type Route } from "./route.ts";

describe("parseRoute", () => {
  it("parses every page and round-trips", () => {
    const routes: Route[] = [
      { page: "apps" },
      { page: "app", app: "qc_demo" },
      { page: "records", app: "qc_demo", form: "inspection" },
      { page: "new", app: "qc_demo", form: "inspection" },
      { page: "record", app: "qc_demo", form: "inspection", id: 12 },
      { page: "design", app: "qc_demo", form: "inspection" },
      { page: "import", app: "qc_demo", form: "inspection" },
      { page: "section", app: "qc_demo", section: "reports" },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });
  it("falls back on unknown hashes", () => {
    expect(parseRoute("")).toEqual({ page: "apps" });
    expect(parseRoute("#/other")).toEqual({ page: "apps" });
    expect(parseRoute("#/apps/a/forms/f/records/x")).toEqual({ page: "records", app: "a", form: "f" });
    expect(parseRoute("#/apps/%E0")).toEqual({ page: "apps" });
    expect(parseRoute("#/apps/a/unknown")).toEqual({ page: "app", app: "a" });
  });
});
