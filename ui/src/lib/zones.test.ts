import { describe, expect, it } from "vitest";
import { searchZones, zoneLabel, zoneName, zoneOffset } from "./zones";

const zones = ["Africa/Cairo", "America/New_York", "America/North_Dakota/New_Salem", "Asia/Riyadh", "Europe/London", "UTC"];

describe("searchZones", () => {
  it("finds cities regardless of case, spaces and underscores", () => {
    expect(searchZones(zones, "new york")[0]).toBe("America/New_York");
    expect(searchZones(zones, "RIYADH")).toEqual(["Asia/Riyadh"]);
  });
  it("puts city-prefix matches before region matches", () => {
    expect(searchZones(zones, "new")).toEqual(["America/New_York", "America/North_Dakota/New_Salem"]);
    expect(searchZones(zones, "a")[0]).toBe("Africa/Cairo");
  });
  it("returns the first zones for an empty query, up to the limit", () => {
    expect(searchZones(zones, "  ", 2)).toEqual(["Africa/Cairo", "America/New_York"]);
  });
  it("returns nothing when nothing matches", () => {
    expect(searchZones(zones, "Olympus")).toEqual([]);
  });
});

describe("zoneLabel", () => {
  it("reads like words", () => {
    expect(zoneLabel("America/North_Dakota/New_Salem")).toBe("America / North Dakota / New Salem");
  });
});

describe("zoneOffset", () => {
  it("gives the offset at an instant, DST included", () => {
    expect(zoneOffset("Asia/Riyadh", "en", new Date("2026-07-01T00:00:00Z"))).toBe("GMT+3");
    expect(zoneOffset("Europe/London", "en", new Date("2026-07-01T00:00:00Z"))).toBe("GMT+1");
    expect(zoneOffset("Europe/London", "en", new Date("2026-01-01T00:00:00Z"))).toMatch(/^GMT(\+0)?$/);
  });
  it("is empty for a zone the engine does not know", () => {
    expect(zoneOffset("Mars/Olympus", "en")).toBe("");
  });
});

describe("zoneName", () => {
  it("names a zone as people of the language call it, and falls back to its id", () => {
    const english = zoneName("America/New_York", "en");
    expect(english).toMatch(/Eastern/);
    expect(zoneName("Asia/Riyadh", "ar")).toMatch(/^[\u0600-\u06FF\s]+$/);
    expect(zoneName("Not/A_Zone", "en")).toBe("Not / A Zone");
  });
});
