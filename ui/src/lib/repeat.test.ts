import { describe, expect, it } from "vitest";
import { choiceOf, countFits, ruleOf } from "./repeat";

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

  it("has no rule for no repeat", () => {
    expect(choiceOf(null)).toEqual({ kind: "none" });
    expect(ruleOf({ kind: "none" })).toBeNull();
  });

  it("counts whole times from 1 to 365, and nothing else", () => {
    const every = (count: number | null) => ({ kind: "every" as const, frequency: "DAILY" as const, count: count as number });
    expect([1, 8, 365].map((n) => countFits(every(n)))).toEqual([true, true, true]);
    expect([0, -2, 2.5, 366, null].map((n) => countFits(every(n)))).toEqual([false, false, false, false, false]);
    expect(countFits({ kind: "none" })).toBe(true);
  });
});
