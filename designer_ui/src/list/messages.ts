/** Texts of the record list (columns, filters, selection, exports, record panel). */
import type { Locale } from "../i18n.ts";
import type { FilterOp } from "./fieldCaps.ts";
import type { ValueProblem } from "./filters.ts";
import type { SystemKey } from "./columns.ts";

export interface ListMessages {
  system: Readonly<Record<SystemKey, string>>;
  // Toolbar
  importButton: string;
  exportButton: string;
  exportXlsx: string;
  exportCsv: string;
  exportAllHint: string;
  exporting: string;
  exportFailed: string;
  columnsButton: string;
  columnsHeading: string;
  columnsHint: string;
  columnsReset: string;
  moveUp: (column: string) => string;
  moveDown: (column: string) => string;
  close: string;
  // Sorting
  sortBy: (column: string) => string;
  sortLabel: string;
  sortedAsc: string;
  sortedDesc: string;
  // Filters
  filterButton: string;
  filterHeading: string;
  filterField: string;
  filterOperator: string;
  filterValue: string;
  filterApply: string;
  filterCancel: string;
  filterClearAll: string;
  filterRemove: (text: string) => string;
  filtersActive: string;
  noFilterableFields: string;
  opLabel: (op: FilterOp, type: string) => string;
  isEmpty: string;
  isNotEmpty: string;
  listHint: string;
  pick: string;
  valueProblem: (problem: ValueProblem) => string;
  // Selection and bulk actions
  selectRow: (id: number) => string;
  selectPage: string;
  selectedCount: (count: number) => string;
  clearSelection: string;
  deleteSelected: string;
  exportSelected: string;
  tooManySelected: (max: number) => string;
  confirmDeleteTitle: (count: number) => string;
  confirmDeleteText: string;
  confirmDelete: string;
  deleting: string;
  deleted: (count: number) => string;
  deleteFailed: string;
  // States and paging
  updating: string;
  noMatchesFiltered: string;
  clearFiltersAndSearch: string;
  shownOfTotal: (shown: number, total: number | null) => string;
  allLoaded: string;
  // Record panel
  recordTitle: (id: number) => string;
  valuesHeading: string;
  detailsHeading: string;
  editRecord: string;
  historyHeading: string;
  historyEmpty: string;
  historyBy: (actor: string) => string;
  historyVersion: (version: number) => string;
  loadingRecord: string;
  recordError: string;
  recordGone: string;
  emptyValue: string;
}

const DATE_TYPES: ReadonlySet<string> = new Set(["date", "datetime", "time"]);

const enOps: Readonly<Record<FilterOp, string>> = {
  eq: "is",
  ne: "is not",
  gt: "greater than",
  gte: "at least",
  lt: "less than",
  lte: "at most",
  in: "is one of",
  nin: "is none of",
  contains: "contains",
  startswith: "starts with",
  has: "includes",
  isnull: "is empty or not",
};

const enDateOps: Partial<Record<FilterOp, string>> = {
  gt: "after",
  gte: "on or after",
  lt: "before",
  lte: "on or before",
};

const zhOps: Readonly<Record<FilterOp, string>> = {
  eq: "等于",
  ne: "不等于",
  gt: "大于",
  gte: "大于等于",
  lt: "小于",
  lte: "小于等于",
  in: "属于其中之一",
  nin: "不属于其中任何一个",
  contains: "包含",
  startswith: "开头是",
  has: "包含选项",
  isnull: "是否为空",
};

const zhDateOps: Partial<Record<FilterOp, string>> = {
  gt: "晚于",
  gte: "不早于",
  lt: "早于",
  lte: "不晚于",
};

const en: ListMessages = {
  system: {
    id: "No.",
    created_at: "Created",
    updated_at: "Updated",
    created_by: "Created by",
    updated_by: "Updated by",
  },
  importButton: "Import",
  exportButton: "Export",
  exportXlsx: "Excel workbook (.xlsx)",
  exportCsv: "CSV file (.csv)",
  exportAllHint: "All records matching the filters",
  exporting: "Preparing the download…",
  exportFailed: "Couldn’t export the records",
  columnsButton: "Columns",
  columnsHeading: "Columns",
  columnsHint: "Tick the columns to show; use the arrows to reorder them.",
  columnsReset: "Reset",
  moveUp: (column) => `Move ${column} up`,
  moveDown: (column) => `Move ${column} down`,
  close: "Close",
  sortBy: (column) => `Sort by ${column}`,
  sortLabel: "Sort order",
  sortedAsc: "ascending",
  sortedDesc: "descending",
  filterButton: "Filter",
  filterHeading: "Add a filter",
  filterField: "Field",
  filterOperator: "Condition",
  filterValue: "Value",
  filterApply: "Apply filter",
  filterCancel: "Cancel",
  filterClearAll: "Clear all",
  filterRemove: (text) => `Remove filter: ${text}`,
  filtersActive: "Filters",
  noFilterableFields: "This form has no fields that can be filtered.",
  opLabel: (op, type) => (DATE_TYPES.has(type) ? enDateOps[op] : undefined) ?? enOps[op],
  isEmpty: "is empty",
  isNotEmpty: "is not empty",
  listHint: "Separate values with commas.",
  pick: "Choose…",
  valueProblem: (problem) =>
    ({
      required: "Enter a value.",
      integer: "Enter a whole number.",
      number: "Enter a number.",
      date: "Pick a date.",
      datetime: "Pick a date and time.",
      time: "Pick a time.",
    })[problem],
  selectRow: (id) => `Select record ${id}`,
  selectPage: "Select all records on this page",
  selectedCount: (count) => (count === 1 ? "1 selected" : `${count} selected`),
  clearSelection: "Clear selection",
  deleteSelected: "Delete",
  exportSelected: "Export",
  tooManySelected: (max) => `Select at most ${max} records for one bulk action.`,
  confirmDeleteTitle: (count) => (count === 1 ? "Delete 1 record?" : `Delete ${count} records?`),
  confirmDeleteText:
    "The records are deleted for everyone. Either all of them are deleted or, if one can’t be, none is.",
  confirmDelete: "Delete",
  deleting: "Deleting…",
  deleted: (count) => (count === 1 ? "1 record deleted." : `${count} records deleted.`),
  deleteFailed: "Nothing was deleted",
  updating: "Updating…",
  noMatchesFiltered: "No records match these filters.",
  clearFiltersAndSearch: "Clear filters and search",
  shownOfTotal: (shown, total) =>
    total === null ? `${shown} shown, more available` : `${shown} of ${total} shown`,
  allLoaded: "All records are shown.",
  recordTitle: (id) => `Record #${id}`,
  valuesHeading: "Values",
  detailsHeading: "Details",
  editRecord: "Edit record",
  historyHeading: "History",
  historyEmpty: "No changes recorded yet.",
  historyBy: (actor) => `by ${actor}`,
  historyVersion: (version) => `v${version}`,
  loadingRecord: "Loading the record…",
  recordError: "Couldn’t load the record",
  recordGone: "This record no longer exists.",
  emptyValue: "(empty)",
};

