// The month the calendar opens on is asked for as soon as the brand is known, beside
// the brand's channels and categories, and the window is built once both are in hand:
// the calendar does not ask again once it has mounted, and the shell, the month and its
// posts are laid out and painted together rather than an empty month first (see
// BENCHMARKS.md, "App start and memory").
import type { Brand, CalendarFilter, ComposerOptions, MonthGrid } from "./bindings";
import { CELL_POSTS, firstDayOf, monthGridRange, todayIn, ymd } from "./calendar";
import { api } from "./ipc";

let grid: { key: string; fetched: Promise<MonthGrid> } | null = null;
let options: { brand: number; fetched: Promise<ComposerOptions> } | null = null;

const keyOf = (brand: number, from: string, to: string, filter: CalendarFilter) =>
  JSON.stringify([brand, from, to, filter]);

/**
 * How long the window waits for the first month before it shows without it: a month is
 * a local read of a few milliseconds, but a window held back by one that hangs would
 * show nothing at all, not even the error. The calendar takes the month when it comes.
 */
const WAIT_AT_MOST_MS = 500;

/**
 * Starts fetching what the calendar will show first for `brand`; settles (never fails)
 * once both are in hand, or after [`WAIT_AT_MOST_MS`].
 */
export function prefetchFirstMonth(brand: Brand, filter: CalendarFilter): Promise<unknown> {
  const { start, end } = monthGridRange(todayIn(brand.timeZone), firstDayOf(brand.locale));
  const [from, to] = [ymd(start), ymd(end)];
  grid = { key: keyOf(brand.id, from, to, filter), fetched: api.calendarMonth(brand.id, from, to, filter, CELL_POSTS) };
  options = { brand: brand.id, fetched: api.composerOptions(brand.id) };
  // Settled, not failed: a failure reaches the calendar, which shows it, and a month
  // nobody takes (the person switched brand) is never an unhandled rejection.
  const waited = new Promise((done) => setTimeout(done, WAIT_AT_MOST_MS));
  return Promise.race([Promise.allSettled([grid.fetched, options.fetched]), waited]);
}

/** The prefetched month grid, if it is the one asked for; it is handed out once. */
export function takeFirstMonth(brand: number, from: string, to: string, filter: CalendarFilter): Promise<MonthGrid> | null {
  const taken = grid?.key === keyOf(brand, from, to, filter) ? grid.fetched : null;
  grid = null;
  return taken;
}

/** The prefetched channels and categories of `brand`, handed out once. */
export function takeFirstOptions(brand: number): Promise<ComposerOptions> | null {
  const taken = options?.brand === brand ? options.fetched : null;
  options = null;
  return taken;
}
