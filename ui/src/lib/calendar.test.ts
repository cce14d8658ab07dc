import { describe, expect, it } from "vitest";
import type { CalendarItem } from "./bindings";
import { firstDayOf, floating, toEvent, ymd } from "./calendar";

const item = (local: string, status: CalendarItem["post"]["status"] = "scheduled"): CalendarItem => ({
  local,
  category: { id: 2, name: "سؤال أو استطلاع", color: "#0284c7" },
  post: {
    id: 7,
    brandId: 1,
    body: "ما هو خبزكم المفضل؟\nأخبرونا",
    link: null,
    categoryId: 2,
    status,
    at: "2026-12-01T06:00:00Z",
    zone: "Asia/Riyadh",
    notes: "",
    deliveries: [
      { channelId: 1, channel: "X", kind: "x", text: null, status: "pending" },
      { channelId: 2, channel: "Bluesky", kind: "bluesky", text: null, status: "pending" },
    ],
  },
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
    const event = toEvent(item("2026-12-01T23:45:00"), "#d97706");
    expect(event).toMatchObject({
      id: "7",
      start: "2026-12-01T23:45:00",
      end: "2026-12-02T00:15:00",
      title: "ما هو خبزكم المفضل؟",
      backgroundColor: "#0284c7",
      editable: true,
      extendedProps: { status: "scheduled", channels: 2, category: "سؤال أو استطلاع" },
    });
  });
  it("pins posts that already went out", () => {
    expect(toEvent(item("2026-12-01T09:00:00", "published"), "#d97706").editable).toBe(false);
  });
});

describe("firstDayOf", () => {
  it("gives a week start for any locale", () => {
    for (const locale of ["en-GB", "en-US", "ar-SA", "ar", "fr"]) expect([0, 1, 6]).toContain(firstDayOf(locale));
  });
});
