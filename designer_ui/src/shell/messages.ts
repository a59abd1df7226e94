/** Strings of the app shell: the app list's actions and dialogs, an app's navigation and sections. */
import type { Locale } from "../i18n.ts";
import type { AppSection } from "../route.ts";
import type { BundleFileProblem, ImportResult } from "./bundle.ts";
import type { KeyProblem } from "./keys.ts";
import type { AppPlace } from "./places.ts";

export interface ShellMessages {
  // App list
  newApp: string;
  importBundle: string;
  appActions: string;
  emptyTitle: string;
  emptyAdmin: string;
  emptyMember: string;
  appCreated: (name: string) => string;
  openNewApp: string;
  dismiss: string;
  importDone: (result: ImportResult) => string;
  newBadge: string;

  // Dialogs in general
  close: string;
  cancel: string;
  optional: string;

  // New app dialog
  createTitle: string;
  createIntro: string;
  appKeyLabel: string;
  keyHint: (max: number) => string;
  keyProblem: (problem: KeyProblem, kind: "app" | "form") => string;
  nameZhLabel: string;
  nameEnLabel: string;
  nameHint: string;
  nameMissing: string;
  descriptionLabel: string;
  descriptionHint: string;
  create: string;
  creating: string;
  createFailed: string;

  // Import dialog
  importTitle: string;
  importIntro: string;
  importUpdates: string;
  fileLabel: string;
  chooseFile: string;
  dropHint: string;
  fileChosen: (name: string, size: string) => string;
  fileProblem: (problem: BundleFileProblem | "missing") => string;
  importAction: string;
  importing: string;
  importFailed: string;
  problemFile: string;
  problemWhere: string;
  wholeBundle: string;

  // An app
  appNavLabel: string;
  places: Readonly<Record<AppPlace, string>>;
  soon: string;
  loadingApp: string;
  formsIntro: string;
  dataIntro: string;
  newForm: string;
  design: string;
  publishedChip: (version: number) => string;
  draftChip: (version: number) => string;
  neverPublished: string;
  noFormsAdmin: string;
  noFormsMember: string;
  noDataTitle: string;
  noDataAdmin: string;
  noDataMember: string;
  openForms: string;
  records: (count: number) => string;
  viewRecords: string;

  // New form dialog
  newFormTitle: string;
  newFormIntro: string;
  formKeyLabel: string;
  toDesigner: string;

  // Sections not built yet
  sectionIntro: Readonly<Record<AppSection, string>>;
  sectionExamples: Readonly<Record<AppSection, readonly string[]>>;
  forExample: string;
  comingLater: string;
  meanwhile: string;
  goToData: string;
}

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export { sizeText as bundleSizeText };

