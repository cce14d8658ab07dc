import { describe, expect, it } from "vitest";
import type { CalendarItem } from "./bindings";
import { firstDayOf, floating, toEvent, ymd } from "./calendar";

const categories = [
  { id: 1, name: "ترويج", color: "#e11d48" },
  { id: 2, name: "سؤال أو استطلاع", color: "#0284c7" },
];

const item = (local: string, status: CalendarItem["status"] = "scheduled", categoryId: number | null = 2): CalendarItem => ({
  id: 7,
  title: "ما هو خبزكم المفضل؟",
  status,
  local,
  categoryId,
});

describe("floating times", () => {
  it("read and write wall-clock times without a zone", () => {
    const d = new Date(2026, 11, 1, 9, 5);
    expect(ymd(d)).toBe("2026-12-01");
    expect(floating(d)).toBe("2026-12-01T09:05:00");
  });
});

describe("toEvent", () => {
  it("draws a post at its local time for half an hour, in its category's colour", () => {
    const event = toEvent(item("2026-12-01T23:45:00"), categories, "#d97706");
    expect(event).toMatchObject({
      id: "7",
      start: "2026-12-01T23:45:00",
      end: "2026-12-02T00:15:00",
      title: "ما هو خبزكم المفضل؟",
      backgroundColor: "#0284c7",
      editable: true,
      extendedProps: { status: "scheduled", category: "سؤال أو استطلاع" },
    });
  });
  it("falls back to the brand's colour without a category", () => {
    expect(toEvent(item("2026-12-01T09:00:00", "draft", null), categories, "#d97706").backgroundColor).toBe("#d97706");
  });
  it("pins posts that already went out", () => {
    expect(toEvent(item("2026-12-01T09:00:00", "published"), categories, "#d97706").editable).toBe(false);
  });
});

describe("firstDayOf", () => {
  it("gives a week start for any locale", () => {
    for (const locale of ["en-GB", "en-US", "ar-SA", "ar", "fr"]) expect([0, 1, 6]).toContain(firstDayOf(locale));
  });
});
