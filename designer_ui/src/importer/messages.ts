/** Texts of the import wizard. */
import type { Locale } from "../i18n.ts";
import type { JobStatus } from "./importApi.ts";
import type { WizardStep } from "./progress.ts";

export interface ImportMessages {
  title: (form: string) => string;
  intro: string;
  backToList: string;
  steps: Readonly<Record<WizardStep, string>>;
  stepOf: (step: number, total: number) => string;
  status: Readonly<Record<JobStatus, string>>;
  // 1. Upload
  uploadHeading: string;
  uploadHint: string;
  dropHere: string;
  chooseFile: string;
  chosenFile: (name: string, size: string) => string;
  templateLink: string;
  templateHint: string;
  wrongType: string;
  upload: string;
  uploading: string;
  uploadFailed: string;
  recentHeading: string;
  recentEmpty: string;
  loadingRecent: string;
  recentError: string;
  open: string;
  rows: (count: number) => string;
  // 2. Map
  mapHeading: string;
  mapHint: string;
  fileSummary: (name: string, rows: number, columns: number) => string;
  columnHeader: string;
  samplesHeader: string;
  fieldHeader: string;
  skip: string;
  noSamples: string;
  duplicate: string;
  nothingMapped: string;
  duplicatesProblem: string;
  missingRequired: (labels: string) => string;
  keyHeading: string;
  keyHint: string;
  keyNone: string;
  check: string;
  checking: string;
  checkFailed: string;
  uploadAnother: string;
  // 3. Check
  checkHeading: string;
  countRows: string;
  countValid: string;
  countInvalid: string;
  countCreates: string;
  countUpdates: string;
  allGood: (rows: number) => string;
  someBad: (rows: number, cells: number) => string;
  problemsHeading: string;
  rowHeader: string;
  reasonHeader: string;
  wholeRow: string;
  truncated: (shown: number, total: number) => string;
  pageOf: (page: number, pages: number) => string;
  previous: string;
  next: string;
  commit: (rows: number) => string;
  committing: string;
  changeMapping: string;
  commitRefused: string;
  // 4. Commit
  progressHeading: string;
  progressText: (processed: number, total: number) => string;
  queuedText: string;
  progressLabel: string;
  createdCount: (count: number) => string;
  updatedCount: (count: number) => string;
  doneHeading: string;
  doneText: (created: number, updated: number) => string;
  viewRecords: string;
  importAnother: string;
  failedHeading: string;
  resume: string;
  resuming: string;
  resumeHint: string;
  resumeFailed: string;
  pollError: string;
}

const en: ImportMessages = {
  title: (form) => `Import into ${form}`,
  intro: "Add or update many records at once from a spreadsheet.",
  backToList: "Back to the records",
  steps: { upload: "Upload", map: "Map columns", check: "Check", commit: "Import" },
  stepOf: (step, total) => `Step ${step} of ${total}`,
  status: {
    uploaded: "Uploaded",
    checking: "Checking",
    checked: "Checked",
    running: "Importing",
    succeeded: "Done",
    failed: "Stopped",
  },
  uploadHeading: "Choose a file",
  uploadHint: "A .csv or .xlsx file whose first row names the columns (at most 50 MB).",
  dropHere: "Drop a file here",
  chooseFile: "Choose a file",
  chosenFile: (name, size) => `${name} · ${size}`,
  templateLink: "Download the import template (.xlsx)",
  templateHint: "The template has this form’s columns, drop-down lists and formats ready to fill in.",
  wrongType: "Choose a .csv or .xlsx file.",
  upload: "Upload and continue",
  uploading: "Uploading…",
  uploadFailed: "Couldn’t read the file",
  recentHeading: "Recent imports",
  recentEmpty: "No imports into this form yet.",
  loadingRecent: "Loading recent imports…",
  recentError: "Couldn’t load the recent imports",
  open: "Open",
  rows: (count) => (count === 1 ? "1 row" : `${count} rows`),
  mapHeading: "Match the columns to the form’s fields",
  mapHint: "Each column of the file goes into the field you choose. Skip the columns you don’t need.",
  fileSummary: (name, rows, columns) =>
    `${name}: ${rows === 1 ? "1 row" : `${rows} rows`}, ${columns === 1 ? "1 column" : `${columns} columns`}`,
  columnHeader: "Column in the file",
  samplesHeader: "Sample values",
  fieldHeader: "Field",
  skip: "— Skip this column —",
  noSamples: "(empty)",
  duplicate: "This field is chosen for another column too.",
  nothingMapped: "Map at least one column to a field.",
  duplicatesProblem: "Each field can take one column only.",
  missingRequired: (labels) =>
    `Required fields without a column: ${labels}. New records will be refused unless each row updates an existing record.`,
  keyHeading: "Update existing records (optional)",
  keyHint:
    "Choose a field whose value identifies a record, such as a lot code: rows that match a record update it, the others add new records. Without it, every row adds a new record.",
  keyNone: "No — always add new records",
  check: "Check the file",
  checking: "Checking every row…",
  checkFailed: "The mapping was refused",
  uploadAnother: "Upload another file",
  checkHeading: "Dry run",
  countRows: "Rows",
  countValid: "Good rows",
  countInvalid: "Rows with problems",
  countCreates: "New records",
  countUpdates: "Updated records",
  allGood: (rows) =>
    `${rows === 1 ? "The row is" : `All ${rows} rows are`} fine. Nothing has been written yet.`,
  someBad: (rows, cells) =>
    `${rows === 1 ? "1 row has" : `${rows} rows have`} problems (${cells === 1 ? "1 cell" : `${cells} cells`}). Nothing has been written. Correct the file and upload it again, or change the mapping.`,
  problemsHeading: "Problems per cell",
  rowHeader: "Row",
  reasonHeader: "Problem",
  wholeRow: "(whole row)",
  truncated: (shown, total) => `Showing the first ${shown} of ${total} problems.`,
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  previous: "Previous",
  next: "Next",
  commit: (rows) => (rows === 1 ? "Import 1 row" : `Import ${rows} rows`),
  committing: "Starting…",
  changeMapping: "Change the mapping",
  commitRefused: "The import couldn’t start",
  progressHeading: "Importing",
  progressText: (processed, total) => `${processed} of ${total} rows`,
  queuedText: "Waiting for a background worker to start…",
  progressLabel: "Import progress",
  createdCount: (count) => `${count} added`,
  updatedCount: (count) => `${count} updated`,
  doneHeading: "Import finished",
  doneText: (created, updated) =>
    `${created === 1 ? "1 record" : `${created} records`} added, ${updated} updated.`,
  viewRecords: "View the records",
  importAnother: "Import another file",
  failedHeading: "The import stopped",
  resume: "Resume the import",
  resuming: "Resuming…",
  resumeHint: "Rows already imported stay; the import goes on after them.",
  resumeFailed: "Couldn’t resume the import",
  pollError: "Lost track of the import",
};

