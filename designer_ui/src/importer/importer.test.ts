import { describe, expect, it } from "vitest";
import { parseFormDefinition } from "../fields.ts";
import {
  fileFormat,
  parseCheck,
  parseJob,
  parseJobList,
  parseUploaded,
  templateUrl,
  jobUrl,
  type ImportJob,
} from "./importApi.ts";
import {
  badRows,
  cellText,
  duplicateFields,
  importableFields,
  initialMapping,
  keyCandidates,
  mappingBody,
  mappingErrors,
  mappingIssues,
  missingRequired,
  pageCount,
  problemPage,
  sampleValues,
  setColumn,
  validKey,
} from "./mapping.ts";
import { formatSize, importMessages } from "./messages.ts";
import { canResume, isFinished, isQueued, pollDelay, progressPercent, stepForJob } from "./progress.ts";

const definition = parseFormDefinition({
  document: {
    fields: [
      { id: "lot_code", type: "text", required: true },
      { id: "sampled", type: "integer" },
      { id: "moisture", type: "decimal" },
      { id: "passed", type: "boolean" },
      { id: "total", type: "formula" },
      { id: "no", type: "auto_number" },
      { id: "lines", type: "sub_table" },
    ],
  },
});
const fields = importableFields(definition);

const jobJson = {
  id: "abc",
  app: "qc",
  form: "insp",
  filename: "lots.csv",
  format: "csv",
  status: "uploaded",
  columns: ["Lot code", "Sampled", "Note"],
  total_rows: 3,
  processed_rows: 0,
  created_rows: 0,
  updated_rows: 0,
  failed_rows: 0,
  progress: 0,
  mapping: { "Lot code": "lot_code", Sampled: "sampled", Note: null },
  key_field: null,
  errors: null,
  created_by: "admin",
  created_at: "2026-11-22T00:00:00Z",
  finished_at: null,
};

function job(overrides: Partial<ImportJob>): ImportJob {
  return { ...parseJob(jobJson), ...overrides };
}

describe("import API answers", () => {
  it("parses an upload with its preview and suggested mapping", () => {
    const uploaded = parseUploaded({
      ...jobJson,
      preview: [{ row: 2, cells: ["L-1", "3", null] }, { bad: true }],
      suggested_mapping: { "Lot code": "lot_code", Sampled: "sampled", Note: null },
    });
    expect(uploaded.job.id).toBe("abc");
    expect(uploaded.job.status).toBe("uploaded");
    expect(uploaded.job.columns).toEqual(["Lot code", "Sampled", "Note"]);
    expect(uploaded.preview).toEqual([{ row: 2, cells: ["L-1", "3", null] }]);
    expect(uploaded.suggested).toEqual({ "Lot code": "lot_code", Sampled: "sampled", Note: null });
  });

  it("refuses a job without id or with an unknown status", () => {
    expect(() => parseJob({ ...jobJson, id: "" })).toThrow();
    expect(() => parseJob({ ...jobJson, status: "exploded" })).toThrow();
    expect(parseJobList({ items: [jobJson, { id: 1 }] })).toHaveLength(1);
    expect(() => parseJobList({})).toThrow();
  });

  it("parses a check with counts and bad cells", () => {
    const result = parseCheck({
      kind: "check",
      counts: { rows: 3, valid: 1, invalid: 2, creates: 1, updates: 0 },
      errors: [
        { row: 3, column: "Sampled", field: "sampled", code: "type", message: "must be a whole number" },
        { row: 4, column: null, field: null, code: "forbidden", message: "no" },
      ],
      errors_total: 5,
      errors_truncated: true,
      job: { ...jobJson, status: "checked", failed_rows: 2 },
    });
    expect(result.summary.counts?.invalid).toBe(2);
    expect(result.summary.errors[1]?.column).toBeNull();
    expect(result.summary.errorsTotal).toBe(5);
    expect(result.summary.truncated).toBe(true);
    expect(result.job.status).toBe("checked");
  });

  it("parses a failed commit's report", () => {
    const failed = parseJob({
      ...jobJson,
      status: "failed",
      processed_rows: 1000,
      errors: { kind: "commit", message: "Batch 2 failed", failed_batch: 2, committed_rows: 1000, errors: [], errors_total: 0 },
    });
    expect(failed.errors?.kind).toBe("commit");
    expect(failed.errors?.message).toBe("Batch 2 failed");
    expect(failed.errors?.failedBatch).toBe(2);
    expect(canResume(failed)).toBe(true);
  });

  it("builds URLs and knows the file types", () => {
    expect(templateUrl("qc", "insp", "zh-CN")).toBe("/api/v1/apps/qc/forms/insp/import-template.xlsx?lang=zh-CN");
    expect(jobUrl("qc", "insp", "a/b")).toBe("/api/v1/apps/qc/forms/insp/imports/a%2Fb");
    expect(fileFormat("Lots.XLSX")).toBe("xlsx");
    expect(fileFormat("lots.csv")).toBe("csv");
    expect(fileFormat("lots.xls")).toBeNull();
    expect(fileFormat("csv")).toBeNull();
  });
});

