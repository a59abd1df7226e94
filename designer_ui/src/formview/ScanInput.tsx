import { useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from "react";
import type { Messages } from "../i18n.ts";
import { CameraScanner, cameraScanSupported } from "./CameraScanner.tsx";
import { BarcodeIcon } from "./icons.tsx";
import type { FormviewMessages } from "./messages.ts";
import { BurstTracker, burstText, DEFAULT_BURST, GS, insertText, WedgeBuffer } from "./scanBurst.ts";

export type ScanSource = "burst" | "manual" | "camera";

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

/**
 * A scan field: a keyboard-wedge scanner types into it (a burst of keys,
 * usually ending in Enter); people can type and press Enter too. A burst
 * replaces what the field held, GS separators (also sent as Ctrl+]) are kept,
 * and where the browser can read barcodes a camera button is offered. The
 * form's first scan field also catches bursts typed while no field has the
 * focus.
 */
export function ScanInput(props: {
  domId: string;
  testId: string;
  name: string;
  value: string;
  invalid: boolean;
  errorId: string;
  required: boolean;
  busy: boolean;
  autoFocus: boolean;
  primary: boolean;
  t: Messages;
  fm: FormviewMessages;
  onChange: (text: string) => void;
  onScan: (raw: string, source: ScanSource) => void;
}) {
  const { t, fm, testId } = props;
  const input = useRef<HTMLInputElement>(null);
  const tracker = useRef<BurstTracker | null>(null);
  const idle = useRef(0);
  const [source, setSource] = useState<ScanSource | null>(null);
  const [camera, setCamera] = useState(false);
  const [canUseCamera] = useState(cameraScanSupported);
  const latest = useRef({ onChange: props.onChange, onScan: props.onScan });

  useEffect(() => {
    latest.current = { onChange: props.onChange, onScan: props.onScan };
  });

  useEffect(() => () => {
    window.clearTimeout(idle.current);
  }, []);

  const burstTracker = (): BurstTracker => (tracker.current ??= new BurstTracker());

  const finish = () => {
    window.clearTimeout(idle.current);
    const current = input.current?.value ?? props.value;
    const bursts = burstTracker();
    let raw = current;
    let how: ScanSource = "manual";
    if (bursts.isBurst()) {
      raw = burstText(bursts.before, current);
      how = "burst";
      if (raw !== current) latest.current.onChange(raw);
    }
    bursts.reset();
    setSource(how);
    latest.current.onScan(raw, how);
  };

  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const after = event.target.value;
    const before = props.value;
    const bursts = burstTracker();
    bursts.push(event.timeStamp, after.length - before.length, before);
    props.onChange(after);
    window.clearTimeout(idle.current);
    if (bursts.isBurst()) {
      // A scanner set up without an Enter suffix: the burst ends when the keys stop.
      idle.current = window.setTimeout(finish, DEFAULT_BURST.idleMs);
    }
  };

  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      finish();
      return;
    }
    if (event.ctrlKey && (event.key === "]" || event.code === "BracketRight")) {
      // Many scanners send the GS1 separator as Ctrl+]: keep it as the GS character.
      event.preventDefault();
      const element = event.currentTarget;
      const next = insertText(element.value, element.selectionStart, element.selectionEnd, GS);
      burstTracker().push(event.timeStamp, 1, element.value);
      props.onChange(next.value);
      window.requestAnimationFrame(() => {
        input.current?.setSelectionRange(next.caret, next.caret);
      });
    }
  };

  // The first scan field takes bursts typed while the page, not a field, has the focus.
  useEffect(() => {
    if (!props.primary) return;
    const buffer = new WedgeBuffer();
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.metaKey || isEditable(event.target)) {
        buffer.reset();
        return;
      }
      if (event.key === "Enter") {
        const scan = buffer.finish();
        if (scan === null) return;
        event.preventDefault();
        setSource("burst");
        latest.current.onChange(scan);
        latest.current.onScan(scan, "burst");
        input.current?.focus();
        return;
      }
      buffer.key(event.key, event.ctrlKey, event.timeStamp, event.code);
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
    };
  }, [props.primary]);

  return (
    <>
      <div className="formview-scan">
        <input
          ref={input}
          id={props.domId}
          name={props.name}
          data-testid={testId}
          className="field__input formview-scan__input"
          type="text"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="done"
          // Scan first: on a PDA the scanner types into this field right away.
          autoFocus={props.autoFocus}
          required={props.required}
          aria-invalid={props.invalid}
          aria-describedby={props.invalid ? props.errorId : undefined}
          aria-busy={props.busy}
          data-scan-source={source ?? ""}
          value={props.value}
          onChange={change}
          onKeyDown={keyDown}
        />
        {canUseCamera && (
          <button
            type="button"
            className="btn btn--secondary formview-scan__camera"
            data-testid={`${testId}-camera`}
            aria-label={fm.scanWithCamera}
            title={fm.scanWithCamera}
            onClick={() => {
              setCamera(true);
            }}
          >
            <BarcodeIcon />
          </button>
        )}
      </div>
      <p className="field__hint">
        {props.busy ? t.scanning : t.scanHint}
        {!props.busy && source === "burst" && <span className="chip chip--accent formview-scan__chip">{fm.scannedByScanner}</span>}
      </p>
      {camera && (
        <CameraScanner
          fm={fm}
          testId={`${testId}-camera-view`}
          onClose={() => {
            setCamera(false);
            input.current?.focus();
          }}
          onDetected={(raw) => {
            setCamera(false);
            setSource("camera");
            latest.current.onChange(raw);
            latest.current.onScan(raw, "camera");
          }}
        />
      )}
    </>
  );
}
