import { describe, expect, it } from "vitest";
import type { RightsState, UgcColumn } from "./bindings";
import { dropOn, hasCredit, lanesOf } from "./ugc";

/** The states in the order Rust sends the board's columns (`RightsState::ALL`). */
const boardOrder: RightsState[] = ["found", "requested", "granted", "used", "declined", "expired", "revoked"];

const column = (state: RightsState): UgcColumn => ({ state, page: { items: [], total: 0, more: false } });

describe("dropping an item on a lane", () => {
  it("asks, grants, declines or revokes only where the item may go", () => {
    const found = { moves: ["requested", "granted", "declined"] as RightsState[] };
    expect(dropOn(found, ["requested"])).toBe("ask");
    expect(dropOn(found, ["granted"])).toBe("grant");
    expect(dropOn(found, ["used"])).toBeNull();
    expect(dropOn({ moves: [] }, ["requested"])).toBeNull();
  });

  it("declines on Closed what was never permitted, and revokes what was", () => {
    const closed = lanesOf(boardOrder.map(column)).at(-1)?.columns.map((c) => c.state) ?? [];
    expect(closed).toEqual(["declined", "expired", "revoked"]);
    expect(dropOn({ moves: ["requested", "granted", "declined"] }, closed)).toBe("decline");
    expect(dropOn({ moves: ["revoked"] }, closed)).toBe("revoke");
    expect(dropOn({ moves: ["granted"] }, closed)).toBeNull();
  });
});

describe("the board's lanes", () => {
  it("keeps the board's order, each state people act on a lane of its own", () => {
    expect(lanesOf(boardOrder.map(column)).map((l) => l.key)).toEqual([
      "found",
      "requested",
      "granted",
      "used",
      "closed",
    ]);
  });
});

describe("the credit line", () => {
  it("is found whatever the spacing and case", () => {
    expect(hasCredit("Sara's breakfast!\n\n📸  @Sara.test", "📸 @sara.test")).toBe(true);
    expect(hasCredit("Sara's breakfast!", "📸 @sara.test")).toBe(false);
    expect(hasCredit("فطور سارة\n📸 @sara.test", "📸 @sara.test")).toBe(true);
  });
});
