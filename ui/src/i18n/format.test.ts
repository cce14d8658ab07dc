import { describe, expect, it } from "vitest";
import { ar } from "./ar";
import { en } from "./en";
import { clockOf, dateFormat, directionOf, format, localeOf, placeholdersOf } from "./format";

/** A number as Arabic writes it here (the digits depend on the ICU data at hand). */
const arabic = (n: number) => new Intl.NumberFormat("ar").format(n);

describe("format", () => {
  it("fills named placeholders", () => {
    expect(format("{name} is ready.", { name: "مخبز الريّان" })).toBe("مخبز الريّان is ready.");
  });
  it("leaves unknown placeholders visible rather than blank", () => {
    expect(format("Hello {who}", {})).toBe("Hello {who}");
  });
  it("formats numbers", () => {
    expect(format("Ctrl+{key}", { key: 3 })).toBe("Ctrl+3");
  });
  it("picks the plural form the language's rules give", () => {
    const en = "{count, plural, one {# post} other {# posts}} ready";
    expect([1, 2, 11].map((count) => format(en, { count }, "en"))).toEqual(["1 post ready", "2 posts ready", "11 posts ready"]);
    const ar = "{count, plural, zero {لا منشورات} one {منشور واحد} two {منشوران} few {# منشورات} many {# منشورًا} other {# منشور}}";
    expect([0, 1, 2, 3, 11, 100].map((count) => format(ar, { count }, "ar"))).toEqual([
      "لا منشورات",
      "منشور واحد",
      "منشوران",
      `${arabic(3)} منشورات`,
      `${arabic(11)} منشورًا`,
      `${arabic(100)} منشور`,
    ]);
  });
  it("says spans of time in Arabic words, the forms core's written::span is tested with", () => {
    expect(format(ar["sla.hoursMinutes"], { h: 2, m: 5 }, "ar")).toBe(`ساعتين و${arabic(5)} دقائق`);
    expect(format(ar["sla.hoursMinutes"], { h: 11, m: 20 }, "ar")).toBe(`${arabic(11)} ساعة و${arabic(20)} دقيقة`);
    expect(format(ar["sla.hours"], { h: 1 }, "ar")).toBe("ساعة");
    expect(format(ar["sla.minutes"], { m: 2 }, "ar")).toBe("دقيقتين");
    expect(format(ar["sla.daysHours"], { d: 2, h: 3 }, "ar")).toBe(`يومين و${arabic(3)} ساعات`);
  });
  it("prefers an exact match, and leaves a plural without its number visible", () => {
    const template = "{count, plural, =0 {nothing} one {# row} other {# rows}}";
    expect(format(template, { count: 0 })).toBe("nothing");
    expect(format(template, {})).toBe(template);
  });
});

describe("dateFormat", () => {
  it("makes a formatter once for each locale and options, and formats with it", () => {
    const options: Intl.DateTimeFormatOptions = { timeZone: "UTC", dateStyle: "medium" };
    const first = dateFormat("en", options);
    expect(dateFormat("en", { ...options })).toBe(first);
    expect(dateFormat("ar", options)).not.toBe(first);
    expect(dateFormat("en", { ...options, timeStyle: "short" })).not.toBe(first);
    expect(first.format(new Date("2026-12-01T10:00:00Z"))).toBe("Dec 1, 2026");
  });
  it("refuses a zone it does not know, as Intl does", () => {
    expect(() => dateFormat("en", { timeZone: "Mars/Olympus_Mons" })).toThrow(RangeError);
  });
});

describe("catalogues", () => {
  it("Arabic has every English key and no other", () => {
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
  });
  it("Arabic keeps every placeholder of the English message", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholdersOf(ar[key]), key).toEqual(placeholdersOf(en[key]));
    }
  });
  it("no message is empty", () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(ar)]) {
      expect(text.trim(), key).not.toBe("");
    }
  });
});

describe("clockOf", () => {
  it("keeps a 24-hour clock's two digits beside a date, as its time alone has them", () => {
    expect(clockOf("en-GB").hour).toBe("2-digit");
    expect(clockOf("en").hour).toBe("numeric");
    expect(clockOf("ar").hour).toBe("numeric");
    const nine = new Date(Date.UTC(2026, 11, 10, 9, 0));
    const beside = (lang: string) =>
      dateFormat(lang, { timeZone: "UTC", day: "numeric", month: "short", ...clockOf(lang) }).format(nine);
    expect(beside("en-GB")).toContain("09:00");
    expect(beside("en")).toContain("9:00");
    expect(beside("en")).not.toContain("09:00");
  });
});

describe("localeOf", () => {
  it("writes dates in the desktop's region when WebKit speaks the window's language there", () => {
    expect(localeOf("en", "en-GB")).toBe("en-GB");
    expect(localeOf("en", "en")).toBe("en");
    // WebKit not told yet (the window just switched), or another language: the window's.
    expect(localeOf("en", "ar")).toBe("en");
    expect(localeOf("ar", "en-GB")).toBe("ar");
    expect(localeOf("en", "")).toBe("en");
  });
});

describe("directionOf", () => {
  it("mirrors Arabic only", () => {
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("en")).toBe("ltr");
  });
});
