import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  exportUrl,
  getJson,
  InvalidResponseError,
  parseAppList,
  parseHealth,
} from "./api.ts";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("parseHealth", () => {
  it("accepts the documented shape", () => {
    expect(parseHealth({ status: "ok", database: "sqlite", version: "0.1.0" })).toEqual({
      status: "ok",
      database: "sqlite",
      version: "0.1.0",
    });
  });

  it("rejects anything else", () => {
    expect(() => parseHealth({ status: "ok" })).toThrow(InvalidResponseError);
    expect(() => parseHealth(null)).toThrow(InvalidResponseError);
  });
});

describe("parseAppList", () => {
  it("accepts the documented shape", () => {
    const list = parseAppList({
      items: [
        {
          key: "trace",
          label: { "zh-CN": "追溯", en: "Traceability" },
          description: null,
          published_version: 1,
          updated_at: "2026-11-21T10:00:00Z",
        },
        { key: "plain", label: "Plain", description: "Just text" },
      ],
      total: 2,
    });
    expect(list.total).toBe(2);
    expect(list.items).toEqual([
      {
        key: "trace",
        label: { "zh-CN": "追溯", en: "Traceability" },
        description: null,
        published_version: 1,
        updated_at: "2026-11-21T10:00:00Z",
      },
      {
        key: "plain",
        label: "Plain",
        description: "Just text",
        published_version: null,
        updated_at: null,
      },
    ]);
  });

  it("skips items without a key", () => {
    expect(parseAppList({ items: [{ label: "x" }, "y", { key: "" }] }).items).toEqual([]);
  });

  it("rejects a body without items", () => {
    expect(() => parseAppList({ total: 0 })).toThrow(InvalidResponseError);
    expect(() => parseAppList([])).toThrow(InvalidResponseError);
  });
});

describe("exportUrl", () => {
  it("encodes the key", () => {
    expect(exportUrl("trace")).toBe("/api/v1/apps/trace/export");
    expect(exportUrl("a b/c")).toBe("/api/v1/apps/a%20b%2Fc/export");
  });
});

describe("getJson", () => {
  it("returns the parsed body", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(Response.json({ status: "ok", database: "postgresql", version: "0.1.0" }))),
    );
    await expect(getJson("/api/v1/health", parseHealth)).resolves.toMatchObject({
      database: "postgresql",
    });
  });

  it("turns an error status into an ApiError with the problem", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() =>
        Promise.resolve(
          new Response(JSON.stringify({ title: "Database unavailable", detail: "Try later." }), {
            status: 503,
            headers: { "content-type": "application/problem+json" },
          }),
        ),
      ),
    );
    const error: unknown = await getJson("/api/v1/apps", parseAppList).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toEqual({
      kind: "http",
      status: 503,
      title: "Database unavailable",
      detail: "Try later.",
    });
  });

  it("turns a network failure into an ApiError", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("fetch failed"))));
    const error: unknown = await getJson("/api/v1/apps", parseAppList).catch((e: unknown) => e);
    expect((error as ApiError).problem.kind).toBe("network");
  });

  it("reports an unexpected body as invalid", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(Response.json({ nope: true }))));
    const error: unknown = await getJson("/api/v1/apps", parseAppList).catch((e: unknown) => e);
    expect((error as ApiError).problem.kind).toBe("invalid");
  });
});
