/** Every text the form designer shows, in zh-CN and en. */
import type { Locale } from "../i18n.ts";
import type { FunctionCategory } from "./expressions.ts";
import type {
  PaletteGroupId,
  PaletteItem,
  PropGroup,
  ScanPart,
} from "./fieldTypes.ts";
import type { KeyProblem } from "./model.ts";
import type { LocalErrorCode } from "./validate.ts";

export interface DesignerMessages {
  // Page
  loading: string;
  loadErrorTitle: string;
  invalidKey: (key: string) => string;
  backToApp: string;
  newFormBadge: string;
  newFormIntro: string;
  formNameLabel: string;
  formNamePlaceholder: string;
  statusNames: Readonly<Record<string, string>>;
  versionChip: (version: number) => string;
  publishedChip: (version: number) => string;
  unsaved: string;
  allSaved: string;
  save: string;
  saving: string;
  publish: string;
  publishing: string;
  history: string;
  historyShort: string;
  savedToast: (version: number) => string;
  unchangedToast: string;
  publishedToast: (version: number) => string;
  restoredToast: (version: number) => string;
  notSaved: (count: number) => string;
  notPublished: string;
  leaveConfirm: string;
  fieldDeleted: (name: string) => string;
  undo: string;
  dismiss: string;
  problemsIn: string;

  // Panes
  tabsLabel: string;
  tabPalette: string;
  tabCanvas: string;
  tabProperties: string;
  tabPreview: string;
  paletteTitle: string;
  paletteHint: string;
  groupNames: Readonly<Record<PaletteGroupId, string>>;
  typeNames: Readonly<Record<PaletteItem, string>>;
  typeHints: Readonly<Record<PaletteItem, string>>;
  addItem: (name: string) => string;

  // Canvas
  canvasTitle: string;
  canvasEmptyTitle: string;
  canvasEmptyText: string;
  unsectioned: string;
  dropHere: string;
  addSection: string;
  newSectionLabel: Readonly<Record<Locale, string>>;
  sectionUntitled: string;
  sectionEmpty: string;
  columnsLabel: string;
  columnsCount: (n: number) => string;
  moveSectionUp: string;
  moveSectionDown: string;
  deleteSection: string;
  subTableDrop: string;
  subTableHint: string;
  duplicate: string;
  remove: string;
  moveUp: string;
  moveDown: string;
  requiredMark: string;
  errorBadge: (count: number) => string;
  dragHandle: string;
  dndInstructions: string;
  dndPickedUp: (name: string) => string;
  dndOver: (place: string) => string;
  dndDropped: (name: string, place: string) => string;
  dndCancelled: (name: string) => string;
  placeForm: string;
  placeSection: (name: string) => string;
  placeTable: (name: string) => string;

  // Properties
  propertiesTitle: string;
  formProperties: string;
  sectionProperties: string;
  fieldProperties: (type: string) => string;
  columnOf: (table: string) => string;
  groupTitles: Readonly<Record<PropGroup, string>>;
  propNames: Readonly<Record<string, string>>;
  propHints: Readonly<Partial<Record<string, string>>>;
  localeNames: Readonly<Record<Locale, string>>;
  keyProblems: Readonly<Record<KeyProblem, string>>;
  notSet: string;
  yes: string;
  no: string;
  noSection: string;
  optionKey: string;
  optionLabel: (locale: string) => string;
  optionColor: string;
  addOption: string;
  removeOption: string;
  newOptionLabel: (n: number) => Readonly<Record<Locale, string>>;
  scanParts: Readonly<Record<ScanPart, string>>;
  fillNone: string;
  traceRoles: Readonly<Record<string, string>>;
  formulaResults: Readonly<Record<string, string>>;
  aggregates: Readonly<Record<string, string>>;
  scanAccept: Readonly<Record<string, string>>;
  loadingForms: string;
  formsLoadError: string;
  noRelations: string;
  noSources: string;
  noNumbers: string;
  pickFirst: string;
  insertField: string;
  insertFunction: string;
  functionCategories: Readonly<Record<FunctionCategory, string>>;
  functionDocs: Readonly<Record<string, string>>;
  expressionPlaceholder: string;
  conditionPlaceholder: string;
  formKey: string;
  formLabel: string;
  formDescription: string;
  titleField: string;
  titleFieldHint: string;
  rulesTitle: string;
  rulesHint: string;
  addRule: string;
  newRuleMessage: Readonly<Record<Locale, string>>;
  removeRule: string;
  ruleExpression: string;
  ruleMessage: (locale: string) => string;
  ruleFields: string;
  sectionKey: string;
  sectionLabel: (locale: string) => string;
  localErrors: Readonly<Record<LocalErrorCode, (limit?: number) => string>>;

  // Preview
  previewTitle: string;
  previewIntro: string;
  previewEmpty: string;
  computed: string;
  pickRecord: (form: string) => string;
  addFiles: string;
  signHere: string;
  scanPlaceholder: string;
  locate: string;
  addRow: string;
  noRows: string;
  pickPerson: string;
  pickDepartment: string;
  choose: string;

