import { describe, expect, it } from "vitest";
import { isWhole } from "./counts";

describe("isWhole", () => {
  it("takes whole numbers from the least up", () => {
    expect([1, 14, 365].map((n) => isWhole(n))).toEqual([true, true, true]);
    expect(isWhole(0, 0)).toBe(true);
  });

  it("refuses what a number field lets through and Rust cannot take", () => {
    expect([0, -3, 2.5, null, undefined, Number.NaN, "5"].map((n) => isWhole(n))).toEqual([false, false, false, false, false, false, false]);
  });
});
