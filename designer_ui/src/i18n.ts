export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_STORAGE_KEY = "tracery.locale";

/** Every string the page shows. Both dictionaries must implement all of it. */
export interface Messages {
  /** Name of the language, in that language (for the switch). */
  languageName: string;
  languageLabel: string;
  tagline: string;
  apiDocs: string;
  appsHeading: string;
  appsIntro: string;
  appCount: (count: number) => string;
  loadingApps: string;
  /** Text around the import command (`IMPORT_COMMAND`): the command-line way to import a bundle. */
  emptyBefore: string;
  emptyAfter: string;
  errorTitle: string;
  errorHttp: string;
  errorNetwork: string;
  errorInvalid: string;
  retry: string;
  appKey: string;
  exportBundle: string;
  publishedVersion: (version: number) => string;
  unpublished: string;
  updatedAt: (date: string) => string;
  noDescription: string;
  healthLabel: string;
  healthChecking: string;
  healthOk: (database: string, version: string) => string;
  healthError: string;
  footer: string;

  // Signing in and out
  checkingSession: string;
  sessionErrorTitle: string;
  signInHeading: string;
  signInIntro: string;
  loginLabel: string;
  passwordLabel: string;
  signIn: string;
  signingIn: string;
  signInMissing: string;
  /** One message for a wrong login and a wrong password: never say which. */
  signInFailed: string;
  tooManyAttempts: (minutes: number) => string;
  tooManyAttemptsLater: string;
  signInServerError: string;
  csrfFailed: string;
  sessionExpired: string;
  signedInAs: string;
  signOut: string;
  signingOut: string;
  signOutFailed: string;

  // Apps, forms and records
  backToApps: string;
  openApp: string;
  formsHeading: string;
  noForms: string;
  loadingForms: string;
  formsError: string;
  notPublishedForm: string;
  recordsHeading: string;
  newRecord: string;
  editRecord: string;
  quickSearch: (field: string) => string;
  loadingRecords: string;
  noRecords: string;
  noMatches: string;
  recordsError: string;
  loadMore: string;
  loadingMore: string;
  recordCount: (shown: number, total: number | null) => string;
  recordId: string;
  createdAt: string;
  yes: string;
  no: string;
  rows: (count: number) => string;
  required: string;
  readOnly: string;
  save: string;
  saving: string;
  cancel: string;
  saveFailed: string;
  fixErrors: string;
  staleVersion: string;
  reload: string;
  noChanges: string;
  scanHint: string;
  scanning: string;
  loadingRecord: string;
  recordError: string;
  historyHeading: string;
  noHistory: string;
  historyAction: (action: string) => string;
  historyBy: (actor: string) => string;
  emptyValue: string;
  selectNone: string;
}