const en: ShellMessages = {
  newApp: "New app",
  importBundle: "Import bundle",
  appActions: "App actions",
  emptyTitle: "No apps yet",
  emptyAdmin:
    "An app groups the forms, records and, later, the flows and reports of one business process. Create an empty app and design its first form, or import an app bundle (.zip) exported from another Tracery server.",
  emptyMember: "No apps have been shared with you yet. Ask an administrator to give you access to an app.",
  appCreated: (name) => `App “${name}” created.`,
  openNewApp: "Open it",
  dismiss: "Dismiss",
  importDone: (result) => {
    const forms = result.forms.length === 1 ? "1 form" : `${result.forms.length} forms`;
    const changed = result.forms.filter((form) => form.changed).length;
    const seeded = result.seeded === 0 ? "" : `, ${result.seeded === 1 ? "1 record" : `${result.seeded} records`} loaded`;
    return result.created
      ? `Imported the new app “${result.app}”: ${forms} published${seeded}.`
      : `Updated the existing app “${result.app}” from the bundle: ${forms}, ${changed === 0 ? "no table changes" : `${changed} with table changes`}${seeded}.`;
  },
  newBadge: "New",
  close: "Close",
  cancel: "Cancel",
  optional: "optional",
  createTitle: "New app",
  createIntro: "Name the app; you will add forms to it next.",
  appKeyLabel: "App key",
  keyHint: (max) => `Used in links and the API; can’t be changed later. Lowercase letters, digits and _, up to ${max}.`,
  keyProblem: (problem, kind) => {
    switch (problem.code) {
      case "required":
        return kind === "app" ? "Enter a key for the app." : "Enter a key for the form.";
      case "start":
        return "Start with a lowercase letter (a–z).";
      case "char":
        return problem.char === " "
          ? "Spaces aren’t allowed: use _ between words."
          : `“${problem.char}” isn’t allowed: use lowercase letters, digits and _ only.`;
      case "too_long":
        return `Use at most ${problem.max} characters.`;
      case "taken":
        return kind === "app"
          ? "An app with this key already exists."
          : "This app already has a form with this key: open it from the list instead.";
    }
  },
  nameZhLabel: "Name in Chinese",
  nameEnLabel: "Name in English",
  nameHint: "Give at least one; people see the one in their language.",
  nameMissing: "Enter a name in Chinese or in English.",
  descriptionLabel: "Description",
  descriptionHint: "What the app is for, in a sentence.",
  create: "Create app",
  creating: "Creating…",
  createFailed: "Couldn’t create the app.",
  importTitle: "Import an app bundle",
  importIntro:
    "A bundle is the .zip file “Export bundle” produces: the app, its forms and, optionally, starting data.",
  importUpdates:
    "If an app with the same key is already installed, its forms are updated to the bundle’s versions and published; its records are kept.",
  fileLabel: "Bundle file",
  chooseFile: "Choose a .zip file",
  dropHint: "or drop it here",
  fileChosen: (name, size) => `${name} · ${size}`,
  fileProblem: (problem) =>
    ({
      missing: "Choose the bundle’s .zip file first.",
      not_zip: "This isn’t a .zip file. Choose the file that “Export bundle” produced.",
      empty: "This file is empty.",
      too_large: "This file is larger than 50 MB, the most a bundle may be.",
    })[problem],
  importAction: "Import",
  importing: "Importing…",
  importFailed: "Nothing was imported.",
  problemFile: "File",
  problemWhere: "Where",
  wholeBundle: "The upload",
  appNavLabel: "App sections",
  places: {
    forms: "Forms",
    data: "Data",
    flows: "Flows",
    rules: "Rules",
    reports: "Reports",
    dashboards: "Dashboards",
    print: "Print templates",
  },
  soon: "Soon",
  loadingApp: "Loading the app…",
  formsIntro: "Forms define what people record. Design a form, then publish it so people can fill it in.",
  dataIntro: "The records of each published form. Open a form to browse, search and edit them.",
  newForm: "New form",
  design: "Design",
  publishedChip: (version) => `Published v${version}`,
  draftChip: (version) => `Draft v${version} not published`,
  neverPublished: "Draft · not published",
  noFormsAdmin: "This app has no forms yet. Create the first one: give it a key, then add fields in the designer.",
  noFormsMember: "This app has no forms yet. An administrator designs them.",
  noDataTitle: "No published forms",
  noDataAdmin: "Records appear here once a form is published. Publish a form from the designer to start collecting data.",
  noDataMember: "Records appear here once an administrator publishes a form.",
  openForms: "Go to Forms",
  records: (count) => (count === 1 ? "1 record" : `${count} records`),
  viewRecords: "View records",
  newFormTitle: "New form",
  newFormIntro: "Choose the form’s key. You will name it and add its fields in the designer.",
  formKeyLabel: "Form key",
  toDesigner: "Continue to designer",
  sectionIntro: {
    flows:
      "Approval flows route records through reviewers: each step says who decides, what they may change and where the record goes next, and every decision is logged.",
    rules:
      "Rules check and react to data as it is saved: refuse values outside a limit, fill in fields automatically, or tell someone when a threshold is crossed.",
    reports:
      "Reports summarise records into tables and charts — counts, sums and pass rates by supplier, by day or by any field.",
    dashboards:
      "Dashboards put key figures, charts and live lists on one screen, for a team’s daily meeting or a display on the shop floor.",
    print:
      "Print templates lay a record out as a document or a label — certificates, delivery notes, barcode and QR labels.",
  },
  sectionExamples: {
    flows: ["A failed inspection goes to the QC lead for a decision", "A purchase request needs two approvals"],
    rules: ["Reject a lot when moisture is above 14 %", "Set the due date to 7 days after receipt"],
    reports: ["Pass rate by supplier, month by month", "Quantity received per day"],
    dashboards: ["Today’s inspections and open issues", "Top suppliers by rejected lots"],
    print: ["An inspection certificate as PDF", "A QR label for each lot"],
  },
  forExample: "For example:",
  comingLater: "Coming in a later version",
  meanwhile: "Until then, the records of published forms are under Data.",
  goToData: "Go to Data",
};

