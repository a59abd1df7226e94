/** Following an import job: where it stands, how far along, when to ask again. */
import type { ImportJob, JobStatus } from "./importApi.ts";

export type WizardStep = "upload" | "map" | "check" | "commit";
export const STEPS: readonly WizardStep[] = ["upload", "map", "check", "commit"];

export function isFinished(status: JobStatus): boolean {
  return status === "succeeded" || status === "failed";
}

/** Whole percent done (100 once it succeeded, whatever the counts say). */
export function progressPercent(job: ImportJob): number {
  if (job.status === "succeeded") return 100;
  const ratio = job.totalRows > 0 ? job.processedRows / job.totalRows : job.progress;
  return Math.max(0, Math.min(100, Math.floor(ratio * 100)));
}

/** Queued and not begun yet: a worker has not written its first batch. */
export function isQueued(job: ImportJob): boolean {
  return job.status === "running" && job.processedRows === 0;
}

/** Ask often at first, then less (a long import does not need ten calls a second). */
export function pollDelay(attempt: number): number {
  return Math.min(3000, 500 + attempt * 250);
}

/** The step a job picked from the recent list opens at. */
export function stepForJob(job: ImportJob): WizardStep {
  switch (job.status) {
    case "uploaded":
    case "checking":
      return "map";
    case "checked":
      return "check";
    default:
      return "commit";
  }
}

/** A failed commit can be started again: it resumes after the rows already imported. */
export function canResume(job: ImportJob): boolean {
  return job.status === "failed";
}
