/** Strings of the generated data-entry form (both locales complete). */
import type { Locale } from "../i18n.ts";

export interface FormviewMessages {
  // Computed and conditional fields
  computedHint: string;
  assignedOnSave: string;
  requiredNow: string;

  // Pickers
  search: string;
  searching: string;
  noOptions: string;
  optionsFailed: string;
  retry: string;
  remove: (name: string) => string;
  peopleForbidden: string;
  typeLogin: string;
  addLogin: (login: string) => string;

  // Files
  addPhoto: string;
  addFile: string;
  uploading: (name: string) => string;
  uploadFailed: (name: string) => string;
  tooBig: (name: string, limit: string) => string;
  tooMany: (max: number) => string;
  wrongType: (name: string) => string;
  fileCount: (count: number, max: number) => string;
  openFile: (name: string) => string;

  // Signature
  signHere: string;
  clearSignature: string;
  useSignature: string;
  signAgain: string;
  signatureUnsaved: string;
  signatureEmpty: string;

  // Geolocation
  useLocation: string;
  locating: string;
  latitude: string;
  longitude: string;
  accuracy: string;
  clearLocation: string;
  showOnMap: string;
  geoDenied: string;
  geoUnavailable: string;
  geoTimeout: string;
  geoUnsupported: string;
  geoInsecure: string;
  geoBadLat: string;
  geoBadLng: string;
  accuracyText: (metres: string) => string;

  // Scanning
  scanWithCamera: string;
  cameraTitle: string;
  cameraHint: string;
  cameraClose: string;
  cameraDenied: string;
  cameraFailed: string;
  scanFilled: (count: number) => string;
  scannedByScanner: string;

  // Sub-tables
  addRow: string;
  rowTitle: (index: number) => string;
  removeRow: (index: number) => string;
  moveUp: (index: number) => string;
  moveDown: (index: number) => string;
  noRows: string;
  rowLimit: (max: number) => string;

  // Saving
  waitForUploads: string;
}

const en: FormviewMessages = {
  computedHint: "Calculated automatically",
  assignedOnSave: "Assigned when saved",
  requiredNow: "required now",

  search: "Search…",
  searching: "Searching…",
  noOptions: "Nothing matches",
  optionsFailed: "Couldn’t load the choices.",
  retry: "Try again",
  remove: (name) => `Remove ${name}`,
  peopleForbidden: "You can’t browse people here; type a login instead.",
  typeLogin: "Type a login…",
  addLogin: (login) => `Use “${login}”`,

  addPhoto: "Add photo",
  addFile: "Add file",
  uploading: (name) => `Uploading ${name}…`,
  uploadFailed: (name) => `${name} couldn’t be uploaded.`,
  tooBig: (name, limit) => `${name} is larger than ${limit}.`,
  tooMany: (max) => (max === 1 ? "This field holds one file." : `This field holds at most ${max} files.`),
  wrongType: (name) => `${name} is not a file type this field takes.`,
  fileCount: (count, max) => `${count} of ${max}`,
  openFile: (name) => `Open ${name}`,

  signHere: "Sign in the box with a finger or the mouse",
  clearSignature: "Clear",
  useSignature: "Use signature",
  signAgain: "Sign again",
  signatureUnsaved: "Tap “Use signature” to keep it.",
  signatureEmpty: "Draw a signature first.",

  useLocation: "Use my location",
  locating: "Finding your position…",
  latitude: "Latitude",
  longitude: "Longitude",
  accuracy: "Accuracy (m)",
  clearLocation: "Clear",
  showOnMap: "Show on map",
  geoDenied:
    "Location access was refused. Allow it in the browser’s site settings and try again, or type the coordinates.",
  geoUnavailable: "Your position couldn’t be found. Try again (outdoors helps), or type the coordinates.",
  geoTimeout: "Finding your position took too long. Try again, or type the coordinates.",
  geoUnsupported: "This browser can’t share its location; type the coordinates.",
  geoInsecure: "Location needs a secure (https) connection; type the coordinates.",
  geoBadLat: "Latitude must be a number between -90 and 90.",
  geoBadLng: "Longitude must be a number between -180 and 180.",
  accuracyText: (metres) => `± ${metres} m`,

  scanWithCamera: "Scan with camera",
  cameraTitle: "Scan a barcode",
  cameraHint: "Hold the code steady inside the frame.",
  cameraClose: "Close",
  cameraDenied: "Camera access was refused. Allow it in the browser’s site settings, or use the scanner.",
  cameraFailed: "The camera couldn’t be started.",
  scanFilled: (count) => (count === 1 ? "Filled 1 field from the scan." : `Filled ${count} fields from the scan.`),
  scannedByScanner: "Scanned",

  addRow: "Add row",
  rowTitle: (index) => `Row ${index}`,
  removeRow: (index) => `Remove row ${index}`,
  moveUp: (index) => `Move row ${index} up`,
  moveDown: (index) => `Move row ${index} down`,
  noRows: "No rows yet.",
  rowLimit: (max) => `At most ${max} rows.`,

  waitForUploads: "Wait until the uploads have finished, then save.",
};

