import { describe, expect, it } from "vitest";
import type { CalendarItem } from "./bindings";
import { calendarZone, drawnIn, firstDayOf, weekendOf, weekOf, floating, isMonthGrid, labelColors, monthEvents, monthGridRange, periodOf, readableOn, shortTime, toEvent, todayIn, wallClock, ymd } from "./calendar";

const categories = [
  { id: 1, name: "ترويج", color: "#e11d48", target: { atLeast: null, atMost: 20 } },
  { id: 2, name: "سؤال أو استطلاع", color: "#0284c7", target: { atLeast: null, atMost: null } },
];

const item = (local: string, status: CalendarItem["status"] = "scheduled", categoryId: number | null = 2): CalendarItem => ({
  id: 7,
  title: "ما هو خبزكم المفضل؟",
  status,
  local,
  categoryId,
  occurrence: null,
});

describe("floating times", () => {
  it("read and write wall-clock times without a zone", () => {
    const d = new Date(2026, 11, 1, 9, 5);
    expect(ymd(d)).toBe("2026-12-01");
    expect(floating(d)).toBe("2026-12-01T09:05:00");
  });
});

describe("shortTime", () => {
  it("drops the minutes on the hour, in either language", () => {
    expect(shortTime(new Date(2026, 11, 2, 7, 0), "en")).toBe("7 AM");
    expect(shortTime(new Date(2026, 11, 2, 19, 30), "en")).toBe("7:30 PM");
    // In the digits this engine's Arabic uses (WebKit's: ٧; Node's may be 7).
    const n = (x: number) => new Intl.NumberFormat("ar").format(x);
    expect(shortTime(new Date(2026, 11, 2, 7, 0), "ar")).toBe(`${n(7)} ص`);
    expect(shortTime(new Date(2026, 11, 2, 19, 30), "ar")).toBe(`${n(7)}:${n(30)} م`);
  });
});

describe("toEvent", () => {
  it("draws a post at its local time for half an hour, in its category's colour", () => {
    expect(toEvent(item("2026-12-01T21:45:00"), categories, "#d97706").end).toBe("2026-12-01T22:15:00");
    // Never into the next day, where a day's list would show it again.
    const event = toEvent(item("2026-12-01T23:45:00"), categories, "#d97706");
    expect(event).toMatchObject({
      id: "7",
      start: "2026-12-01T23:45:00",
      end: "2026-12-02T00:00:00",
      title: "ما هو خبزكم المفضل؟",
      backgroundColor: "#0279b7", // the category's sky, a shade deeper for its words (labelColors)
      editable: true,
      extendedProps: { kind: "post", post: 7, occurrence: null, status: "scheduled", category: "سؤال أو استطلاع", grid: false },
    });
  });
  it("names each occurrence of a series apart, keeping the post it belongs to", () => {
    const occurrence = { ...item("2026-12-04T16:00:00"), occurrence: "2026-12-04T13:00:00" };
    expect(toEvent(occurrence, categories, "#d97706")).toMatchObject({
      id: "7@2026-12-04T13:00:00",
      extendedProps: { post: 7, occurrence: "2026-12-04T13:00:00" },
    });
  });
  it("falls back to the brand's colour without a category", () => {
    expect(toEvent(item("2026-12-01T09:00:00", "draft", null), categories, "#d97706").backgroundColor).toBe("#d97706");
  });
  it("pins posts that already went out", () => {
    expect(toEvent(item("2026-12-01T09:00:00", "published"), categories, "#d97706").editable).toBe(false);
  });
});

describe("periodOf", () => {
  it("reads the period from the library's names for its arrows", () => {
    expect(["Previous day", "Next week", "Previous month", undefined].map(periodOf)).toEqual(["day", "week", "month", "month"]);
  });
});

describe("firstDayOf", () => {
  it("gives a week start for any locale", () => {
    for (const locale of ["en-GB", "en-US", "ar-SA", "ar", "fr"]) expect([0, 1, 6]).toContain(firstDayOf(locale));
  });
});