const zh: ImportMessages = {
  title: (form) => `导入到「${form}」`,
  intro: "从电子表格一次添加或更新多条记录。",
  backToList: "返回记录列表",
  steps: { upload: "上传文件", map: "匹配列", check: "检查", commit: "导入" },
  stepOf: (step, total) => `第 ${step} 步，共 ${total} 步`,
  status: {
    uploaded: "已上传",
    checking: "检查中",
    checked: "已检查",
    running: "导入中",
    succeeded: "已完成",
    failed: "已中断",
  },
  uploadHeading: "选择文件",
  uploadHint: ".csv 或 .xlsx 文件，第一行为列名（最大 50 MB）。",
  dropHere: "把文件拖到这里",
  chooseFile: "选择文件",
  chosenFile: (name, size) => `${name} · ${size}`,
  templateLink: "下载导入模板 (.xlsx)",
  templateHint: "模板已包含此表单的列、下拉选项和格式，填写即可。",
  wrongType: "请选择 .csv 或 .xlsx 文件。",
  upload: "上传并继续",
  uploading: "正在上传…",
  uploadFailed: "无法读取文件",
  recentHeading: "最近的导入",
  recentEmpty: "此表单还没有导入记录。",
  loadingRecent: "正在加载最近的导入…",
  recentError: "无法加载最近的导入",
  open: "打开",
  rows: (count) => `${count} 行`,
  mapHeading: "把文件的列对应到表单字段",
  mapHint: "文件的每一列导入到你选择的字段，不需要的列可以跳过。",
  fileSummary: (name, rows, columns) => `${name}：${rows} 行，${columns} 列`,
  columnHeader: "文件中的列",
  samplesHeader: "示例值",
  fieldHeader: "字段",
  skip: "— 跳过此列 —",
  noSamples: "（空）",
  duplicate: "此字段也被其他列选中了。",
  nothingMapped: "请至少把一列对应到字段。",
  duplicatesProblem: "每个字段只能对应一列。",
  missingRequired: (labels) => `以下必填字段没有对应的列：${labels}。除非每一行都更新已有记录，否则新记录会被拒绝。`,
  keyHeading: "更新已有记录（可选）",
  keyHint: "选择一个能标识记录的字段（例如批次号）：值匹配的行会更新该记录，其余行新增记录。不选时，每一行都新增一条记录。",
  keyNone: "不更新 — 总是新增记录",
  check: "检查文件",
  checking: "正在检查每一行…",
  checkFailed: "列的对应关系有问题",
  uploadAnother: "上传其他文件",
  checkHeading: "试运行结果",
  countRows: "行数",
  countValid: "正确的行",
  countInvalid: "有问题的行",
  countCreates: "新增记录",
  countUpdates: "更新记录",
  allGood: (rows) => `全部 ${rows} 行都没有问题。尚未写入任何数据。`,
  someBad: (rows, cells) =>
    `${rows} 行有问题（${cells} 个单元格）。尚未写入任何数据。请修改文件后重新上传，或调整列的对应关系。`,
  problemsHeading: "各单元格的问题",
  rowHeader: "行",
  reasonHeader: "问题",
  wholeRow: "（整行）",
  truncated: (shown, total) => `仅显示前 ${shown} 个问题，共 ${total} 个。`,
  pageOf: (page, pages) => `第 ${page} / ${pages} 页`,
  previous: "上一页",
  next: "下一页",
  commit: (rows) => `导入 ${rows} 行`,
  committing: "正在开始…",
  changeMapping: "调整列的对应",
  commitRefused: "无法开始导入",
  progressHeading: "正在导入",
  progressText: (processed, total) => `${processed} / ${total} 行`,
  queuedText: "等待后台任务开始处理…",
  progressLabel: "导入进度",
  createdCount: (count) => `新增 ${count}`,
  updatedCount: (count) => `更新 ${count}`,
  doneHeading: "导入完成",
  doneText: (created, updated) => `新增 ${created} 条记录，更新 ${updated} 条。`,
  viewRecords: "查看记录",
  importAnother: "导入其他文件",
  failedHeading: "导入已中断",
  resume: "继续导入",
  resuming: "正在继续…",
  resumeHint: "已导入的行会保留，导入将从中断处继续。",
  resumeFailed: "无法继续导入",
  pollError: "无法获取导入进度",
};

export const importMessages: Readonly<Record<Locale, ImportMessages>> = { en, "zh-CN": zh };

/** A file size in B / KB / MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
