import { describe, expect, it } from "vitest";
import { inboxKey, timeLeft } from "./inbox";

const now = Date.parse("2026-11-29T10:00:00Z");

describe("timeLeft", () => {
  it("counts down, then counts how late", () => {
    expect(timeLeft("2026-11-29T11:20:00Z", now)).toEqual({ minutes: 80, urgency: "ok", hours: 1, rest: 20 });
    expect(timeLeft("2026-11-29T10:29:30Z", now)?.urgency).toBe("soon");
    expect(timeLeft("2026-11-29T10:00:30Z", now)?.minutes).toBe(1);
    expect(timeLeft("2026-11-29T10:00:00Z", now)).toEqual({ minutes: -1, urgency: "overdue", hours: 0, rest: 1 });
    expect(timeLeft("2026-11-29T08:35:00Z", now)).toEqual({ minutes: -85, urgency: "overdue", hours: 1, rest: 25 });
  });

  it("has nothing to say without a deadline", () => {
    expect(timeLeft(null, now)).toBeNull();
  });
});

describe("inboxKey", () => {
  const key = (k: string, extra: Partial<KeyboardEvent> = {}) =>
    inboxKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, target: null, ...extra });

  it("maps the triage keys", () => {
    expect(["j", "k", "e", "r", "s", "a", "x", "!"].map((k) => key(k))).toEqual([
      "next", "previous", "close", "reply", "snooze", "assign", "select", "spam",
    ]);
    expect(key("q")).toBeUndefined();
  });

  it("leaves shortcuts with modifiers, and typing, alone", () => {
    expect(key("e", { ctrlKey: true })).toBeUndefined();
    // What `closest` answers for an element inside a text field.
    const field = { closest: (selector: string) => (selector.includes("textarea") ? {} : null) };
    expect(key("e", { target: field as unknown as EventTarget })).toBeUndefined();
  });
});
