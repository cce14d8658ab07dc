import { describe, expect, it } from "vitest";
import { choiceOf, ruleOf } from "./repeat";

describe("repeat choices", () => {
  it("round-trips the rules the editor writes", () => {
    for (const rule of ["FREQ=DAILY;COUNT=5", "FREQ=WEEKLY;COUNT=12", "FREQ=MONTHLY;COUNT=6"]) {
      expect(ruleOf(choiceOf(rule))).toBe(rule);
    }
  });

  it("keeps a rule it cannot express as custom, untouched", () => {
    const rule = "FREQ=WEEKLY;BYDAY=SU,TH;UNTIL=20270101T000000";
    expect(choiceOf(rule)).toEqual({ kind: "custom", rule });
    expect(ruleOf(choiceOf(rule))).toBe(rule);
  });

  it("has no rule for no repeat, and at least one time", () => {
    expect(choiceOf(null)).toEqual({ kind: "none" });
    expect(ruleOf({ kind: "none" })).toBeNull();
    expect(ruleOf({ kind: "every", frequency: "DAILY", count: 0 })).toBe("FREQ=DAILY;COUNT=1");
  });
});
