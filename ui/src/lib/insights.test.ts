import { describe, expect, it } from "vitest";
import { en } from "../i18n/en";
import { format } from "../i18n/format";
import { duration, lastDays, parseTarget, percent } from "./insights";

describe("the periods offered", () => {
  it("counts today as the last day", () => {
    expect(lastDays(7, new Date(2026, 11, 2))).toEqual({ from: "2026-11-26", to: "2026-12-02" });
    expect(lastDays(1, new Date(2026, 0, 1))).toEqual({ from: "2026-01-01", to: "2026-01-01" });
  });
});

describe("figures", () => {
  it("reads shares as whole percentages", () => {
    expect(percent(0.755)).toBe(76);
    expect(percent(null)).toBeNull();
  });
  it("reads durations as hours and minutes, leaving out a zero part", () => {
    const read = (seconds: number) => {
      const [key, values] = duration(seconds);
      return format(en[key], values);
    };
    expect(read(7200)).toBe("2 h");
    expect(read(7170)).toBe("2 h");
    expect(read(5430)).toBe("1 h 31 min");
    expect(read(29)).toBe("0 min");
    expect(read(2700)).toBe("45 min");
    expect(read(27 * 3600 + 600)).toBe("27 h 10 min");
  });
});

describe("target shares as typed", () => {
  const ok = (atLeast: number | null, atMost: number | null) => ({ ok: true, target: { atLeast, atMost } });
  it("reads whole percents in either script, and empty as no bound", () => {
    expect(parseTarget("", "20")).toEqual(ok(null, 20));
    expect(parseTarget("٢٥", " ")).toEqual(ok(25, null));
    expect(parseTarget("10 %", "30٪")).toEqual(ok(10, 30));
  });
  it("names the box that is not a whole percent", () => {
    expect(parseTarget("101", "")).toEqual({ ok: false, wrong: "atLeast" });
    expect(parseTarget("", "12.5")).toEqual({ ok: false, wrong: "atMost" });
    expect(parseTarget("-5", "abc")).toEqual({ ok: false, wrong: "atLeast" });
    expect(parseTarget("5", "abc")).toEqual({ ok: false, wrong: "atMost" });
  });
  it("says both when at least is more than at most", () => {
    expect(parseTarget("40", "30")).toEqual({ ok: false, wrong: "crossed" });
    expect(parseTarget("30", "30")).toEqual(ok(30, 30));
  });
});
