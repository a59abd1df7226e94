import { useEffect, useRef, useState, type PointerEvent } from "react";
import type { InputValue } from "../fields.ts";
import { uploadFile } from "../recordsApi.ts";
import { filesOf, toFileItem, uploadMessage, withFiles, type ValueUpdate } from "./FilesInput.tsx";
import type { FormviewMessages } from "./messages.ts";

const PAD_HEIGHT = 180;

/** Size the canvas for the screen's pixel density and lay a white sheet on it. */
function prepareCanvas(element: HTMLCanvasElement | null): void {
  const ctx = element?.getContext("2d") ?? null;
  if (element === null || ctx === null) return;
  const ratio = window.devicePixelRatio || 1;
  const width = element.clientWidth;
  element.width = Math.round(width * ratio);
  element.height = Math.round(PAD_HEIGHT * ratio);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = "#ffffff"; // readable in dark mode and on print-outs
  ctx.fillRect(0, 0, width, PAD_HEIGHT);
  ctx.lineWidth = 2.5;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.strokeStyle = "#111827";
}

/** A canvas to sign on (finger, pen or mouse), saved as a PNG upload. */
export function SignaturePad(props: {
  domId: string;
  testId: string;
  value: InputValue | undefined;
  invalid: boolean;
  errorId: string;
  fm: FormviewMessages;
  onUpdate: ValueUpdate;
  onUploading: (delta: number) => void;
}) {
  const { testId, fm, onUpdate, onUploading } = props;
  const saved = filesOf(props.value)[0] ?? null;
  const [signing, setSigning] = useState(saved === null);
  const [ink, setInk] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState("");
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  const context = (): CanvasRenderingContext2D | null => canvas.current?.getContext("2d") ?? null;

  useEffect(() => {
    if (signing) prepareCanvas(canvas.current);
  }, [signing]);

  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const start = (event: PointerEvent<HTMLCanvasElement>) => {
    const ctx = context();
    if (ctx === null) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    const { x, y } = point(event);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 0.1, y + 0.1);
    ctx.stroke();
    setInk(true);
    setProblem("");
  };

  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    const ctx = context();
    if (!drawing.current || ctx === null) return;
    const { x, y } = point(event);
    ctx.lineTo(x, y);
    ctx.stroke();
  };

  const end = () => {
    drawing.current = false;
  };

  const clear = () => {
    prepareCanvas(canvas.current);
    setInk(false);
    setProblem("");
  };

  const save = () => {
    const element = canvas.current;
    if (element === null) return;
    if (!ink) {
      setProblem(fm.signatureEmpty);
      return;
    }
    setBusy(true);
    onUploading(1);
    element.toBlob((blob) => {
      void (async () => {
        try {
          if (blob === null) throw new Error(fm.uploadFailed("signature.png"));
          const uploaded = toFileItem(await uploadFile(blob, "signature.png"));
          onUpdate(() => withFiles([uploaded]));
          setSigning(false);
          setInk(false);
        } catch (error) {
          setProblem(await uploadMessage(error, fm.uploadFailed("signature.png")));
        } finally {
          setBusy(false);
          onUploading(-1);
        }
      })();
    }, "image/png");
  };

  if (!signing && saved !== null) {
    return (
      <div className="formview-signature" data-testid={testId}>
        <img className="formview-signature__image" src={saved.url ?? ""} alt={saved.name} data-testid={`${testId}-image`} />
        <div className="formview-signature__actions">
          <button
            type="button"
            className="btn btn--ghost"
            data-testid={`${testId}-again`}
            onClick={() => {
              onUpdate(() => withFiles([]));
              setSigning(true);
            }}
          >
            {fm.signAgain}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="formview-signature" data-testid={testId}>
      <canvas
        ref={canvas}
        id={props.domId}
        className={props.invalid ? "formview-signature__pad formview-signature__pad--invalid" : "formview-signature__pad"}
        style={{ height: PAD_HEIGHT }}
        role="img"
        aria-label={fm.signHere}
        aria-describedby={props.invalid ? props.errorId : undefined}
        data-testid={`${testId}-pad`}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
        onPointerLeave={end}
      />
      <p className="field__hint">{ink ? fm.signatureUnsaved : fm.signHere}</p>
      <div className="formview-signature__actions">
        <button type="button" className="btn btn--ghost" data-testid={`${testId}-clear`} onClick={clear} disabled={busy}>
          {fm.clearSignature}
        </button>
        <button
          type="button"
          className="btn btn--secondary"
          data-testid={`${testId}-use`}
          onClick={save}
          disabled={busy}
          aria-busy={busy}
        >
          {busy && <span className="spinner" aria-hidden="true" />}
          {fm.useSignature}
        </button>
      </div>
      {problem !== "" && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
