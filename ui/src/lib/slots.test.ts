import { describe, expect, it } from "vitest";
import { byDay, minuteOf, weekdayName } from "./slots";

describe("posting times", () => {
  it("reads HH:MM and refuses what is not a time", () => {
    expect(minuteOf("09:30")).toBe(570);
    expect(minuteOf("0:05")).toBe(5);
    for (const bad of ["", "24:00", "12:60", "noon"]) expect(minuteOf(bad)).toBeNull();
  });
  it("groups slots by day in time order", () => {
    const grouped = byDay([
      { weekday: 6, minute: 1170 },
      { weekday: 6, minute: 540 },
      { weekday: 4, minute: 960 },
    ]);
    expect(grouped[6]?.map((s) => s.minute)).toEqual([540, 1170]);
    expect(grouped[4]?.length).toBe(1);
    expect(grouped[0]).toBeUndefined();
  });
  it("names days Monday first, in the interface language", () => {
    expect(weekdayName(0, "en")).toBe("Monday");
    expect(weekdayName(6, "en")).toBe("Sunday");
    expect(weekdayName(4, "ar")).toBe("الجمعة");
  });
});
