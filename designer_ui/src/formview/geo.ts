/** Geolocation capture: a browser position as the field's value, and why it failed. */
import type { GeoValue } from "../fields.ts";

export interface Coordinates {
  latitude: number;
  longitude: number;
  accuracy: number | null;
}

function fixed(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

/** A position as the field holds it (7 decimals, accuracy in metres to 0.1). */
export function positionToGeo(coords: Coordinates): GeoValue {
  return {
    kind: "geo",
    lat: fixed(coords.latitude, 7),
    lng: fixed(coords.longitude, 7),
    accuracy: coords.accuracy === null || !Number.isFinite(coords.accuracy) ? "" : fixed(coords.accuracy, 1),
  };
}

export type GeoProblem = "denied" | "unavailable" | "timeout" | "unsupported" | "insecure";

/** `GeolocationPositionError.code` → what went wrong (1 denied, 2 unavailable, 3 timeout). */
export function geoProblem(code: number): GeoProblem {
  if (code === 1) return "denied";
  if (code === 3) return "timeout";
  return "unavailable";
}

/** Coordinates typed by hand, checked before sending (the server checks again). */
export function geoInputProblem(value: GeoValue): "lat" | "lng" | null {
  const lat = value.lat.trim();
  const lng = value.lng.trim();
  if (lat === "" && lng === "") return null;
  const latNumber = Number(lat);
  const lngNumber = Number(lng);
  if (lat === "" || !Number.isFinite(latNumber) || latNumber < -90 || latNumber > 90) return "lat";
  if (lng === "" || !Number.isFinite(lngNumber) || lngNumber < -180 || lngNumber > 180) return "lng";
  return null;
}

/** A map link for a point (OpenStreetMap: works without keys). */
export function mapUrl(value: GeoValue): string | null {
  if (geoInputProblem(value) !== null || value.lat.trim() === "") return null;
  const lat = value.lat.trim();
  const lng = value.lng.trim();
  return `https://www.openstreetmap.org/?mlat=${encodeURIComponent(lat)}&mlon=${encodeURIComponent(lng)}#map=17/${lat}/${lng}`;
}