  // Publish and history
  publishTitle: (version: number) => string;
  publishIntro: string;
  publishChecking: string;
  firstPublish: string;
  changesTitle: string;
  tableTitle: string;
  noChanges: string;
  confirmPublish: string;
  cancel: string;
  close: string;
  planStep: (op: string, field: string, from?: string, to?: string) => string;
  fieldAdded: (name: string, type: string) => string;
  fieldRemoved: (name: string) => string;
  fieldChanged: (name: string, props: string) => string;
  fieldsMoved: string;
  columnsMoved: (table: string) => string;
  formChanged: (props: string) => string;
  layoutChanged: string;
  rulesChanged: string;
  inTable: (name: string, table: string) => string;
  historyTitle: string;
  historyLoading: string;
  historyEmpty: string;
  historyError: string;
  versionName: (version: number) => string;
  byAt: (who: string, when: string) => string;
  compare: string;
  compareTitle: (from: number, to: number) => string;
  sameVersion: string;
  restore: string;
  restoreTitle: (version: number) => string;
  restoreText: string;
  restoreUnsaved: string;
  confirmRestore: string;
  currentVersion: string;
}

const zhTypeNames: Record<PaletteItem, string> = {
  text: "单行文本",
  long_text: "多行文本",
  integer: "整数",
  decimal: "小数",
  currency: "金额",
  percent: "百分比",
  boolean: "是/否",
  single_select: "单选",
  multi_select: "多选",
  date: "日期",
  datetime: "日期时间",
  time: "时间",
  email: "邮箱",
  phone: "电话",
  url: "网址",
  scan_code: "扫码",
  geolocation: "定位",
  attachment: "附件",
  image: "图片",
  signature: "手写签名",
  user: "人员",
  department: "部门",
  relation: "关联记录",
  lookup: "引用字段",
  rollup: "汇总",
  formula: "公式",
  auto_number: "自动编号",
  sub_table: "子表",
  section: "分组",
};

const enTypeNames: Record<PaletteItem, string> = {
  text: "Text",
  long_text: "Long text",
  integer: "Whole number",
  decimal: "Decimal",
  currency: "Money",
  percent: "Percent",
  boolean: "Yes / no",
  single_select: "Single choice",
  multi_select: "Multiple choice",
  date: "Date",
  datetime: "Date and time",
  time: "Time",
  email: "Email",
  phone: "Phone",
  url: "Web address",
  scan_code: "Scan code",
  geolocation: "Location",
  attachment: "Attachment",
  image: "Image",
  signature: "Signature",
  user: "Person",
  department: "Department",
  relation: "Link to record",
  lookup: "Lookup",
  rollup: "Rollup",
  formula: "Formula",
  auto_number: "Auto number",
  sub_table: "Sub-table",
  section: "Section",
};

