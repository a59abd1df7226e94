/**
 * Hash routes:
 * `#/apps/{app}[/{section} | /forms/{form}[/new | /design | /import | /records/{id}]]`.
 */
export const APP_SECTIONS = ["flows", "rules", "reports", "dashboards", "print"] as const;
export type AppSection = (typeof APP_SECTIONS)[number];

export type Route =
  | { page: "apps" }
  | { page: "app"; app: string }
  | { page: "section"; app: string; section: AppSection }
  | { page: "records"; app: string; form: string }
  | { page: "new"; app: string; form: string }
  | { page: "design"; app: string; form: string }
  | { page: "import"; app: string; form: string }
  | { page: "record"; app: string; form: string; id: number };

function decode(part: string): string | null {
  try {
    const text = decodeURIComponent(part);
    return text === "" ? null : text;
  } catch {
    return null;
  }
}

function isSection(value: string | undefined): value is AppSection {
  return (APP_SECTIONS as readonly string[]).includes(value ?? "");
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter((part) => part !== "");
  if (parts[0] !== "apps" || parts.length < 2) return { page: "apps" };
  const app = decode(parts[1] ?? "");
  if (app === null) return { page: "apps" };
  if (parts.length === 3 && isSection(parts[2])) return { page: "section", app, section: parts[2] };
  if (parts.length === 2 || parts[2] !== "forms") return { page: "app", app };
  const form = decode(parts[3] ?? "");
  if (form === null) return { page: "app", app };
  if (parts.length === 5) {
    if (parts[4] === "new") return { page: "new", app, form };
    if (parts[4] === "design") return { page: "design", app, form };
    if (parts[4] === "import") return { page: "import", app, form };
  }
  if (parts[4] === "records" && parts.length === 6 && /^\d+$/.test(parts[5] ?? "")) {
    return { page: "record", app, form, id: Number(parts[5]) };
  }
  return { page: "records", app, form };
}

export function routeHash(route: Route): string {
  if (route.page === "apps") return "#/";
  const app = `#/apps/${encodeURIComponent(route.app)}`;
  if (route.page === "app") return app;
  if (route.page === "section") return `${app}/${route.section}`;
  const form = `${app}/forms/${encodeURIComponent(route.form)}`;
  if (route.page === "records") return form;
  if (route.page === "new" || route.page === "design" || route.page === "import") {
    return `${form}/${route.page}`;
  }
  return `${form}/records/${route.id}`;
}

/** Go to `route` (a hash change: no reload). */
export function navigate(route: Route): void {
  window.location.assign(routeHash(route));
}