const zhCN: ShellMessages = {
  newApp: "新建应用",
  importBundle: "导入应用包",
  appActions: "应用操作",
  emptyTitle: "还没有应用",
  emptyAdmin:
    "一个应用包含某项业务的表单和数据，以后还会包含流程与报表。您可以新建一个空应用并设计第一个表单，也可以导入从其他 Tracery 服务器导出的应用包（.zip）。",
  emptyMember: "还没有应用共享给您。请联系管理员为您开通应用权限。",
  appCreated: (name) => `已创建应用“${name}”。`,
  openNewApp: "打开",
  dismiss: "关闭提示",
  importDone: (result) => {
    const changed = result.forms.filter((form) => form.changed).length;
    const seeded = result.seeded === 0 ? "" : `，载入 ${result.seeded} 条记录`;
    return result.created
      ? `已导入新应用“${result.app}”：发布了 ${result.forms.length} 个表单${seeded}。`
      : `已用应用包更新现有应用“${result.app}”：${result.forms.length} 个表单，${changed === 0 ? "数据表无变化" : `${changed} 个表单的数据表有变化`}${seeded}。`;
  },
  newBadge: "新",
  close: "关闭",
  cancel: "取消",
  optional: "选填",
  createTitle: "新建应用",
  createIntro: "为应用命名，之后即可为它添加表单。",
  appKeyLabel: "应用标识",
  keyHint: (max) => `用于链接和 API，创建后不可修改。仅限小写字母、数字和 _，最多 ${max} 个字符。`,
  keyProblem: (problem, kind) => {
    switch (problem.code) {
      case "required":
        return kind === "app" ? "请输入应用标识。" : "请输入表单标识。";
      case "start":
        return "请以小写字母（a–z）开头。";
      case "char":
        return problem.char === " "
          ? "不能包含空格，请用 _ 分隔单词。"
          : `不能包含“${problem.char}”，只能使用小写字母、数字和 _。`;
      case "too_long":
        return `最多 ${problem.max} 个字符。`;
      case "taken":
        return kind === "app" ? "已存在使用此标识的应用。" : "此应用中已有使用此标识的表单，请直接在列表中打开。";
    }
  },
  nameZhLabel: "中文名称",
  nameEnLabel: "英文名称",
  nameHint: "至少填写一个；用户会看到自己语言的名称。",
  nameMissing: "请填写中文名称或英文名称。",
  descriptionLabel: "描述",
  descriptionHint: "用一句话说明应用的用途。",
  create: "创建应用",
  creating: "正在创建…",
  createFailed: "无法创建应用。",
  importTitle: "导入应用包",
  importIntro: "应用包是“导出应用包”生成的 .zip 文件，包含应用、表单以及可选的初始数据。",
  importUpdates: "如果已安装相同标识的应用，其表单会更新为应用包中的版本并发布；已有记录会保留。",
  fileLabel: "应用包文件",
  chooseFile: "选择 .zip 文件",
  dropHint: "或拖放到此处",
  fileChosen: (name, size) => `${name} · ${size}`,
  fileProblem: (problem) =>
    ({
      missing: "请先选择应用包的 .zip 文件。",
      not_zip: "这不是 .zip 文件，请选择“导出应用包”生成的文件。",
      empty: "此文件为空。",
      too_large: "此文件超过 50 MB，超出应用包的大小上限。",
    })[problem],
  importAction: "导入",
  importing: "正在导入…",
  importFailed: "未导入任何内容。",
  problemFile: "文件",
  problemWhere: "位置",
  wholeBundle: "上传的文件",
  appNavLabel: "应用栏目",
  places: {
    forms: "表单",
    data: "数据",
    flows: "流程",
    rules: "规则",
    reports: "报表",
    dashboards: "仪表盘",
    print: "打印模板",
  },
  soon: "即将推出",
  loadingApp: "正在加载应用…",
  formsIntro: "表单决定要记录哪些内容。设计好表单并发布后，用户即可填写。",
  dataIntro: "每个已发布表单的记录。打开表单即可浏览、搜索和编辑记录。",
  newForm: "新建表单",
  design: "设计",
  publishedChip: (version) => `已发布 v${version}`,
  draftChip: (version) => `草稿 v${version} 未发布`,
  neverPublished: "草稿 · 未发布",
  noFormsAdmin: "此应用还没有表单。创建第一个表单：先设定标识，再在设计器中添加字段。",
  noFormsMember: "此应用还没有表单，表单由管理员设计。",
  noDataTitle: "没有已发布的表单",
  noDataAdmin: "表单发布后，其记录会显示在这里。请在设计器中发布表单后开始收集数据。",
  noDataMember: "管理员发布表单后，其记录会显示在这里。",
  openForms: "前往表单",
  records: (count) => `${count} 条记录`,
  viewRecords: "查看记录",
  newFormTitle: "新建表单",
  newFormIntro: "设定表单标识，然后在设计器中为表单命名并添加字段。",
  formKeyLabel: "表单标识",
  toDesigner: "进入设计器",
  sectionIntro: {
    flows: "审批流程让记录依次经过审核人：每一步规定由谁决定、可以修改什么、下一步交给谁，每个决定都有记录。",
    rules: "规则在保存数据时进行检查和处理：拒绝超出限值的数据、自动填写字段，或在超过阈值时通知相关人员。",
    reports: "报表把记录汇总成表格和图表——按供应商、按天或按任意字段统计数量、合计和合格率。",
    dashboards: "仪表盘把关键指标、图表和实时列表放在同一屏，适合每日例会或车间大屏展示。",
    print: "打印模板把记录排版成单据或标签——检验证书、送货单、条码和二维码标签。",
  },
  sectionExamples: {
    flows: ["检验不合格的批次交由质检主管处理", "采购申请需要两级审批"],
    rules: ["含水率高于 14% 时拒收批次", "到期日自动设为收货后 7 天"],
    reports: ["按月统计各供应商的合格率", "每日收货数量"],
    dashboards: ["今日检验与未关闭问题", "拒收批次最多的供应商"],
    print: ["PDF 格式的检验证书", "每个批次的二维码标签"],
  },
  forExample: "例如：",
  comingLater: "将在后续版本中推出",
  meanwhile: "在此之前，已发布表单的记录可在“数据”中查看。",
  goToData: "前往数据",
};

export const shellMessages: Readonly<Record<Locale, ShellMessages>> = { "zh-CN": zhCN, en };
