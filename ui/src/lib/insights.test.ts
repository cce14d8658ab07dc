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
  it("reads whole percents in either script, and empty as no bound", () => {
    expect(parseTarget("", "20")).toEqual({ atLeast: null, atMost: 20 });
    expect(parseTarget("٢٥", " ")).toEqual({ atLeast: 25, atMost: null });
    expect(parseTarget("10 %", "30٪")).toEqual({ atLeast: 10, atMost: 30 });
  });
  it("refuses what is not a whole percent", () => {
    expect(parseTarget("101", "")).toBeNull();
    expect(parseTarget("", "12.5")).toBeNull();
    expect(parseTarget("-5", "")).toBeNull();
    expect(parseTarget("abc", "")).toBeNull();
    expect(parseTarget("40", "30")).toBeNull();
  });
});
