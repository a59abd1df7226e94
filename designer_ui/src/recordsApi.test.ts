import { describe, expect, it } from "vitest";
import { recordListUrl } from "./recordsApi.ts";

describe("recordListUrl", () => {
  it("builds the list query with cursor and contains filter", () => {
    expect(recordListUrl("qc", "insp", {})).toBe("/api/v1/apps/qc/forms/insp/records?limit=20&sort=-id");
    expect(recordListUrl("qc", "insp", { cursor: "abc", searchField: "lot_code", search: " L 1 " })).toBe(
      "/api/v1/apps/qc/forms/insp/records?limit=20&sort=-id&cursor=abc&filter%5Blot_code%5D%5Bcontains%5D=L%201",
    );
  });
});