describe("mapping", () => {
  it("offers only fields a cell can fill", () => {
    expect(fields.map((f) => f.id)).toEqual(["lot_code", "sampled", "moisture", "passed"]);
  });

  it("starts from the suggestion, keeping each field once and only known fields", () => {
    const mapping = initialMapping(
      ["Lot code", "Sampled", "Again", "Total", "Note"],
      { "Lot code": "lot_code", Sampled: "sampled", Again: "sampled", Total: "total" },
      fields,
    );
    expect(mapping).toEqual({ "Lot code": "lot_code", Sampled: "sampled", Again: null, Total: null, Note: null });
  });

  it("finds duplicates, missing required fields and nothing mapped", () => {
    let mapping = { A: "lot_code", B: null } as Record<string, string | null>;
    expect(mappingIssues(mapping)).toEqual([]);
    mapping = setColumn(mapping, "B", "lot_code");
    expect(duplicateFields(mapping)).toEqual(new Map([["lot_code", ["A", "B"]]]));
    expect(mappingIssues(mapping)).toEqual(["duplicates"]);
    mapping = setColumn(setColumn(mapping, "A", ""), "B", null);
    expect(mappingIssues(mapping)).toEqual(["nothing_mapped"]);
    expect(missingRequired(mapping, fields).map((f) => f.id)).toEqual(["lot_code"]);
  });

  it("keeps the key only while its field is mapped", () => {
    const mapping = { A: "lot_code", B: "sampled" };
    expect(keyCandidates(mapping, fields).map((f) => f.id)).toEqual(["lot_code", "sampled"]);
    expect(validKey(mapping, "lot_code")).toBe("lot_code");
    expect(validKey(mapping, "passed")).toBeNull();
    expect(mappingBody(mapping, "moisture")).toEqual({ mapping, key_field: null });
    expect(mappingBody(mapping, "lot_code")).toEqual({ mapping, key_field: "lot_code" });
  });

  it("shows a few distinct samples per column", () => {
    const preview = [
      { row: 2, cells: ["a", 1, null] },
      { row: 3, cells: ["a", 2.5, ""] },
      { row: 4, cells: ["b", true, " "] },
      { row: 5, cells: ["c", 4] },
    ];
    expect(sampleValues(preview, 0)).toEqual(["a", "b", "c"]);
    expect(sampleValues(preview, 1, 2)).toEqual(["1", "2.5"]);
    expect(sampleValues(preview, 2)).toEqual([]);
    expect(cellText({ lat: 1 })).toBe('{"lat":1}');
  });

  it("puts refused mapping errors at their column", () => {
    const errors = mappingErrors([
      { pointer: "/mapping/Lot~1code", code: "unknown_field", message: "bad" },
      { pointer: "/key_field", code: "key_not_mapped", message: "key" },
      { pointer: "/mapping", code: "empty", message: "none" },
    ]);
    expect(errors.byColumn).toEqual({ "Lot/code": ["bad"] });
    expect(errors.key).toEqual(["key"]);
    expect(errors.other).toEqual(["none"]);
  });

  it("pages the bad cells", () => {
    const problems = Array.from({ length: 45 }, (_, i) => ({
      row: Math.floor(i / 2) + 2,
      column: "A",
      field: null,
      code: "x",
      message: `p${i}`,
    }));
    expect(pageCount(45, 20)).toBe(3);
    expect(pageCount(0, 20)).toBe(1);
    expect(problemPage(problems, 2, 20).map((p) => p.message)).toEqual(["p40", "p41", "p42", "p43", "p44"]);
    expect(badRows(problems)).toBe(23);
  });
});

describe("progress", () => {
  it("reports percent, finish and the step to open", () => {
    expect(progressPercent(job({ status: "running", totalRows: 200, processedRows: 50 }))).toBe(25);
    expect(progressPercent(job({ status: "succeeded", totalRows: 0, processedRows: 0 }))).toBe(100);
    expect(progressPercent(job({ status: "running", totalRows: 10, processedRows: 20 }))).toBe(100);
    expect(isFinished("running")).toBe(false);
    expect(isFinished("failed")).toBe(true);
    expect(stepForJob(job({ status: "uploaded" }))).toBe("map");
    expect(stepForJob(job({ status: "checked" }))).toBe("check");
    expect(stepForJob(job({ status: "running" }))).toBe("commit");
    expect(canResume(job({ status: "succeeded" }))).toBe(false);
  });

  it("calls a commit no batch of which is written yet queued", () => {
    expect(isQueued(job({ status: "running", processedRows: 0 }))).toBe(true);
    expect(isQueued(job({ status: "running", processedRows: 1000 }))).toBe(false);
    expect(isQueued(job({ status: "failed", processedRows: 0 }))).toBe(false);
    expect(isQueued(job({ status: "succeeded", processedRows: 0 }))).toBe(false);
  });

  it("polls less often as time goes by", () => {
    expect(pollDelay(0)).toBe(500);
    expect(pollDelay(4)).toBe(1500);
    expect(pollDelay(100)).toBe(3000);
  });
});

describe("messages", () => {
  it("has every text in both languages", () => {
    expect(Object.keys(importMessages["zh-CN"]).sort()).toEqual(Object.keys(importMessages.en).sort());
    expect(importMessages.en.someBad(1, 2)).toContain("1 row has");
  });

  it("formats sizes", () => {
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(2048)).toBe("2.0 KB");
    expect(formatSize(5 * 1024 * 1024)).toBe("5.0 MB");
  });
});