const zhCN: FormviewMessages = {
  computedHint: "自动计算",
  assignedOnSave: "保存后自动生成",
  requiredNow: "当前必填",

  search: "搜索…",
  searching: "正在搜索…",
  noOptions: "没有匹配项",
  optionsFailed: "无法加载选项。",
  retry: "重试",
  remove: (name) => `移除 ${name}`,
  peopleForbidden: "您无权浏览人员列表，请直接输入登录名。",
  typeLogin: "输入登录名…",
  addLogin: (login) => `使用“${login}”`,

  addPhoto: "添加照片",
  addFile: "添加文件",
  uploading: (name) => `正在上传 ${name}…`,
  uploadFailed: (name) => `${name} 上传失败。`,
  tooBig: (name, limit) => `${name} 超过 ${limit}。`,
  tooMany: (max) => (max === 1 ? "此字段只能放一个文件。" : `此字段最多 ${max} 个文件。`),
  wrongType: (name) => `此字段不接受 ${name} 的文件类型。`,
  fileCount: (count, max) => `${count} / ${max}`,
  openFile: (name) => `打开 ${name}`,

  signHere: "请用手指或鼠标在框内签名",
  clearSignature: "清除",
  useSignature: "使用此签名",
  signAgain: "重新签名",
  signatureUnsaved: "请点击“使用此签名”保存签名。",
  signatureEmpty: "请先签名。",

  useLocation: "获取当前位置",
  locating: "正在定位…",
  latitude: "纬度",
  longitude: "经度",
  accuracy: "精度（米）",
  clearLocation: "清除",
  showOnMap: "在地图上查看",
  geoDenied: "定位权限被拒绝。请在浏览器的网站设置中允许定位后重试，或手动输入坐标。",
  geoUnavailable: "无法获取位置。请重试（室外更容易定位），或手动输入坐标。",
  geoTimeout: "定位超时。请重试，或手动输入坐标。",
  geoUnsupported: "此浏览器不支持定位，请手动输入坐标。",
  geoInsecure: "定位需要安全（https）连接，请手动输入坐标。",
  geoBadLat: "纬度须为 -90 到 90 之间的数字。",
  geoBadLng: "经度须为 -180 到 180 之间的数字。",
  accuracyText: (metres) => `± ${metres} 米`,

  scanWithCamera: "用摄像头扫码",
  cameraTitle: "扫描条码",
  cameraHint: "请将条码对准取景框并保持稳定。",
  cameraClose: "关闭",
  cameraDenied: "摄像头权限被拒绝。请在浏览器的网站设置中允许，或使用扫码枪。",
  cameraFailed: "无法启动摄像头。",
  scanFilled: (count) => `已根据扫码填写 ${count} 个字段。`,
  scannedByScanner: "已扫码",

  addRow: "添加一行",
  rowTitle: (index) => `第 ${index} 行`,
  removeRow: (index) => `删除第 ${index} 行`,
  moveUp: (index) => `上移第 ${index} 行`,
  moveDown: (index) => `下移第 ${index} 行`,
  noRows: "还没有明细行。",
  rowLimit: (max) => `最多 ${max} 行。`,

  waitForUploads: "请等待文件上传完成后再保存。",
};

export const formviewMessages: Readonly<Record<Locale, FormviewMessages>> = { "zh-CN": zhCN, en };