const zh: DesignerMessages = {
  loading: "正在打开表单…",
  loadErrorTitle: "无法打开表单",
  invalidKey: (key) => `“${key}”不能作为表单键：只能用小写字母、数字和下划线，并以字母开头（最多 40 个字符）。`,
  backToApp: "返回应用",
  newFormBadge: "新表单",
  newFormIntro: "这个表单还不存在。先起个名字，再把字段拖到画布上。",
  formNameLabel: "表单名称",
  formNamePlaceholder: "例如：来料检验",
  statusNames: { draft: "草稿", published: "已发布", superseded: "已被替代", new: "未保存" },
  versionChip: (v) => `版本 ${v}`,
  publishedChip: (v) => `已发布版本 ${v}`,
  unsaved: "有未保存的修改",
  allSaved: "所有修改已保存",
  save: "保存草稿",
  saving: "正在保存…",
  publish: "发布",
  publishing: "正在发布…",
  history: "版本历史",
  historyShort: "历史",
  savedToast: (v) => `已保存为草稿版本 ${v}。`,
  unchangedToast: "没有新的修改，无需保存。",
  publishedToast: (v) => `版本 ${v} 已发布，操作员现在使用这个版本。`,
  restoredToast: (v) => `已恢复版本 ${v} 并发布。`,
  notSaved: (n) => `没有保存：有 ${n} 个问题，已用红色标出。`,
  notPublished: "没有发布：",
  leaveConfirm: "有未保存的修改。离开设计器会丢失这些修改，确定离开吗？",
  fieldDeleted: (name) => `已删除字段“${name}”。`,
  undo: "撤销",
  dismiss: "关闭",
  problemsIn: "问题：",

  tabsLabel: "设计器视图",
  tabPalette: "字段",
  tabCanvas: "画布",
  tabProperties: "属性",
  tabPreview: "预览",
  paletteTitle: "添加字段",
  paletteHint: "拖到画布上，或点击添加到末尾。",
  groupNames: {
    basic: "基础",
    choice: "选择",
    datetime: "日期与时间",
    contact: "联系方式",
    media: "扫码与媒体",
    people: "人员与组织",
    computed: "关联与计算",
    layout: "布局",
  },
  typeNames: zhTypeNames,
  typeHints: {
    text: "一行文字，如批次号",
    long_text: "多行文字，如备注",
    integer: "不带小数的数字",
    decimal: "带小数的数字，如重量",
    currency: "金额，带币种",
    percent: "百分比",
    boolean: "勾选框",
    single_select: "从选项中选一个",
    multi_select: "从选项中选多个",
    date: "日期",
    datetime: "日期和时间",
    time: "一天中的时间",
    email: "邮箱地址",
    phone: "电话号码",
    url: "网页地址",
    scan_code: "扫描条码或二维码，可自动填写其他字段",
    geolocation: "经纬度位置",
    attachment: "上传文件，如证书",
    image: "照片，带缩略图",
    signature: "手写签名",
    user: "选择系统中的人员",
    department: "选择部门",
    relation: "关联到另一个表单的记录",
    lookup: "显示关联记录的某个字段",
    rollup: "对子表或关联记录计数、求和…",
    formula: "根据其他字段自动计算",
    auto_number: "自动生成的编号",
    sub_table: "多行明细，拖入字段作为列",
    section: "把字段分组，1–3 列布局",
  },
  addItem: (name) => `添加“${name}”`,

  canvasTitle: "画布",
  canvasEmptyTitle: "把字段拖到这里",
  canvasEmptyText: "从左侧字段库拖一个字段过来，或点击字段直接添加。",
  unsectioned: "未分组的字段",
  dropHere: "放到这里",
  addSection: "添加分组",
  newSectionLabel: { "zh-CN": "新分组", en: "New section" },
  sectionUntitled: "未命名分组",
  sectionEmpty: "把字段拖进这个分组",
  columnsLabel: "列数",
  columnsCount: (n) => `${n} 列`,
  moveSectionUp: "分组上移",
  moveSectionDown: "分组下移",
  deleteSection: "删除分组（字段保留）",
  subTableDrop: "把字段拖到这里作为子表的列",
  subTableHint: "公式、子表、附件等字段不能作为列",
  duplicate: "复制",
  remove: "删除",
  moveUp: "上移",
  moveDown: "下移",
  requiredMark: "必填",
  errorBadge: (n) => `${n} 个问题`,
  dragHandle: "拖动以移动",
  dndInstructions: "按空格键拿起字段，用方向键移动，再按空格键放下，按 Esc 取消。",
  dndPickedUp: (name) => `已拿起 ${name}。`,
  dndOver: (place) => `位于 ${place}。`,
  dndDropped: (name, place) => `${name} 已放到 ${place}。`,
  dndCancelled: (name) => `已取消移动 ${name}。`,
  placeForm: "表单",
  placeSection: (name) => `分组“${name}”`,
  placeTable: (name) => `子表“${name}”`,

  propertiesTitle: "属性",
  formProperties: "表单属性",
  sectionProperties: "分组属性",
  fieldProperties: (type) => `${type}字段`,
  columnOf: (table) => `子表“${table}”的列`,
  groupTitles: {
    basics: "基本",
    behaviour: "行为",
    validation: "校验",
    default: "默认值",
    options: "选项",
    relation: "关联",
    trace: "追溯",
    lookup: "引用",
    rollup: "汇总",
    formula: "公式",
    numbering: "编号规则",
    scan: "扫码",
    people: "人员",
    currency: "币种",
    files: "文件",
    conditions: "条件",
    columns: "列",
  },
  propNames: {
    id: "字段键",
    type: "类型",
    label: "名称",
    description: "说明",
    required: "必填",
    read_only: "只读",
    unique: "不允许重复",
    index: "建立索引（加快筛选）",
    min_length: "最少字数",
    max_length: "最多字数",
    pattern: "格式（正则表达式）",
    default: "默认值",
    min: "最小值",
    max: "最大值",
    precision: "总位数",
    scale: "小数位数",
    currency: "币种",
    options: "选项",
    min_items: "最少选几项",
    max_items: "最多选几项",
    accept: "接受的类型",
    fill: "扫码自动填写",
    target: "关联的表单",
    multiple: "允许多个",
    display_field: "显示字段",
    trace_role: "追溯角色",
    trace_quantity: "数量字段",
    relation: "通过哪个关联",
    field: "字段",
    source: "来源",
    aggregate: "计算方式",
    expression: "公式",
    result: "结果类型",
    visible_if: "显示条件",
    required_if: "必填条件",
    max_files: "最多文件数",
    max_size_mb: "单个文件上限（MB）",
    current_user: "默认填写创建人",
    fields: "列",
    min_rows: "最少行数",
    max_rows: "最多行数",
    section: "所在分组",
    columns: "列数",
    title_field: "记录标题",
    validations: "跨字段校验",
    key: "键",
    message: "提示",
  },
  propHints: {
    id: "小写字母、数字和下划线，以字母开头。API 和数据列使用它；发布后修改会丢失已存数据。",
    pattern: "例如 ^[A-Z]{2}\\d{6}$",
    visible_if: "条件成立时才显示这个字段，例如 passed == False",
    required_if: "条件成立时必须填写，例如 quantity > 100",
    precision: "整数位加小数位的总位数",
    accept: "用逗号分隔，例如 image/*, application/pdf",
    trace_role: "让这个关联进入追溯链：消耗、产出、收货、发货或包含",
    trace_quantity: "本表中记录移动数量的数字字段",
    display_field: "关联时显示的字段，默认是对方的标题字段",
    unique: "两条记录不能有相同的值",
    read_only: "显示但不允许修改",
  },
  localeNames: { "zh-CN": "中文", en: "English" },
  keyProblems: {
    empty: "请填写字段键。",
    pattern: "只能用小写字母、数字和下划线，并以字母开头。",
    too_long: "字段键太长了。",
    reserved: "这个键是系统保留的，请换一个。",
    duplicate: "已有字段使用这个键。",
  },
  notSet: "未设置",
  yes: "是",
  no: "否",
  noSection: "不分组",
  optionKey: "键",
  optionLabel: (l) => `名称（${l}）`,
  optionColor: "颜色",
  addOption: "添加选项",
  removeOption: "删除选项",
  newOptionLabel: (n) => ({ "zh-CN": `选项 ${n}`, en: `Option ${n}` }),
  scanParts: {
    gtin: "商品码 (GTIN)",
    lot: "批次",
    serial: "序列号",
    sscc: "物流码 (SSCC)",
    text: "原始文本",
    expiry: "有效期",
    best_before: "最佳食用期",
    production_date: "生产日期",
    quantity: "数量",
    net_weight_kg: "净重 (kg)",
  },
  fillNone: "不填写",
  traceRoles: { consumes: "消耗（投入）", produces: "产出", receives: "收货", ships: "发货", contains: "包含（装箱）" },
  formulaResults: { number: "数字", integer: "整数", text: "文本", boolean: "是/否", date: "日期", datetime: "日期时间" },
  aggregates: { count: "计数", sum: "求和", avg: "平均值", min: "最小值", max: "最大值" },
  scanAccept: { any: "任意条码", gs1: "仅 GS1 条码" },
  loadingForms: "正在加载表单…",
  formsLoadError: "无法加载表单列表。",
  noRelations: "先添加一个单条关联字段。",
  noSources: "先添加子表或允许多个的关联字段。",
  noNumbers: "没有可用的数字字段。",
  pickFirst: "请先选择上一项。",
  insertField: "插入字段",
  insertFunction: "插入函数",
  functionCategories: { logic: "逻辑", math: "数学", text: "文本", date: "日期", list: "列表" },
  functionDocs: {
    IF: "条件成立时取“then”，否则取“else”（省略时为空）。",
    IFS: "取第一个成立条件后面的值，都不成立时取默认值。",
    AND: "所有条件都成立时为真。",
    OR: "至少一个条件成立时为真。",
    NOT: "条件不成立时为真。",
    COALESCE: "第一个不为空的值。",
    ISBLANK: "值为空、空文本或空列表时为真。",
    ROUND: "四舍五入到指定小数位（默认 0）。",
    ROUNDUP: "向远离零的方向舍入。",
    ROUNDDOWN: "向零的方向舍入。",
    ABS: "绝对值。",
    MIN: "最小值（可用于列表）。",
    MAX: "最大值（可用于列表）。",
    SUM: "求和（空值不计）。",
    AVG: "平均值（空值不计）。",
    INT: "向下取整。",
    MOD: "除法的余数。",
    POWER: "乘方。",
    LEN: "文本的字符数。",
    UPPER: "转为大写。",
    LOWER: "转为小写。",
    TRIM: "去掉首尾空格。",
    CONCAT: "把多个值连成一段文本。",
    LEFT: "取开头的若干字符。",
    RIGHT: "取末尾的若干字符。",
    MID: "从某个位置起取若干字符（第一个字符是 1）。",
    REPLACE: "把文本中的旧内容全部替换为新内容。",
    CONTAINS: "文本包含某段内容时为真（区分大小写）。",
    STARTSWITH: "文本以某段内容开头时为真。",
    ENDSWITH: "文本以某段内容结尾时为真。",
    TEXT: "把值转为文本，可指定格式，如 TEXT(date, 'yyyy-MM-dd')。",
    NUMBER: "把文本转为数字。",
    LPAD: "在左侧补齐到指定长度。",
    TODAY: "今天的日期（应用所在时区）。",
    NOW: "当前日期和时间。",
    DATE: "由年、月、日组成日期。",
    YEAR: "日期的年份。",
    MONTH: "日期的月份（1–12）。",
    DAY: "日期是当月第几天。",
    WEEKDAY: "星期几：周一为 1，周日为 7。",
    ADD_DAYS: "日期加减天数。",
    ADD_MONTHS: "日期加减月数。",
    DAYS_BETWEEN: "两个日期相差的天数。",
    HOURS_BETWEEN: "两个时间相差的小时数。",
    DATE_OF: "日期时间中的日期部分。",
    COUNT: "列表中的项数。",
    INCLUDES: "列表包含某个值时为真。",
  },
  expressionPlaceholder: "例如 ROUND(quantity * unit_price, 2)",
  conditionPlaceholder: "例如 passed == False",
  formKey: "表单键（用于网址，不能修改）",
  formLabel: "表单名称",
  formDescription: "说明",
  titleField: "记录标题字段",
  titleFieldHint: "列表和关联中用这个字段代表一条记录。",
  rulesTitle: "跨字段校验",
  rulesHint: "保存记录时检查的条件，例如 end_date >= start_date。",
  addRule: "添加校验",
  newRuleMessage: { "zh-CN": "校验未通过", en: "Check failed" },
  removeRule: "删除校验",
  ruleExpression: "必须成立的条件",
  ruleMessage: (l) => `不成立时的提示（${l}）`,
  ruleFields: "提示显示在",
  sectionKey: "分组键",
  sectionLabel: (l) => `分组名称（${l}）`,
  localErrors: {
    label_required: () => "请填写名称。",
    form_label_required: () => "请填写表单名称。",
    no_fields: () => "表单至少需要一个字段。",
    no_columns: () => "把至少一个字段拖进子表作为列。",
    no_options: () => "至少需要一个选项。",
    option_key: () => "选项需要一个键。",
    option_duplicate: () => "选项键重复了。",
    option_label: () => "选项需要名称。",
    expression_required: () => "请填写公式或删除这个条件。",
    target_required: () => "请选择要关联的表单。",
    relation_required: () => "请选择通过哪个关联字段引用。",
    field_required: () => "请选择字段。",
    source_required: () => "请选择汇总的来源。",
    numbering_pattern: () => "编号规则需要包含 {seq:N}，例如 {seq:4}。",
    key_empty: () => "请填写字段键。",
    key_pattern: () => "只能用小写字母、数字和下划线，并以字母开头。",
    key_too_long: () => "字段键太长了。",
    key_reserved: () => "这个键是系统保留的。",
    key_duplicate: () => "已有字段使用这个键。",
    too_small: (n) => `不能小于 ${n ?? 0}。`,
    too_large: (n) => `不能大于 ${n ?? 0}。`,
    whole_number: () => "请填写整数。",
    decimal: () => "请填写数字，例如 12.5。",
    min_above_max: () => "最大值不能小于最小值。",
    currency_code: () => "请填写 3 个大写字母的币种代码，例如 CNY。",
    section_duplicate: () => "分组键重复了。",
    section_key: () => "分组键只能用小写字母、数字和下划线。",
    rule_expression: () => "请填写条件。",
    rule_message: () => "请填写提示。",
  },

  previewTitle: "预览",
  previewIntro: "操作员看到的表单（只读）。",
  previewEmpty: "还没有可以预览的字段。",
  computed: "自动计算",
  pickRecord: (form) => `选择“${form}”中的记录`,
  addFiles: "添加文件",
  signHere: "在此签名",
  scanPlaceholder: "扫码或输入",
  locate: "获取当前位置",
  addRow: "添加一行",
  noRows: "还没有行",
  pickPerson: "选择人员",
  pickDepartment: "选择部门",
  choose: "请选择…",

  publishTitle: (v) => `发布版本 ${v}？`,
  publishIntro: "发布后，操作员立即使用这个版本。",
  publishChecking: "正在检查发布会带来的变化…",
  firstPublish: "首次发布：会为这个表单建立数据表。",
  changesTitle: "表单的变化",
  tableTitle: "数据表的变化",
  noChanges: "与已发布的版本相比没有变化。",
  confirmPublish: "立即发布",
  cancel: "取消",
  close: "关闭",
  planStep: (op, field, from, to) => {
    switch (op) {
      case "create_table":
        return "新建数据表";
      case "create_child_table":
        return `为子表 ${field} 新建明细表`;
      case "add_column":
        return `为字段 ${field} 新增一列`;
      case "add_index":
        return `为字段 ${field} 建立索引`;
      case "drop_index":
        return `删除字段 ${field} 的索引`;
      case "add_unique":
        return `字段 ${field} 不再允许重复值`;
      case "drop_unique":
        return `字段 ${field} 允许重复值`;
      case "change_type":
        return `字段 ${field} 的类型从 ${from ?? "?"} 改为 ${to ?? "?"}`;
      case "hide_field":
        return `字段 ${field} 被隐藏（数据保留，可以恢复）`;
      case "restore_field":
        return `字段 ${field} 恢复显示（之前的数据重新可见）`;
      default:
        return `${op} ${field}`;
    }
  },
  fieldAdded: (name, type) => `新增字段 ${name}（${type}）`,
  fieldRemoved: (name) => `删除字段 ${name}`,
  fieldChanged: (name, props) => `修改字段 ${name}：${props}`,
  fieldsMoved: "调整了字段顺序",
  columnsMoved: (table) => `调整了子表 ${table} 的列顺序`,
  formChanged: (props) => `修改表单：${props}`,
  layoutChanged: "修改了分组布局",
  rulesChanged: "修改了跨字段校验",
  inTable: (name, table) => `${table} 的 ${name}`,
  historyTitle: "版本历史",
  historyLoading: "正在加载版本…",
  historyEmpty: "还没有保存过的版本。",
  historyError: "无法加载版本历史。",
  versionName: (v) => `版本 ${v}`,
  byAt: (who, when) => `${who} · ${when}`,
  compare: "与当前版本比较",
  compareTitle: (from, to) => `版本 ${from} → 版本 ${to}`,
  sameVersion: "这就是当前版本。",
  restore: "恢复",
  restoreTitle: (v) => `恢复到版本 ${v}？`,
  restoreText: "会把这个版本另存为新版本并立即发布。以后仍可再恢复其他版本。",
  restoreUnsaved: "你当前未保存的修改会丢失。",
  confirmRestore: "恢复并发布",
  currentVersion: "当前",
};

