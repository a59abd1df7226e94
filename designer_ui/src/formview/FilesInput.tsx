import { useRef, useState, type ChangeEvent } from "react";
import { ApiError, toProblem } from "../api.ts";
import type { FileItem, FilesValue, InputDescriptor, InputValue } from "../fields.ts";
import { uploadFile, type UploadedFile } from "../recordsApi.ts";
import { acceptFor, checkFiles, formatBytes, maxBytesFor, maxFilesFor, previewUrl } from "./files.ts";
import { CameraIcon, PaperclipIcon } from "./icons.tsx";
import type { FormviewMessages } from "./messages.ts";

export type ValueUpdate = (update: (previous: InputValue | undefined) => InputValue) => void;

interface Pending {
  key: number;
  name: string;
}

export function toFileItem(file: UploadedFile): FileItem {
  return {
    id: file.id,
    name: file.name,
    size: file.size,
    contentType: file.content_type,
    url: file.url,
    thumbnailUrl: file.thumbnail_url,
  };
}

export function filesOf(value: InputValue | undefined): FileItem[] {
  return typeof value === "object" && !Array.isArray(value) && value.kind === "files" ? value.items : [];
}

export function withFiles(items: FileItem[]): FilesValue {
  return { kind: "files", items };
}

/** Why an upload failed, in the server's words when it gave any. */
export async function uploadMessage(error: unknown, fallback: string): Promise<string> {
  const problem = error instanceof ApiError ? error.problem : await toProblem(error);
  return problem.errors?.[0]?.message ?? (problem.detail || fallback);
}

/**
 * Attachments and images: pick (or photograph) files, upload each at once
 * (`POST /files`), show thumbnails, remove before saving. Limits are checked
 * here first and by the server again.
 */
export function FilesInput(props: {
  input: InputDescriptor;
  domId: string;
  testId: string;
  value: InputValue | undefined;
  invalid: boolean;
  errorId: string;
  fm: FormviewMessages;
  onUpdate: ValueUpdate;
  onUploading: (delta: number) => void;
}) {
  const { input, testId, fm, onUpdate, onUploading } = props;
  const items = filesOf(props.value);
  const [pending, setPending] = useState<Pending[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const counter = useRef(0);
  const picker = useRef<HTMLInputElement>(null);
  const maxFiles = maxFilesFor(input);
  const maxBytes = maxBytesFor(input);
  const accept = acceptFor(input);
  const image = input.field.type === "image";
  const full = items.length + pending.length >= maxFiles;

  const upload = async (file: File) => {
    counter.current += 1;
    const key = counter.current;
    setPending((previous) => [...previous, { key, name: file.name }]);
    onUploading(1);
    try {
      const uploaded = toFileItem(await uploadFile(file, file.name));
      onUpdate((previous) => withFiles([...filesOf(previous), uploaded].slice(0, maxFiles)));
    } catch (error) {
      const message = await uploadMessage(error, fm.uploadFailed(file.name));
      setProblems((previous) => [...previous, `${file.name}: ${message}`]);
    } finally {
      setPending((previous) => previous.filter((item) => item.key !== key));
      onUploading(-1);
    }
  };

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(event.target.files ?? []);
    event.target.value = ""; // the same file can be chosen again
    const { accepted, refused } = checkFiles(chosen, items.length + pending.length, { maxFiles, maxBytes, accept });
    setProblems(
      refused.map((refusal) =>
        refusal.reason === "too_big"
          ? fm.tooBig(refusal.name, formatBytes(maxBytes))
          : refusal.reason === "type"
            ? fm.wrongType(refusal.name)
            : fm.tooMany(maxFiles),
      ),
    );
    for (const file of accepted) void upload(file);
  };

  const remove = (id: string) => {
    onUpdate((previous) => withFiles(filesOf(previous).filter((item) => item.id !== id)));
    setProblems([]);
  };

  return (
    <div className="formview-files" data-testid={testId} aria-invalid={props.invalid}>
      {(items.length > 0 || pending.length > 0) && (
        <ul className="formview-files__list">
          {items.map((item) => {
            const thumb = previewUrl(item);
            return (
              <li className="formview-files__item" key={item.id} data-testid={`${testId}-item`} data-file-id={item.id}>
                <a
                  className="formview-files__preview"
                  href={item.url ?? undefined}
                  target="_blank"
                  rel="noreferrer"
                  aria-label={fm.openFile(item.name)}
                >
                  {thumb !== null ? (
                    <img src={thumb} alt="" loading="lazy" data-testid={`${testId}-thumb`} />
                  ) : (
                    <span className="formview-files__icon" aria-hidden="true">
                      {(item.name.split(".").pop() ?? "").slice(0, 4).toUpperCase() || "FILE"}
                    </span>
                  )}
                </a>
                <span className="formview-files__meta">
                  <span className="formview-files__name">{item.name}</span>
                  <span className="formview-files__size">{formatBytes(item.size)}</span>
                </span>
                <button
                  type="button"
                  className="formview-icon-btn"
                  aria-label={fm.remove(item.name)}
                  data-testid={`${testId}-remove`}
                  onClick={() => {
                    remove(item.id);
                  }}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
          {pending.map((item) => (
            <li className="formview-files__item formview-files__item--pending" key={`p${item.key}`} data-testid={`${testId}-pending`}>
              <span className="formview-files__preview">
                <span className="spinner" aria-hidden="true" />
              </span>
              <span className="formview-files__meta">
                <span className="formview-files__name">{fm.uploading(item.name)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="formview-files__actions">
        <input
          ref={picker}
          id={props.domId}
          className="visually-hidden"
          type="file"
          accept={accept}
          multiple={maxFiles > 1}
          data-testid={`${testId}-file`}
          aria-describedby={props.invalid ? props.errorId : undefined}
          onChange={choose}
          disabled={full}
        />
        <button
          type="button"
          className="btn btn--secondary formview-files__add"
          data-testid={`${testId}-add`}
          disabled={full}
          onClick={() => picker.current?.click()}
        >
          {image ? <CameraIcon /> : <PaperclipIcon />}
          {image ? fm.addPhoto : fm.addFile}
        </button>
        <span className="field__hint">{fm.fileCount(items.length, maxFiles)}</span>
      </div>
      {problems.length > 0 && (
        <ul className="formview-files__problems" role="alert" data-testid={`${testId}-refused`}>
          {problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
