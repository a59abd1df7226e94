import { useEffect, useRef, useState } from "react";
import type { FormviewMessages } from "./messages.ts";

/** The parts of the Barcode Detection API used here (not in TypeScript's DOM types yet). */
interface DetectedBarcode {
  rawValue: string;
}

interface BarcodeDetectorInstance {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}

interface BarcodeDetectorClass {
  new (options?: { formats?: string[] }): BarcodeDetectorInstance;
  getSupportedFormats?: () => Promise<string[]>;
}

function detectorClass(): BarcodeDetectorClass | null {
  const candidate = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  return typeof candidate === "function" ? candidate : null;
}

/** Whether this browser can read barcodes from the camera (Chrome on Android, …). */
export function cameraScanSupported(): boolean {
  const devices = (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
  return detectorClass() !== null && typeof devices?.getUserMedia === "function";
}

const SCAN_EVERY_MS = 200;

/**
 * A full-screen camera view that reads the first barcode it sees and hands
 * its raw value (GS separators and all) to `onDetected`.
 */
export function CameraScanner(props: {
  fm: FormviewMessages;
  testId: string;
  onDetected: (raw: string) => void;
  onClose: () => void;
}) {
  const { fm } = props;
  const video = useRef<HTMLVideoElement>(null);
  const detected = useRef(props.onDetected);
  const [problem, setProblem] = useState<string | null>(null);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    detected.current = props.onDetected;
  });

  useEffect(() => {
    const Detector = detectorClass();
    let stream: MediaStream | null = null;
    let timer = 0;
    const state = { stopped: false };
    // A function, so the check is re-read after each await.
    const stopped = () => state.stopped;
    const stop = () => {
      state.stopped = true;
      window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
    const run = async () => {
      if (Detector === null) throw new Error("no detector");
      const formats = (await Detector.getSupportedFormats?.()) ?? [];
      const detector = new Detector(formats.length > 0 ? { formats } : undefined);
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" } },
        audio: false,
      });
      if (stopped() || video.current === null) {
        stop();
        return;
      }
      video.current.srcObject = stream;
      await video.current.play();
      const tick = async () => {
        if (stopped() || video.current === null) return;
        try {
          const found = await detector.detect(video.current);
          const raw = found.find((code) => code.rawValue !== "")?.rawValue;
          if (raw !== undefined && !stopped()) {
            stop();
            detected.current(raw);
            return;
          }
        } catch {
          // a frame that could not be read: try the next one
        }
        timer = window.setTimeout(() => void tick(), SCAN_EVERY_MS);
      };
      void tick();
    };
    run().catch((error: unknown) => {
      if (stopped()) return;
      const denied = error instanceof DOMException && (error.name === "NotAllowedError" || error.name === "SecurityError");
      setProblem(denied ? fm.cameraDenied : fm.cameraFailed);
    });
    return stop;
  }, [fm]);

  useEffect(() => {
    close.current?.focus();
  }, []);

  return (
    <div
      className="formview-camera"
      role="dialog"
      aria-modal="true"
      aria-label={fm.cameraTitle}
      data-testid={props.testId}
      onKeyDown={(event) => {
        if (event.key === "Escape") props.onClose();
      }}
    >
      <div className="formview-camera__head">
        <h2 className="formview-camera__title">{fm.cameraTitle}</h2>
        <button ref={close} type="button" className="btn btn--ghost formview-camera__close" onClick={props.onClose}>
          {fm.cameraClose}
        </button>
      </div>
      <div className="formview-camera__view">
        <video ref={video} className="formview-camera__video" muted playsInline />
        <span className="formview-camera__frame" aria-hidden="true" />
      </div>
      {problem === null ? (
        <p className="formview-camera__hint">{fm.cameraHint}</p>
      ) : (
        <p className="formview-camera__problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