describe("weekOf and weekendOf", () => {
  it("start the week on its first day, each day once", () => {
    for (const locale of ["en-GB", "en-US", "ar-SA", "ar-EG", "fr", "en-us1"]) {
      expect([...weekOf(locale)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    }
    expect(weekOf("en-GB")).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(weekOf("ar-SA")).toEqual([7, 1, 2, 3, 4, 5, 6]);
    expect(weekOf("ar-EG")[0]).toBe(6);
  });
  it("rest at the weekend of the place", () => {
    expect(weekendOf("en-GB")).toEqual([6, 7]);
    expect(weekendOf("ar-SA")).toEqual([5, 6]);
    expect(weekendOf("en-us1")).toEqual([6, 7]);
  });
});

describe("wallClock", () => {
  it("reads an instant on another zone's clock, across a date line", () => {
    expect(wallClock("2026-12-01T22:30:00Z", "Asia/Riyadh")).toBe("2026-12-02T01:30");
    expect(wallClock("2026-07-01T08:00:00Z", "Europe/London")).toBe("2026-07-01T09:00");
  });
});

describe("the brand's today", () => {
  it("is the brand's day, wherever the computer is", () => {
    // 22:30 UTC on 1 December: already the 2nd in Riyadh, still the 1st in New York.
    const at = new Date("2026-12-01T22:30:00Z");
    expect(ymd(todayIn("Asia/Riyadh", at))).toBe("2026-12-02");
    expect(ymd(todayIn("America/New_York", at))).toBe("2026-12-01");
    expect(ymd(todayIn("Pacific/Kiritimati", at))).toBe("2026-12-02");
    expect(ymd(todayIn("Pacific/Pago_Pago", at))).toBe("2026-12-01");
  });

  it("gives the calendar library the brand's distance from UTC, summer and winter", () => {
    // Seconds into a minute do not make a minute less.
    expect(calendarZone("Asia/Riyadh", new Date("2026-12-01T22:30:59Z"))).toBe("+03:00");
    expect(calendarZone("America/New_York", new Date("2026-12-01T12:00:00Z"))).toBe("-05:00");
    expect(calendarZone("America/New_York", new Date("2026-07-01T12:00:00Z"))).toBe("-04:00");
    expect(calendarZone("Asia/Kolkata", new Date("2026-07-01T12:00:00Z"))).toBe("+05:30");
    expect(calendarZone("Pacific/Chatham", new Date("2026-07-01T12:00:00Z"))).toBe("+12:45");
    // The library takes no distance for none: a minute east keeps London's day.
    expect(calendarZone("Europe/London", new Date("2026-12-01T12:00:00Z"))).toBe("+00:01");
    expect(calendarZone("Europe/London", new Date("2026-07-01T12:00:00Z"))).toBe("+01:00");
  });
});

describe("the month grid", () => {
  it("is the only view that spans more than a month", () => {
    expect(isMonthGrid(new Date(2026, 9, 25), new Date(2026, 11, 6))).toBe(true);
    expect(isMonthGrid(new Date(2026, 11, 1), new Date(2027, 0, 1))).toBe(false);
    expect(isMonthGrid(new Date(2026, 11, 6), new Date(2026, 11, 13))).toBe(false);
  });

  it("draws Rust's posts and a '+N more' at the end of each fuller day", () => {
    const events = monthEvents(
      { items: [item("2026-12-01T09:00:00"), item("2026-12-01T10:00:00")], more: [{ day: "2026-12-01", count: 4 }] },
      categories,
      "#d97706",
    );
    expect(events.map((e) => e.extendedProps.kind)).toEqual(["post", "post", "more"]);
    // The month draws them and nothing else; the other views draw posts, never "+N more".
    expect(events.every((e) => drawnIn("dayGridMonth", e))).toBe(true);
    expect(events.map((e) => drawnIn("listWeek", e))).toEqual([true, true, false]);
    const listed = toEvent(item("2026-12-01T09:00:00"), categories, "#d97706");
    expect(drawnIn("listWeek", listed) && drawnIn("timeGridWeek", listed) && !drawnIn("dayGridMonth", listed)).toBe(true);
    expect(events[2]).toMatchObject({ start: "2026-12-01T23:58:00", extendedProps: { day: "2026-12-01", count: 4 } });
  });
});

describe("monthGridRange", () => {
  const range = (today: Date, firstDay: number) => {
    const { start, end } = monthGridRange(today, firstDay);
    return [ymd(start), ymd(end)];
  };
  it("covers whole weeks from the week of the 1st to the week of the last day", () => {
    // November 2026 starts on a Sunday and ends on a Monday.
    const today = new Date(2026, 10, 29, 22, 0);
    expect(range(today, 0)).toEqual(["2026-11-01", "2026-12-06"]);
    expect(range(today, 6)).toEqual(["2026-10-31", "2026-12-05"]);
    expect(range(today, 1)).toEqual(["2026-10-26", "2026-12-07"]);
  });
  it("starts and ends on the week's first day, every month", () => {
    for (let month = 0; month < 12; month++) {
      const { start, end } = monthGridRange(new Date(2027, month, 15), 1);
      expect(start.getDay()).toBe(1);
      expect(end.getDay()).toBe(1);
    }
  });
});

describe("labelColors", () => {
  const ratio = (a: string, b: string) => {
    const l = (c: string) =>
      [1, 3, 5]
        .map((at) => parseInt(c.slice(at, at + 2), 16) / 255)
        .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const [x, y] = [l(a), l(b)].sort((m, n) => n - m) as [number, number];
    return (x + 0.05) / (y + 0.05);
  };

  it("keeps a colour either text reads on, and deepens one in the middle just enough", () => {
    expect(labelColors("#0f766e")).toEqual({ background: "#0f766e", text: "#ffffff" });
    expect(labelColors("#d97706")).toEqual({ background: "#d97706", text: "#1d1c19" });
    const sky = labelColors("#0284c7");
    expect(sky.background).not.toBe("#0284c7");
    expect(ratio(sky.background, sky.text)).toBeGreaterThanOrEqual(4.5);
    expect(ratio(sky.background, sky.text)).toBeLessThan(5);
  });

  it("colours each post's words for its category", () => {
    const post = toEvent(item("2026-12-01T09:00:00"), categories, "#0f766e");
    expect([post.backgroundColor, post.textColor]).toEqual(["#0279b7", "#ffffff"]);
    const uncategorised = toEvent(item("2026-12-01T09:00:00", "scheduled", null), categories, "#d97706");
    expect(uncategorised.textColor).toBe("#1d1c19");
  });

  it("reads at 4.5:1 on every colour a person may choose", () => {
    for (let n = 0; n < 4096; n++) {
      const color = `#${[n >> 8, (n >> 4) & 15, n & 15].map((v) => (v * 17).toString(16).padStart(2, "0")).join("")}`;
      const { background, text } = labelColors(color);
      expect(ratio(background, text), color).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe("readableOn", () => {
  it("writes dark on light colours and white on deep ones", () => {
    expect(readableOn("#d97706")).toBe("#1d1c19"); // amber: white read at 3.2:1
    expect(readableOn("#fde68a")).toBe("#1d1c19");
    expect(readableOn("#0f766e")).toBe("#ffffff"); // teal
    expect(readableOn("#4f46e5")).toBe("#ffffff"); // indigo
    expect(readableOn("#000000")).toBe("#ffffff");
    expect(readableOn("#ffffff")).toBe("#1d1c19");
  });
});
