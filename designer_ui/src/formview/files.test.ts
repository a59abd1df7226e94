import { describe, expect, it } from "vitest";
import { describeInputs, parseFormDefinition } from "../fields.ts";
import { acceptFor, checkFiles, formatBytes, maxBytesFor, maxFilesFor, previewUrl, typeAllowed } from "./files.ts";

const [image, attachment, signature] = describeInputs(
  parseFormDefinition({
    document: {
      label: "x",
      fields: [
        { id: "photos", type: "image", max_files: 2, max_size_mb: 1 },
        { id: "docs", type: "attachment", accept: ["application/pdf"] },
        { id: "sign", type: "signature" },
      ],
    },
  }),
);

describe("limits", () => {
  it("follow the field spec", () => {
    if (image === undefined || attachment === undefined || signature === undefined) throw new Error("fixture");
    expect([acceptFor(image), acceptFor(attachment), acceptFor(signature)]).toEqual([
      "image/*",
      "application/pdf",
      "image/png",
    ]);
    expect([maxFilesFor(image), maxFilesFor(attachment), maxFilesFor(signature)]).toEqual([2, 10, 1]);
    expect(maxBytesFor(image)).toBe(1024 * 1024);
  });
});

describe("typeAllowed", () => {
  it("matches wildcards and exact types; unknown types go to the server", () => {
    expect(typeAllowed("image/png", "image/*")).toBe(true);
    expect(typeAllowed("application/pdf", "image/*,application/pdf")).toBe(true);
    expect(typeAllowed("text/plain", "image/*")).toBe(false);
    expect(typeAllowed("", "image/*")).toBe(true);
  });
});

describe("checkFiles", () => {
  it("refuses too many, too big and wrong types, saying which", () => {
    const result = checkFiles(
      [
        { name: "a.png", size: 10, type: "image/png" },
        { name: "big.png", size: 5_000_000, type: "image/png" },
        { name: "b.txt", size: 1, type: "text/plain" },
        { name: "c.png", size: 10, type: "image/png" },
      ],
      1,
      { maxFiles: 2, maxBytes: 1024 * 1024, accept: "image/*" },
    );
    expect(result.accepted.map((f) => f.name)).toEqual(["a.png"]);
    expect(result.refused).toEqual([
      { name: "big.png", reason: "too_big" },
      { name: "b.txt", reason: "type" },
      { name: "c.png", reason: "too_many" },
    ]);
  });
});

describe("formatBytes / previewUrl", () => {
  it("reads well", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(3.5 * 1024 * 1024)).toBe("3.5 MB");
    expect(formatBytes(null)).toBe("");
  });
  it("prefers thumbnails", () => {
    const base = { id: "x", name: "n", size: 1, url: "/f" };
    expect(previewUrl({ ...base, contentType: "image/png", thumbnailUrl: "/t" })).toBe("/t");
    expect(previewUrl({ ...base, contentType: "image/png", thumbnailUrl: null })).toBe("/f");
    expect(previewUrl({ ...base, contentType: "application/pdf", thumbnailUrl: null })).toBeNull();
  });
});
