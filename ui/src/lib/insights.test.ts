import { describe, expect, it } from "vitest";
import { hoursAndMinutes, lastDays, percent } from "./insights";

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
  it("reads durations as hours and minutes", () => {
    expect(hoursAndMinutes(3600)).toEqual([1, 0]);
    expect(hoursAndMinutes(5430)).toEqual([1, 31]);
    expect(hoursAndMinutes(29)).toEqual([0, 0]);
  });
});
