import { describe, expect, it } from "vitest";
import { formStatus, publishedForms } from "./formStatus.ts";

const form = (key: string, latest: number | null, published: number | null) => ({
  key,
  label: null,
  latest_version: latest,
  published_version: published,
});

describe("formStatus", () => {
  it("tells published, published with a draft, and draft-only forms apart", () => {
    expect(formStatus(form("a", 1, 1))).toEqual({ kind: "published", version: 1, draft: null });
    expect(formStatus(form("a", 3, 2))).toEqual({ kind: "published", version: 2, draft: 3 });
    expect(formStatus(form("a", 2, null))).toEqual({ kind: "draft", version: 2 });
    expect(formStatus(form("a", null, null))).toEqual({ kind: "draft", version: null });
  });

  it("keeps only published forms", () => {
    expect(publishedForms([form("a", 1, null), form("b", 2, 1)]).map((f) => f.key)).toEqual(["b"]);
  });
});
