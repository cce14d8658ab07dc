// The Insights view's small rules: the periods it offers, and how its figures read.
import type { Message } from "../i18n/index.svelte";
import { ymd } from "./calendar";
import { spanOf } from "./durations";

/** A period of days, both included, as `YYYY-MM-DD`. */
export type Days = { from: string; to: string };

/** The last `days` days up to and including `today` (the brand's: see `todayIn`). */
export function lastDays(days: number, today: Date): Days {
  const from = new Date(today);
  from.setDate(from.getDate() - (days - 1));
  return { from: ymd(from), to: ymd(today) };
}

/** A share as a whole percentage, or `null` when there is nothing to share. */
export function percent(rate: number | null | undefined): number | null {
  return rate === null || rate === undefined ? null : Math.round(rate * 100);
}

/** A response time in seconds, minutes rounded: "2 h 5 min", "45 min", "27 h" (in
 * business hours when the brand keeps them, so never in days). */
export function duration(seconds: number): Message {
  return spanOf(Math.round(seconds / 60), false);
}

/** A target share as typed: a whole percent 0–100 (Western or Arabic-Indic digits), or
 * empty for no bound. Otherwise which box is wrong: one that is not such a percent, or
 * both when "at least" is more than "at most". */
export type TargetTyped =
  | { ok: true; target: { atLeast: number | null; atMost: number | null } }
  | { ok: false; wrong: "atLeast" | "atMost" | "crossed" };

export function parseTarget(atLeast: string, atMost: string): TargetTyped {
  const bound = (text: string): number | null | undefined => {
    const typed = text.trim().replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/\s*[%٪]$/, "");
    if (typed === "") return null;
    return /^\d{1,3}$/.test(typed) && Number(typed) <= 100 ? Number(typed) : undefined;
  };
  const low = bound(atLeast);
  const high = bound(atMost);
  if (low === undefined) return { ok: false, wrong: "atLeast" };
  if (high === undefined) return { ok: false, wrong: "atMost" };
  if (low !== null && high !== null && low > high) return { ok: false, wrong: "crossed" };
  return { ok: true, target: { atLeast: low, atMost: high } };
}
