import { describe, expect, it } from "vitest";
import { viewForShortcut } from "./views";

describe("viewForShortcut", () => {
  it("maps digits to sections in order", () => {
    expect(viewForShortcut("1")).toBe("calendar");
    expect(viewForShortcut("5")).toBe("insights");
  });
  it("maps the comma to Settings", () => {
    expect(viewForShortcut(",")).toBe("settings");
  });
  it("ignores everything else", () => {
    for (const key of ["0", "6", "a", "", " ", "1.5"]) expect(viewForShortcut(key)).toBeUndefined();
  });
});