const en: Messages = {
  languageName: "English",
  languageLabel: "Language",
  tagline: "No-code traceability platform",
  apiDocs: "API docs",
  appsHeading: "Apps",
  appsIntro: "Applications installed on this server.",
  appCount: (count) => (count === 1 ? "1 app" : `${count} apps`),
  loadingApps: "Loading apps…",
  emptyBefore: "You can also import a bundle from a terminal on the server: ",
  emptyAfter: "",
  errorTitle: "Couldn’t load apps",
  errorHttp: "The server returned an error. Please try again in a moment.",
  errorNetwork: "Couldn’t reach the Tracery server. Check that it is running, then try again.",
  errorInvalid: "The server sent a response this page doesn’t understand.",
  retry: "Try again",
  appKey: "Key",
  exportBundle: "Export bundle",
  publishedVersion: (version) => `Published v${version}`,
  unpublished: "Not published",
  updatedAt: (date) => `Updated ${date}`,
  noDescription: "No description.",
  healthLabel: "Server status",
  healthChecking: "Checking server…",
  healthOk: (database, version) => `${database} · v${version}`,
  healthError: "Server unavailable",
  footer: "Tracery designer",
  checkingSession: "Checking sign-in…",
  sessionErrorTitle: "Couldn’t check your sign-in",
  signInHeading: "Sign in",
  signInIntro: "Sign in to manage the apps on this server.",
  loginLabel: "Username",
  passwordLabel: "Password",
  signIn: "Sign in",
  signingIn: "Signing in…",
  signInMissing: "Enter your username and password.",
  signInFailed: "Incorrect username or password.",
  tooManyAttempts: (minutes) =>
    `Too many failed sign-ins. Try again in ${minutes === 1 ? "1 minute" : `${minutes} minutes`}.`,
  tooManyAttemptsLater: "Too many failed sign-ins. Try again later.",
  signInServerError: "The server couldn’t sign you in. Please try again in a moment.",
  csrfFailed: "The request couldn’t be verified. Reload the page and try again.",
  sessionExpired: "Your session expired, please sign in again.",
  signedInAs: "Signed in as",
  signOut: "Sign out",
  signingOut: "Signing out…",
  signOutFailed: "Couldn’t sign out. Please try again.",
  backToApps: "All apps",
  openApp: "Open",
  formsHeading: "Forms",
  noForms: "This app has no forms yet.",
  loadingForms: "Loading forms…",
  formsError: "Couldn’t load this app",
  notPublishedForm: "Not published yet",
  recordsHeading: "Records",
  newRecord: "New record",
  editRecord: "Edit record",
  quickSearch: (field) => `Search ${field}`,
  loadingRecords: "Loading records…",
  noRecords: "No records yet.",
  noMatches: "No records match your search.",
  recordsError: "Couldn’t load records",
  loadMore: "Load more",
  loadingMore: "Loading…",
  recordCount: (shown, total) => (total === null ? `${shown} shown` : `${shown} of ${total}`),
  recordId: "No.",
  createdAt: "Created",
  yes: "Yes",
  no: "No",
  rows: (count) => (count === 1 ? "1 row" : `${count} rows`),
  required: "required",
  readOnly: "read-only",
  save: "Save",
  saving: "Saving…",
  cancel: "Cancel",
  saveFailed: "Couldn’t save the record.",
  fixErrors: "Please correct the highlighted fields.",
  staleVersion: "Someone else changed this record after you opened it. Reload to see their changes (yours will be lost).",
  reload: "Reload",
  noChanges: "Nothing has changed.",
  scanHint: "Scan or type, then press Enter to fill the linked fields.",
  scanning: "Reading scan…",
  loadingRecord: "Loading record…",
  recordError: "Couldn’t load the record",
  historyHeading: "History",
  noHistory: "No changes recorded.",
  historyAction: (action) =>
    ({ create: "Created", update: "Changed", delete: "Deleted", restore: "Restored" })[action] ?? action,
  historyBy: (actor) => `by ${actor}`,
  emptyValue: "(empty)",
  selectNone: "— Select —",
};