const zh: ListMessages = {
  system: {
    id: "编号",
    created_at: "创建时间",
    updated_at: "更新时间",
    created_by: "创建人",
    updated_by: "更新人",
  },
  importButton: "导入",
  exportButton: "导出",
  exportXlsx: "Excel 工作簿 (.xlsx)",
  exportCsv: "CSV 文件 (.csv)",
  exportAllHint: "导出符合筛选条件的全部记录",
  exporting: "正在准备下载…",
  exportFailed: "无法导出记录",
  columnsButton: "列",
  columnsHeading: "显示的列",
  columnsHint: "勾选要显示的列，用箭头调整顺序。",
  columnsReset: "恢复默认",
  moveUp: (column) => `将「${column}」上移`,
  moveDown: (column) => `将「${column}」下移`,
  close: "关闭",
  sortBy: (column) => `按「${column}」排序`,
  sortLabel: "排序方式",
  sortedAsc: "升序",
  sortedDesc: "降序",
  filterButton: "筛选",
  filterHeading: "添加筛选条件",
  filterField: "字段",
  filterOperator: "条件",
  filterValue: "值",
  filterApply: "应用筛选",
  filterCancel: "取消",
  filterClearAll: "全部清除",
  filterRemove: (text) => `移除筛选：${text}`,
  filtersActive: "筛选条件",
  noFilterableFields: "此表单没有可以筛选的字段。",
  opLabel: (op, type) => (DATE_TYPES.has(type) ? zhDateOps[op] : undefined) ?? zhOps[op],
  isEmpty: "为空",
  isNotEmpty: "不为空",
  listHint: "多个值用逗号分隔。",
  pick: "请选择…",
  valueProblem: (problem) =>
    ({
      required: "请输入值。",
      integer: "请输入整数。",
      number: "请输入数字。",
      date: "请选择日期。",
      datetime: "请选择日期和时间。",
      time: "请选择时间。",
    })[problem],
  selectRow: (id) => `选择记录 ${id}`,
  selectPage: "选择本页全部记录",
  selectedCount: (count) => `已选 ${count} 条`,
  clearSelection: "取消选择",
  deleteSelected: "删除",
  exportSelected: "导出",
  tooManySelected: (max) => `批量操作一次最多选择 ${max} 条记录。`,
  confirmDeleteTitle: (count) => `删除 ${count} 条记录？`,
  confirmDeleteText: "删除后所有人都将看不到这些记录。要么全部删除，要么（有任何一条无法删除时）一条都不删除。",
  confirmDelete: "删除",
  deleting: "正在删除…",
  deleted: (count) => `已删除 ${count} 条记录。`,
  deleteFailed: "没有删除任何记录",
  updating: "正在更新…",
  noMatchesFiltered: "没有符合这些筛选条件的记录。",
  clearFiltersAndSearch: "清除筛选和搜索",
  shownOfTotal: (shown, total) =>
    total === null ? `已显示 ${shown} 条，还有更多` : `已显示 ${shown} 条，共 ${total} 条`,
  allLoaded: "已显示全部记录。",
  recordTitle: (id) => `记录 #${id}`,
  valuesHeading: "字段值",
  detailsHeading: "记录信息",
  editRecord: "编辑记录",
  historyHeading: "修改历史",
  historyEmpty: "还没有修改记录。",
  historyBy: (actor) => `操作人：${actor}`,
  historyVersion: (version) => `版本 ${version}`,
  loadingRecord: "正在加载记录…",
  recordError: "无法加载记录",
  recordGone: "此记录已不存在。",
  emptyValue: "（空）",
};

export const listMessages: Readonly<Record<Locale, ListMessages>> = { en, "zh-CN": zh };