const en: DesignerMessages = {
  loading: "Opening the form…",
  loadErrorTitle: "The form could not be opened",
  invalidKey: (key) =>
    `“${key}” cannot be a form key: use lowercase letters, digits and _, starting with a letter (at most 40 characters).`,
  backToApp: "Back to the app",
  newFormBadge: "New form",
  newFormIntro: "This form does not exist yet. Give it a name, then drag fields onto the canvas.",
  formNameLabel: "Form name",
  formNamePlaceholder: "e.g. Incoming inspection",
  statusNames: { draft: "Draft", published: "Published", superseded: "Superseded", new: "Not saved" },
  versionChip: (v) => `Version ${v}`,
  publishedChip: (v) => `Published: v${v}`,
  unsaved: "Unsaved changes",
  allSaved: "All changes saved",
  save: "Save draft",
  saving: "Saving…",
  publish: "Publish",
  publishing: "Publishing…",
  history: "Version history",
  historyShort: "History",
  savedToast: (v) => `Saved as draft version ${v}.`,
  unchangedToast: "Nothing changed since the last save.",
  publishedToast: (v) => `Version ${v} is published: operators use it now.`,
  restoredToast: (v) => `Version ${v} was restored and published.`,
  notSaved: (n) => `Not saved: ${n} ${n === 1 ? "problem" : "problems"}, marked in red.`,
  notPublished: "Not published:",
  leaveConfirm: "You have unsaved changes. Leave the designer and lose them?",
  fieldDeleted: (name) => `Field “${name}” deleted.`,
  undo: "Undo",
  dismiss: "Dismiss",
  problemsIn: "Problems:",

  tabsLabel: "Designer views",
  tabPalette: "Fields",
  tabCanvas: "Canvas",
  tabProperties: "Properties",
  tabPreview: "Preview",
  paletteTitle: "Add fields",
  paletteHint: "Drag onto the canvas, or click to add at the end.",
  groupNames: {
    basic: "Basic",
    choice: "Choice",
    datetime: "Date & time",
    contact: "Contact",
    media: "Scan & media",
    people: "People",
    computed: "Relations & computed",
    layout: "Layout",
  },
  typeNames: enTypeNames,
  typeHints: {
    text: "One line of text, like a lot code",
    long_text: "Several lines, like remarks",
    integer: "A number without decimals",
    decimal: "A number with decimals, like a weight",
    currency: "An amount of money",
    percent: "A percentage",
    boolean: "A checkbox",
    single_select: "Pick one of a list",
    multi_select: "Pick several of a list",
    date: "A calendar date",
    datetime: "A date and a time",
    time: "A time of day",
    email: "An email address",
    phone: "A phone number",
    url: "A web address",
    scan_code: "Scan a barcode or QR code; can fill other fields",
    geolocation: "A place (latitude, longitude)",
    attachment: "Uploaded files, like certificates",
    image: "Photos with thumbnails",
    signature: "A handwritten signature",
    user: "A person of this installation",
    department: "A department",
    relation: "A record of another form",
    lookup: "A field of the linked record",
    rollup: "Count, sum… over rows or linked records",
    formula: "Calculated from other fields",
    auto_number: "A generated running number",
    sub_table: "Rows of details; drag fields in as columns",
    section: "Group fields under a heading, 1–3 columns",
  },
  addItem: (name) => `Add “${name}”`,

  canvasTitle: "Canvas",
  canvasEmptyTitle: "Drag fields here",
  canvasEmptyText: "Take a field from the palette and drop it here, or click one to add it.",
  unsectioned: "Fields without a section",
  dropHere: "Drop here",
  addSection: "Add section",
  newSectionLabel: { "zh-CN": "新分组", en: "New section" },
  sectionUntitled: "Untitled section",
  sectionEmpty: "Drag fields into this section",
  columnsLabel: "Columns",
  columnsCount: (n) => `${n} ${n === 1 ? "column" : "columns"}`,
  moveSectionUp: "Move section up",
  moveSectionDown: "Move section down",
  deleteSection: "Delete section (keeps its fields)",
  subTableDrop: "Drag fields here to make them columns",
  subTableHint: "Formulas, sub-tables, files and people cannot be columns",
  duplicate: "Duplicate",
  remove: "Delete",
  moveUp: "Move up",
  moveDown: "Move down",
  requiredMark: "required",
  errorBadge: (n) => `${n} ${n === 1 ? "problem" : "problems"}`,
  dragHandle: "Drag to move",
  dndInstructions:
    "Press space to pick up a field. Use the arrow keys to move it, space to drop it, escape to cancel.",
  dndPickedUp: (name) => `Picked up ${name}.`,
  dndOver: (place) => `Over ${place}.`,
  dndDropped: (name, place) => `${name} dropped in ${place}.`,
  dndCancelled: (name) => `Moving ${name} was cancelled.`,
  placeForm: "the form",
  placeSection: (name) => `section “${name}”`,
  placeTable: (name) => `sub-table “${name}”`,

  propertiesTitle: "Properties",
  formProperties: "Form properties",
  sectionProperties: "Section properties",
  fieldProperties: (type) => `${type} field`,
  columnOf: (table) => `Column of “${table}”`,
  groupTitles: {
    basics: "Basics",
    behaviour: "Behaviour",
    validation: "Validation",
    default: "Default value",
    options: "Options",
    relation: "Link",
    trace: "Traceability",
    lookup: "Lookup",
    rollup: "Rollup",
    formula: "Formula",
    numbering: "Numbering",
    scan: "Scanning",
    people: "People",
    currency: "Currency",
    files: "Files",
    conditions: "Conditions",
    columns: "Columns",
  },
  propNames: {
    id: "Key",
    type: "Type",
    label: "Label",
    description: "Help text",
    required: "Required",
    read_only: "Read-only",
    unique: "No duplicates",
    index: "Index (faster filters)",
    min_length: "Minimum length",
    max_length: "Maximum length",
    pattern: "Format (regular expression)",
    default: "Default",
    min: "Minimum",
    max: "Maximum",
    precision: "Total digits",
    scale: "Decimals",
    currency: "Currency",
    options: "Options",
    min_items: "Pick at least",
    max_items: "Pick at most",
    accept: "Accepted kinds",
    fill: "Scan fills",
    target: "Linked form",
    multiple: "Allow several",
    display_field: "Shown field",
    trace_role: "Trace role",
    trace_quantity: "Quantity field",
    relation: "Through link",
    field: "Field",
    source: "Source",
    aggregate: "Calculation",
    expression: "Formula",
    result: "Result type",
    visible_if: "Show when",
    required_if: "Required when",
    max_files: "Most files",
    max_size_mb: "Largest file (MB)",
    current_user: "Fill in the creator",
    fields: "Columns",
    min_rows: "Fewest rows",
    max_rows: "Most rows",
    section: "Section",
    columns: "Columns",
    title_field: "Record title",
    validations: "Checks",
    key: "Key",
    message: "Message",
  },
  propHints: {
    id: "Lowercase letters, digits and _, starting with a letter. The API and the data column use it; changing it after publishing loses stored data.",
    pattern: "e.g. ^[A-Z]{2}\\d{6}$",
    visible_if: "The field shows only when this holds, e.g. passed == False",
    required_if: "The field must be filled when this holds, e.g. quantity > 100",
    precision: "Digits before and after the decimal point together",
    accept: "Comma-separated, e.g. image/*, application/pdf",
    trace_role: "Puts this link in the traceability chain: consumes, produces, receives, ships or contains",
    trace_quantity: "The number field of this form holding the quantity moved",
    display_field: "Shown for the link; by default the linked form's title field",
    unique: "No two records may hold the same value",
    read_only: "Shown, but nobody can change it",
  },
  localeNames: { "zh-CN": "中文", en: "English" },
  keyProblems: {
    empty: "Enter a key.",
    pattern: "Use lowercase letters, digits and _, starting with a letter.",
    too_long: "The key is too long.",
    reserved: "This key is reserved; choose another one.",
    duplicate: "Another field already uses this key.",
  },
  notSet: "Not set",
  yes: "Yes",
  no: "No",
  noSection: "No section",
  optionKey: "Key",
  optionLabel: (l) => `Label (${l})`,
  optionColor: "Colour",
  addOption: "Add option",
  removeOption: "Remove option",
  newOptionLabel: (n) => ({ "zh-CN": `选项 ${n}`, en: `Option ${n}` }),
  scanParts: {
    gtin: "Product code (GTIN)",
    lot: "Lot",
    serial: "Serial number",
    sscc: "Shipping code (SSCC)",
    text: "Raw text",
    expiry: "Expiry date",
    best_before: "Best before",
    production_date: "Production date",
    quantity: "Quantity",
    net_weight_kg: "Net weight (kg)",
  },
  fillNone: "Nothing",
  traceRoles: {
    consumes: "Consumes (inputs)",
    produces: "Produces (outputs)",
    receives: "Receives",
    ships: "Ships",
    contains: "Contains (packing)",
  },
  formulaResults: {
    number: "Number",
    integer: "Whole number",
    text: "Text",
    boolean: "Yes / no",
    date: "Date",
    datetime: "Date and time",
  },
  aggregates: { count: "Count", sum: "Sum", avg: "Average", min: "Minimum", max: "Maximum" },
  scanAccept: { any: "Any code", gs1: "GS1 codes only" },
  loadingForms: "Loading forms…",
  formsLoadError: "The list of forms could not be loaded.",
  noRelations: "Add a single link to a record first.",
  noSources: "Add a sub-table or a link that allows several records first.",
  noNumbers: "No number field to pick.",
  pickFirst: "Pick the item above first.",
  insertField: "Insert field",
  insertFunction: "Insert function",
  functionCategories: { logic: "Logic", math: "Math", text: "Text", date: "Dates", list: "Lists" },
  functionDocs: {
    IF: "The 'then' value when the condition holds, else the 'else' value (blank if omitted).",
    IFS: "The value after the first condition that holds, else the default.",
    AND: "True when every condition holds.",
    OR: "True when at least one condition holds.",
    NOT: "True when the condition does not hold.",
    COALESCE: "The first value that is not blank.",
    ISBLANK: "True when the value is blank, empty text or an empty list.",
    ROUND: "Rounded to 'digits' decimals (0 if omitted).",
    ROUNDUP: "Rounded away from zero.",
    ROUNDDOWN: "Rounded toward zero.",
    ABS: "The number without its sign.",
    MIN: "The smallest value (lists are looked into).",
    MAX: "The largest value (lists are looked into).",
    SUM: "The total (blanks count as nothing).",
    AVG: "The average, blanks left out.",
    INT: "Rounded down to a whole number.",
    MOD: "The remainder of a division.",
    POWER: "The number raised to a power.",
    LEN: "The number of characters.",
    UPPER: "The text in capitals.",
    LOWER: "The text in small letters.",
    TRIM: "The text without spaces at its ends.",
    CONCAT: "The values joined into one text.",
    LEFT: "The first characters.",
    RIGHT: "The last characters.",
    MID: "Characters from a position (the first is 1).",
    REPLACE: "Every 'old' replaced by 'new'.",
    CONTAINS: "True when the text contains the part (case-sensitive).",
    STARTSWITH: "True when the text starts with the part.",
    ENDSWITH: "True when the text ends with the part.",
    TEXT: "The value as text, e.g. TEXT(date, 'dd/MM/yyyy').",
    NUMBER: "The number written in a text.",
    LPAD: "Padded on the left to a length.",
    TODAY: "Today's date in the app's time zone.",
    NOW: "The current date and time.",
    DATE: "The date with this year, month and day.",
    YEAR: "The year of a date.",
    MONTH: "The month of a date (1 to 12).",
    DAY: "The day of the month.",
    WEEKDAY: "1 for Monday to 7 for Sunday.",
    ADD_DAYS: "The date moved by a number of days.",
    ADD_MONTHS: "The date moved by whole months.",
    DAYS_BETWEEN: "Days from start to end.",
    HOURS_BETWEEN: "Hours from start to end.",
    DATE_OF: "The calendar date of a date and time.",
    COUNT: "The number of items in a list.",
    INCLUDES: "True when the list holds the value.",
  },
  expressionPlaceholder: "e.g. ROUND(quantity * unit_price, 2)",
  conditionPlaceholder: "e.g. passed == False",
  formKey: "Form key (in web addresses; never changes)",
  formLabel: "Form name",
  formDescription: "Description",
  titleField: "Record title field",
  titleFieldHint: "Names a record in lists and links.",
  rulesTitle: "Checks across fields",
  rulesHint: "Conditions checked when a record is saved, e.g. end_date >= start_date.",
  addRule: "Add check",
  newRuleMessage: { "zh-CN": "校验未通过", en: "Check failed" },
  removeRule: "Remove check",
  ruleExpression: "Condition that must hold",
  ruleMessage: (l) => `Message when it does not (${l})`,
  ruleFields: "Show the message at",
  sectionKey: "Section key",
  sectionLabel: (l) => `Section name (${l})`,
  localErrors: {
    label_required: () => "Enter a label.",
    form_label_required: () => "Enter the form's name.",
    no_fields: () => "A form needs at least one field.",
    no_columns: () => "Drag at least one field into the sub-table as a column.",
    no_options: () => "Add at least one option.",
    option_key: () => "Each option needs a key.",
    option_duplicate: () => "Two options have the same key.",
    option_label: () => "Each option needs a label.",
    expression_required: () => "Write the formula, or remove this condition.",
    target_required: () => "Pick the form to link to.",
    relation_required: () => "Pick the link to look through.",
    field_required: () => "Pick a field.",
    source_required: () => "Pick what to add up.",
    numbering_pattern: () => "The pattern needs {seq:N}, e.g. {seq:4}.",
    key_empty: () => "Enter a key.",
    key_pattern: () => "Use lowercase letters, digits and _, starting with a letter.",
    key_too_long: () => "The key is too long.",
    key_reserved: () => "This key is reserved.",
    key_duplicate: () => "Another field already uses this key.",
    too_small: (n) => `Must be at least ${n ?? 0}.`,
    too_large: (n) => `Must be at most ${n ?? 0}.`,
    whole_number: () => "Enter a whole number.",
    decimal: () => "Enter a number such as 12.5.",
    min_above_max: () => "The maximum is below the minimum.",
    currency_code: () => "Use a 3-letter currency code such as CNY.",
    section_duplicate: () => "Two sections have the same key.",
    section_key: () => "Use lowercase letters, digits and _ for the section key.",
    rule_expression: () => "Write the condition.",
    rule_message: () => "Write the message.",
  },

  previewTitle: "Preview",
  previewIntro: "The form as operators will see it (read-only).",
  previewEmpty: "Nothing to preview yet.",
  computed: "Calculated automatically",
  pickRecord: (form) => `Choose a record of “${form}”`,
  addFiles: "Add files",
  signHere: "Sign here",
  scanPlaceholder: "Scan or type",
  locate: "Use my location",
  addRow: "Add row",
  noRows: "No rows yet",
  pickPerson: "Choose a person",
  pickDepartment: "Choose a department",
  choose: "Choose…",

  publishTitle: (v) => `Publish version ${v}?`,
  publishIntro: "Operators use this version as soon as it is published.",
  publishChecking: "Checking what publishing would change…",
  firstPublish: "First publication: the form gets its own table.",
  changesTitle: "What changes in the form",
  tableTitle: "What changes in the stored data",
  noChanges: "Nothing changed since the published version.",
  confirmPublish: "Publish now",
  cancel: "Cancel",
  close: "Close",
  planStep: (op, field, from, to) => {
    switch (op) {
      case "create_table":
        return "A new table is created for the records";
      case "create_child_table":
        return `A table is created for the rows of ${field}`;
      case "add_column":
        return `A column is added for ${field}`;
      case "add_index":
        return `${field} gets an index`;
      case "drop_index":
        return `The index on ${field} is removed`;
      case "add_unique":
        return `${field} no longer accepts duplicates`;
      case "drop_unique":
        return `${field} accepts duplicates again`;
      case "change_type":
        return `${field} changes from ${from ?? "?"} to ${to ?? "?"}`;
      case "hide_field":
        return `${field} is hidden (its data is kept and can come back)`;
      case "restore_field":
        return `${field} comes back (its earlier data shows again)`;
      default:
        return `${op} ${field}`;
    }
  },
  fieldAdded: (name, type) => `Field ${name} added (${type})`,
  fieldRemoved: (name) => `Field ${name} removed`,
  fieldChanged: (name, props) => `Field ${name} changed: ${props}`,
  fieldsMoved: "Fields reordered",
  columnsMoved: (table) => `Columns of ${table} reordered`,
  formChanged: (props) => `Form changed: ${props}`,
  layoutChanged: "Sections changed",
  rulesChanged: "Checks across fields changed",
  inTable: (name, table) => `${name} of ${table}`,
  historyTitle: "Version history",
  historyLoading: "Loading versions…",
  historyEmpty: "No version saved yet.",
  historyError: "The version history could not be loaded.",
  versionName: (v) => `Version ${v}`,
  byAt: (who, when) => `${who} · ${when}`,
  compare: "Compare with current",
  compareTitle: (from, to) => `Version ${from} → version ${to}`,
  sameVersion: "This is the current version.",
  restore: "Restore",
  restoreTitle: (v) => `Restore version ${v}?`,
  restoreText: "It is stored as a new version and published at once. You can restore another version later.",
  restoreUnsaved: "Your unsaved changes will be lost.",
  confirmRestore: "Restore and publish",
  currentVersion: "current",
};

export const designerMessages: Readonly<Record<Locale, DesignerMessages>> = { "zh-CN": zh, en };

/** The name of a field type in `m` (the raw type for one the designer does not know). */
export function typeName(m: DesignerMessages, type: string): string {
  return (m.typeNames as Readonly<Record<string, string | undefined>>)[type] ?? type;
}
