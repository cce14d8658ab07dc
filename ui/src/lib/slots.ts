// Posting times as the schedule editor shows them. A slot's weekday is 0 = Monday, as
// Rust stores it; minutes count from local midnight in the brand's zone.
import { dateFormat } from "../i18n/format";
import type { Slot } from "./bindings";

/** The minute of the day for an `HH:MM` input, or null when it is empty or wrong. */
export function minuteOf(time: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

/** Slots by weekday, each day's in time order. */
export function byDay(slots: readonly Slot[]): Record<number, Slot[]> {
  const days: Record<number, Slot[]> = {};
  for (const slot of slots) (days[slot.weekday] ??= []).push(slot);
  for (const day of Object.values(days)) day.sort((a, b) => a.minute - b.minute);
  return days;
}

/** The name of weekday `weekday` (0 = Monday) in the interface language. */
export function weekdayName(weekday: number, lang = document.documentElement.lang || "en"): string {
  // 1 January 2024 was a Monday.
  return dateFormat(lang, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2024, 0, 1 + weekday));
}
