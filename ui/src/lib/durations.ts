// How long something takes, as people read it: the inbox's deadlines, the reply
// settings, the insights' response times.
import type { Message } from "../i18n/index.svelte";

/**
 * `minutes` in its two largest units, as a badge has room for: "25 min", "1 h 25 min",
 * and past a day "4 d 4 h" (a hundred hours read as nothing at a glance); a part that
 * is zero is left out.
 */
export function spanOf(minutes: number): Message {
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor(minutes / 60) % 24;
  const rest = minutes % 60;
  if (days > 0) return hours === 0 ? ["sla.days", { d: days }] : ["sla.daysHours", { d: days, h: hours }];
  if (hours > 0) return rest === 0 ? ["sla.hours", { h: hours }] : ["sla.hoursMinutes", { h: hours, m: rest }];
  return ["sla.minutes", { m: rest }];
}
