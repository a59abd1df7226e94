import { useState } from "react";
import type { GeoValue, InputValue } from "../fields.ts";
import { geoInputProblem, geoProblem, mapUrl, positionToGeo, type GeoProblem } from "./geo.ts";
import { PinIcon } from "./icons.tsx";
import type { FormviewMessages } from "./messages.ts";

const EMPTY: GeoValue = { kind: "geo", lat: "", lng: "", accuracy: "" };

function geoOf(value: InputValue | undefined): GeoValue {
  return typeof value === "object" && !Array.isArray(value) && value.kind === "geo" ? value : EMPTY;
}

function problemText(problem: GeoProblem, fm: FormviewMessages): string {
  switch (problem) {
    case "denied":
      return fm.geoDenied;
    case "timeout":
      return fm.geoTimeout;
    case "unsupported":
      return fm.geoUnsupported;
    case "insecure":
      return fm.geoInsecure;
    default:
      return fm.geoUnavailable;
  }
}

/** A point: "use my location" (the browser's geolocation), or latitude/longitude typed in. */
export function GeoInput(props: {
  domId: string;
  testId: string;
  value: InputValue | undefined;
  invalid: boolean;
  errorId: string;
  fm: FormviewMessages;
  onChange: (value: GeoValue) => void;
}) {
  const { domId, testId, fm, onChange } = props;
  const value = geoOf(props.value);
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<GeoProblem | null>(null);
  const typed = geoInputProblem(value);
  const map = mapUrl(value);

  const locate = () => {
    if (!window.isSecureContext) {
      setProblem("insecure");
      return;
    }
    if (!("geolocation" in navigator)) {
      setProblem("unsupported");
      return;
    }
    setLocating(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        onChange(
          positionToGeo({
            latitude: position.coords.latitude,
            longitude: position.coords.longitude,
            accuracy: position.coords.accuracy,
          }),
        );
      },
      (error) => {
        setLocating(false);
        setProblem(geoProblem(error.code));
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  };

  const part = (key: "lat" | "lng" | "accuracy", label: string) => (
    <label className="formview-geo__part">
      <span className="formview-geo__label">{label}</span>
      <input
        id={key === "lat" ? domId : undefined}
        className="field__input"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        data-testid={`${testId}-${key}`}
        aria-invalid={props.invalid || (typed === key)}
        aria-describedby={props.invalid ? props.errorId : undefined}
        value={value[key]}
        onChange={(event) => {
          onChange({ ...value, [key]: event.target.value });
        }}
      />
    </label>
  );

  return (
    <div className="formview-geo" data-testid={testId}>
      <div className="formview-geo__actions">
        <button
          type="button"
          className="btn btn--secondary"
          data-testid={`${testId}-locate`}
          onClick={locate}
          disabled={locating}
          aria-busy={locating}
        >
          {locating ? <span className="spinner" aria-hidden="true" /> : <PinIcon />}
          {locating ? fm.locating : fm.useLocation}
        </button>
        {(value.lat !== "" || value.lng !== "") && (
          <button
            type="button"
            className="btn btn--ghost"
            data-testid={`${testId}-clear`}
            onClick={() => {
              onChange(EMPTY);
            }}
          >
            {fm.clearLocation}
          </button>
        )}
        {map !== null && (
          <a className="formview-geo__map" href={map} target="_blank" rel="noreferrer">
            {fm.showOnMap}
            {value.accuracy !== "" && <span className="muted"> ({fm.accuracyText(value.accuracy)})</span>}
          </a>
        )}
      </div>
      <div className="formview-geo__parts">
        {part("lat", fm.latitude)}
        {part("lng", fm.longitude)}
        {part("accuracy", fm.accuracy)}
      </div>
      {problem !== null && (
        <p className="field__error" role="alert" data-testid={`${testId}-problem`}>
          {problemText(problem, fm)}
        </p>
      )}
      {typed !== null && (
        <p className="field__hint formview-geo__typed">{typed === "lat" ? fm.geoBadLat : fm.geoBadLng}</p>
      )}
    </div>
  );
}
