import { describe, expect, it } from "vitest";
import { ar } from "../i18n/ar";
import { en } from "../i18n/en";
import { format } from "../i18n/format";
import { inboxKey, timeLeft } from "./inbox";

const now = Date.parse("2026-11-29T10:00:00Z");

/** How far `deadline` is from `now`, worded in `lang`. */
function span(deadline: string, lang: "en" | "ar"): string {
  const [key, values] = timeLeft(deadline, now)!.span;
  return format({ en, ar }[lang][key], values, lang);
}

/** A number as Arabic writes it here (the digits depend on the ICU data at hand). */
const arabic = (n: number) => new Intl.NumberFormat("ar").format(n);

describe("timeLeft", () => {
  it("counts down, then counts how late", () => {
    expect(timeLeft("2026-11-29T11:20:00Z", now)).toEqual({ minutes: 80, urgency: "ok", span: ["sla.hoursMinutes", { h: 1, m: 20 }] });
    expect(timeLeft("2026-11-29T10:29:30Z", now)?.urgency).toBe("soon");
    expect(timeLeft("2026-11-29T10:00:30Z", now)?.minutes).toBe(1);
    expect(timeLeft("2026-11-29T10:00:00Z", now)).toEqual({ minutes: -1, urgency: "overdue", span: ["sla.minutes", { m: 1 }] });
    expect(timeLeft("2026-11-29T08:35:00Z", now)).toEqual({ minutes: -85, urgency: "overdue", span: ["sla.hoursMinutes", { h: 1, m: 25 }] });
  });

  it("reads minutes, hours and minutes, and past a day days and hours, leaving out a zero part", () => {
    expect(span("2026-11-29T10:25:00Z", "en")).toBe("25 min");
    expect(span("2026-11-29T12:00:00Z", "en")).toBe("2 h");
    expect(span("2026-11-30T09:59:00Z", "en")).toBe("23 h 59 min");
    expect(span("2026-11-30T10:00:00Z", "en")).toBe("1 d");
    // A hundred hours and 53 minutes late.
    expect(span("2026-11-25T05:07:00Z", "en")).toBe("4 d 4 h");
    expect(span("2026-11-25T05:07:00Z", "ar")).toBe(`${arabic(4)} أيام و${arabic(4)} ساعات`);
  });

  it("counts days in Arabic's plural forms", () => {
    const days = (n: number) => span(new Date(now + n * 24 * 3600 * 1000).toISOString(), "ar");
    expect([1, 2, 3, 11, 100].map(days)).toEqual(["يوم", "يومين", `${arabic(3)} أيام`, `${arabic(11)} يومًا`, `${arabic(100)} يوم`]);
    expect(span("2026-11-30T13:00:00Z", "ar")).toBe(`يوم و${arabic(3)} ساعات`);
  });

  it("has nothing to say without a deadline", () => {
    expect(timeLeft(null, now)).toBeNull();
  });
});

describe("inboxKey", () => {
  const key = (k: string, extra: Partial<KeyboardEvent> = {}) =>
    inboxKey({ key: k, code: "", ctrlKey: false, metaKey: false, altKey: false, target: null, ...extra });

  it("maps the triage keys", () => {
    expect(["j", "k", "e", "r", "s", "a", "x", "!"].map((k) => key(k))).toEqual([
      "next", "previous", "close", "reply", "snooze", "assign", "select", "spam",
    ]);
    expect(key("q")).toBeUndefined();
  });

  it("reads a key by its place where the layout types Arabic, and whatever Caps Lock", () => {
    expect(key("ت", { code: "KeyJ" })).toBe("next");
    expect(key("ث", { code: "KeyE" })).toBe("close");
    expect(key("E", { code: "KeyE" })).toBe("close");
  });

  it("leaves shortcuts with modifiers, and typing, alone", () => {
    expect(key("e", { ctrlKey: true })).toBeUndefined();
    // What `closest` answers for an element inside a text field.
    const field = { closest: (selector: string) => (selector.includes("textarea") ? {} : null) };
    expect(key("e", { target: field as unknown as EventTarget })).toBeUndefined();
  });

  it("leaves the arrows to a control that moves with them, and takes its letters", () => {
    // What `closest` answers for a radio of a radiogroup.
    const radio = { closest: (selector: string) => (selector.includes("radiogroup") ? {} : null), type: "radio" };
    const target = radio as unknown as EventTarget;
    expect(key("ArrowDown", { target })).toBeUndefined();
    expect(key("j", { target })).toBe("next");
    expect(key("ArrowDown")).toBe("next");
  });
});
