import { describe, expect, it } from "vitest";
import { moveRow } from "./rows.ts";

describe("moveRow", () => {
  it("moves up and down without touching the input", () => {
    const rows = ["a", "b", "c"];
    expect(moveRow(rows, 2, 1)).toEqual(["a", "c", "b"]);
    expect(moveRow(rows, 0, 1)).toEqual(["b", "a", "c"]);
    expect(rows).toEqual(["a", "b", "c"]);
  });
  it("ignores moves past either end", () => {
    expect(moveRow(["a", "b"], 0, -1)).toEqual(["a", "b"]);
    expect(moveRow(["a", "b"], 1, 2)).toEqual(["a", "b"]);
  });
});
