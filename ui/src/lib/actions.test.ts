import { describe, expect, it } from "vitest";
import { arrowTarget } from "./actions";

describe("arrowTarget", () => {
  it("goes down and up a list, round at the ends", () => {
    expect(arrowTarget("ArrowDown", 0, 3)).toBe(1);
    expect(arrowTarget("ArrowDown", 2, 3)).toBe(0);
    expect(arrowTarget("ArrowUp", 0, 3)).toBe(2);
    expect(arrowTarget("ArrowRight", 0, 3)).toBeUndefined();
  });

  it("goes along a row as its text reads", () => {
    expect(arrowTarget("ArrowRight", 0, 3, "ltr")).toBe(1);
    expect(arrowTarget("ArrowLeft", 0, 3, "ltr")).toBe(2);
    // In Arabic the next tab is on the left.
    expect(arrowTarget("ArrowLeft", 0, 3, "rtl")).toBe(1);
    expect(arrowTarget("ArrowRight", 0, 3, "rtl")).toBe(2);
    expect(arrowTarget("ArrowDown", 0, 3, "rtl")).toBeUndefined();
  });

  it("takes Home and End to the ends, and nothing from an empty list", () => {
    expect(arrowTarget("End", 0, 4)).toBe(3);
    expect(arrowTarget("Home", 3, 4, "ltr")).toBe(0);
    expect(arrowTarget("ArrowDown", -1, 0)).toBeUndefined();
  });
});
