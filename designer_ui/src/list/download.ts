/** Download a file from the API (session cookie), so a refusal can be shown as a problem. */
import { apiFetch } from "../api.ts";
import { dispositionFilename } from "./query.ts";

/**
 * GET `url` and hand the body to the browser as a download named after the
 * answer's `Content-Disposition`. Rejects with an `ApiError` when refused.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  const response = await apiFetch(url, { headers: { Accept: "*/*" } });
  const blob = await response.blob();
  const name = dispositionFilename(response.headers.get("content-disposition"), fallbackName);
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start reading the blob before it is released.
  window.setTimeout(() => {
    URL.revokeObjectURL(href);
  }, 60_000);
  return name;
}
