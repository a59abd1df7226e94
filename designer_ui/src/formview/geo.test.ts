import { describe, expect, it } from "vitest";
import { geoInputProblem, geoProblem, mapUrl, positionToGeo } from "./geo.ts";

describe("positionToGeo", () => {
  it("rounds like the server does", () => {
    expect(positionToGeo({ latitude: 31.230416789, longitude: 121.473701234, accuracy: 12.345 })).toEqual({
      kind: "geo",
      lat: "31.2304168",
      lng: "121.4737012",
      accuracy: "12.3",
    });
    expect(positionToGeo({ latitude: 1, longitude: 2, accuracy: null }).accuracy).toBe("");
  });
});

describe("geoProblem", () => {
  it("names the browser's error codes", () => {
    expect([geoProblem(1), geoProblem(2), geoProblem(3), geoProblem(9)]).toEqual([
      "denied",
      "unavailable",
      "timeout",
      "unavailable",
    ]);
  });
});

describe("geoInputProblem / mapUrl", () => {
  const geo = (lat: string, lng: string) => ({ kind: "geo" as const, lat, lng, accuracy: "" });
  it("checks typed coordinates", () => {
    expect(geoInputProblem(geo("", ""))).toBeNull();
    expect(geoInputProblem(geo("91", "1"))).toBe("lat");
    expect(geoInputProblem(geo("31.2", "x"))).toBe("lng");
    expect(geoInputProblem(geo("31.2", "121.5"))).toBeNull();
  });
  it("links to a map only for a valid point", () => {
    expect(mapUrl(geo("31.2", "121.5"))).toContain("mlat=31.2");
    expect(mapUrl(geo("", ""))).toBeNull();
  });
});
