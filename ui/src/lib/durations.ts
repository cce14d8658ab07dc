// How long something takes, as people read it: the inbox's deadlines, the reply
// settings, the insights' response times.
import type { Message } from "../i18n/index.svelte";

/**
 * `minutes` in its two largest units, as a badge has room for: "25 min", "1 h 25 min",
 * and past a day "4 d 4 h" (a hundred hours read as nothing at a glance); a part that
 * is zero is left out. Without `days`, hours go on past a day: a span counted in
 * business hours is no run of calendar days ("27 h", not "1 d 3 h").
 */
export function spanOf(minutes: number, days = true): Message {
  const whole = days ? Math.floor(minutes / (24 * 60)) : 0;
  const hours = Math.floor(minutes / 60) - whole * 24;
  const rest = minutes % 60;
  if (whole > 0) return hours === 0 ? ["sla.days", { d: whole }] : ["sla.daysHours", { d: whole, h: hours }];
  if (hours > 0) return rest === 0 ? ["sla.hours", { h: hours }] : ["sla.hoursMinutes", { h: hours, m: rest }];
  return ["sla.minutes", { m: rest }];
}
