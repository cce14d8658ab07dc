import { describe, expect, it } from "vitest";
import { fit, moved } from "./media";

describe("fit", () => {
  it("scales the longer side down to the preview and keeps the shape", () => {
    expect(fit(4000, 3000, 160)).toEqual({ width: 160, height: 120 });
    expect(fit(1080, 1920, 160)).toEqual({ width: 90, height: 160 });
  });
  it("never scales a small picture up, nor to nothing", () => {
    expect(fit(100, 50, 160)).toEqual({ width: 100, height: 50 });
    expect(fit(10000, 1, 160)).toEqual({ width: 160, height: 1 });
  });
});

describe("moved", () => {
  it("moves an item and leaves the list alone at the ends", () => {
    expect(moved(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moved(["a", "b"], 1, 2)).toEqual(["a", "b"]);
  });
});