const zhCN: Messages = {
  languageName: "简体中文",
  languageLabel: "语言",
  tagline: "无代码追溯平台",
  apiDocs: "API 文档",
  appsHeading: "应用",
  appsIntro: "此服务器上已安装的应用。",
  appCount: (count) => `${count} 个应用`,
  loadingApps: "正在加载应用…",
  emptyBefore: "也可以在服务器的命令行中运行 ",
  emptyAfter: " 导入应用包。",
  errorTitle: "无法加载应用",
  errorHttp: "服务器返回了错误，请稍后重试。",
  errorNetwork: "无法连接到 Tracery 服务器，请确认服务已启动后重试。",
  errorInvalid: "服务器返回了无法识别的响应。",
  retry: "重试",
  appKey: "标识",
  exportBundle: "导出应用包",
  publishedVersion: (version) => `已发布 v${version}`,
  unpublished: "未发布",
  updatedAt: (date) => `更新于 ${date}`,
  noDescription: "暂无描述。",
  healthLabel: "服务状态",
  healthChecking: "正在检查服务…",
  healthOk: (database, version) => `${database} · v${version}`,
  healthError: "服务不可用",
  footer: "Tracery 设计器",
  checkingSession: "正在检查登录状态…",
  sessionErrorTitle: "无法检查登录状态",
  signInHeading: "登录",
  signInIntro: "登录后即可管理此服务器上的应用。",
  loginLabel: "用户名",
  passwordLabel: "密码",
  signIn: "登录",
  signingIn: "正在登录…",
  signInMissing: "请输入用户名和密码。",
  signInFailed: "用户名或密码不正确。",
  tooManyAttempts: (minutes) => `登录失败次数过多，请 ${minutes} 分钟后再试。`,
  tooManyAttemptsLater: "登录失败次数过多，请稍后再试。",
  signInServerError: "服务器暂时无法完成登录，请稍后重试。",
  csrfFailed: "请求校验失败，请刷新页面后重试。",
  sessionExpired: "登录已过期，请重新登录。",
  signedInAs: "当前用户",
  signOut: "退出登录",
  signingOut: "正在退出…",
  signOutFailed: "退出登录失败，请重试。",
  backToApps: "全部应用",
  openApp: "打开",
  formsHeading: "表单",
  noForms: "此应用还没有表单。",
  loadingForms: "正在加载表单…",
  formsError: "无法加载此应用",
  notPublishedForm: "尚未发布",
  recordsHeading: "记录",
  newRecord: "新建记录",
  editRecord: "编辑记录",
  quickSearch: (field) => `搜索${field}`,
  loadingRecords: "正在加载记录…",
  noRecords: "还没有记录。",
  noMatches: "没有符合搜索条件的记录。",
  recordsError: "无法加载记录",
  loadMore: "加载更多",
  loadingMore: "正在加载…",
  recordCount: (shown, total) => (total === null ? `已显示 ${shown} 条` : `${shown} / ${total} 条`),
  recordId: "编号",
  createdAt: "创建时间",
  yes: "是",
  no: "否",
  rows: (count) => `${count} 行`,
  required: "必填",
  readOnly: "只读",
  save: "保存",
  saving: "正在保存…",
  cancel: "取消",
  saveFailed: "无法保存记录。",
  fixErrors: "请修正标出的字段。",
  staleVersion: "在您打开后，此记录已被他人修改。请重新加载查看最新内容（您的修改将丢失）。",
  reload: "重新加载",
  noChanges: "没有任何修改。",
  scanHint: "扫码或输入后按回车，自动填写关联字段。",
  scanning: "正在识别…",
  loadingRecord: "正在加载记录…",
  recordError: "无法加载记录",
  historyHeading: "修改历史",
  noHistory: "暂无修改记录。",
  historyAction: (action) =>
    ({ create: "创建", update: "修改", delete: "删除", restore: "恢复" })[action] ?? action,
  historyBy: (actor) => `操作人：${actor}`,
  emptyValue: "（空）",
  selectNone: "— 请选择 —",
};

export const messages: Readonly<Record<Locale, Messages>> = { "zh-CN": zhCN, en };

export const IMPORT_COMMAND = "tracery app import PATH";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Map a browser language tag to a supported locale: zh* → zh-CN, else en. */
export function detectLocale(language: string | null | undefined): Locale {
  return typeof language === "string" && language.trim().toLowerCase().startsWith("zh")
    ? "zh-CN"
    : "en";
}

/** Minimal slice of `Storage`, so tests can pass a fake. */
export type LocaleStore = Pick<Storage, "getItem" | "setItem">;

function browserStore(): LocaleStore | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Access can throw (e.g. storage disabled by privacy settings).
    return null;
  }
}

/** The remembered locale if there is one, else the one `navigator.language` suggests. */
export function initialLocale(
  store: LocaleStore | null = browserStore(),
  language: string | undefined = typeof navigator === "undefined" ? undefined : navigator.language,
): Locale {
  try {
    const saved = store?.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Fall through to detection.
  }
  return detectLocale(language);
}

export function saveLocale(locale: Locale, store: LocaleStore | null = browserStore()): void {
  try {
    store?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not remembering the choice is acceptable.
  }
}

/** Human name of a database kind reported by `/health`. */
export function databaseName(kind: string): string {
  switch (kind.toLowerCase()) {
    case "sqlite":
      return "SQLite";
    case "postgresql":
    case "postgres":
      return "PostgreSQL";
    default:
      return kind;
  }
}

/** Format an ISO timestamp for `locale`; `""` when missing or unparsable. */
export function formatDateTime(iso: string | null, locale: Locale): string {
  if (iso === null || iso === "") return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
