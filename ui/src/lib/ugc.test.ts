import { describe, expect, it } from "vitest";
import { dropOn, hasCredit } from "./ugc";

describe("dropping an item on a column", () => {
  it("asks, grants, declines or revokes only where the item may go", () => {
    const found = { moves: ["requested", "granted", "declined"] as const };
    expect(dropOn({ moves: [...found.moves] }, "requested")).toBe("ask");
    expect(dropOn({ moves: [...found.moves] }, "granted")).toBe("grant");
    expect(dropOn({ moves: [...found.moves] }, "declined")).toBe("decline");
    expect(dropOn({ moves: [...found.moves] }, "used")).toBeNull();
    expect(dropOn({ moves: ["revoked"] }, "revoked")).toBe("revoke");
    expect(dropOn({ moves: [] }, "requested")).toBeNull();
  });
});

describe("the credit line", () => {
  it("is found whatever the spacing and case", () => {
    expect(hasCredit("Sara's breakfast!\n\n📸  @Sara.test", "📸 @sara.test")).toBe(true);
    expect(hasCredit("Sara's breakfast!", "📸 @sara.test")).toBe(false);
    expect(hasCredit("فطور سارة\n📸 @sara.test", "📸 @sara.test")).toBe(true);
  });
});
