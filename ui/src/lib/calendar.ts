// Glue between the calendar library and Majlis's posts. Rust places every post at its
// wall-clock time in the brand's zone and hands over floating times; the calendar shows
// them as they are and hands back Dates whose local fields are that wall-clock time. The
// webview only reads instants on a zone's clock (Intl): placing a wall-clock time in a
// zone is Rust's job.
import { dateFormat } from "../i18n/format";
import type { CalendarItem, Category, MonthGrid, PostStatus } from "./bindings";

const pad = (n: number) => String(n).padStart(2, "0");

/** The calendar date of `date` (`YYYY-MM-DD`). */
export function ymd(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The wall-clock time of `date` as the floating ISO string Rust reads (`YYYY-MM-DDTHH:MM:00`). */
export function floating(date: Date): string {
  return `${ymd(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}:00`;
}

/**
 * A post's time as short as it reads: "7 AM" on the hour, "7:30 PM" otherwise (in
 * Arabic "٧ ص", "٧:٣٠ م"), so a narrow day keeps room for the post's words.
 */
export function shortTime(date: Date, locale: string): string {
  const options: Intl.DateTimeFormatOptions = date.getMinutes() === 0 ? { hour: "numeric" } : { hour: "numeric", minute: "2-digit" };
  return dateFormat(locale, options).format(date);
}

/** Statuses a person can still move on the calendar. */
const movable: readonly PostStatus[] = ["draft", "in_review", "approved", "scheduled"];

/** What the calendar library needs to draw a post. */
export interface PostEvent {
  id: string;
  start: string;
  end: string;
  title: string;
  backgroundColor: string;
  /** White or near-black, whichever reads better on `backgroundColor`. */
  textColor: string;
  editable: boolean;
  extendedProps: {
    kind: "post";
    post: number;
    occurrence: string | null;
    status: PostStatus;
    category: string | null;
    /** Whether it came with a month grid: each view draws only what was asked for it. */
    grid: boolean;
  };
}

/** "+N more" at the end of a month cell, standing for the day's posts not drawn there. */
export interface MoreEvent {
  id: string;
  start: string;
  end: string;
  title: string;
  editable: false;
  extendedProps: { kind: "more"; day: string; count: number; grid: true };
}

export type CalendarEvent = PostEvent | MoreEvent;

/**
 * Posts a month cell draws; Rust sends the month grid only those, and counts the rest of
 * each day as "+N more" (see `calendar::month_grid`).
 */
export const CELL_POSTS = 2;

/**
 * Whether an event is drawn in `view`: the month draws only its grid (two posts a day and
 * "+N more"), the other views only posts. The library draws the last view's events until
 * the new view's arrive, and a month drawing the thousand posts a list had asked for
 * froze the window for two seconds; a list drawing the month's few meanwhile is quick.
 */
export function drawnIn(view: string, event: { extendedProps: Record<string, unknown> }): boolean {
  return view === "dayGridMonth" ? event.extendedProps.grid === true : event.extendedProps.kind === "post";
}

/** The period a view's arrows step by, read from the calendar library's own (English)
 * names for them ("Previous week"), to name them in the window's language. */
export function periodOf(libraryName: string | undefined): "day" | "week" | "month" {
  const period = /\b(day|week|month)$/.exec(libraryName ?? "")?.[1];
  return period === "day" || period === "week" ? period : "month";
}

/** Whether the calendar asks for a month grid: only the grid spans more than a month (5–6 whole weeks). */
export function isMonthGrid(start: Date, end: Date): boolean {
  return end.getTime() - start.getTime() > 31 * 24 * 60 * 60 * 1000;
}

/** The month grid's events: its posts, and a "+N more" at the end of each fuller day. */
export function monthEvents(grid: MonthGrid, categories: readonly Category[], brandColor: string): CalendarEvent[] {
  const more: MoreEvent[] = grid.more.map(({ day, count }) => ({
    id: `more@${day}`,
    start: `${day}T23:58:00`,
    end: `${day}T23:59:00`,
    title: "",
    editable: false,
    extendedProps: { kind: "more", day, count, grid: true },
  }));
  return [...grid.items.map((item) => toEvent(item, categories, brandColor, true)), ...more];
}

/**
 * A calendar item as a 30-minute event, coloured by its category (else the brand); one
 * late in the evening ends at midnight, so the next day's list does not show it again.
 * Each occurrence of a series is an event of its own, named by the post and the
 * occurrence. `grid`: it came with a month grid.
 */
export function toEvent(item: CalendarItem, categories: readonly Category[], brandColor: string, grid = false): PostEvent {
  const start = new Date(item.local);
  const halfHour = new Date(start.getTime() + 30 * 60 * 1000);
  const midnight = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
  const end = floating(halfHour < midnight ? halfHour : midnight);
  const category = categories.find((c) => c.id === item.categoryId);
  const colors = labelColors(category?.color ?? brandColor);
  return {
    id: item.occurrence ? `${item.id}@${item.occurrence}` : String(item.id),
    start: item.local,
    end,
    title: item.title,
    backgroundColor: colors.background,
    textColor: colors.text,
    editable: movable.includes(item.status),
    extendedProps: {
      kind: "post",
      post: item.id,
      occurrence: item.occurrence ?? null,
      status: item.status,
      category: category?.name ?? null,
      grid,
    },
  };
}

/** The first line of a post's words that has any, for a line of a list ("…" if none). */
export function firstLineOf(text: string): string {
  return text.split("\n").find((line) => line.trim() !== "") ?? "…";
}

/** WCAG's relative luminance of `color` (`#rrggbb`). */
function luminance(color: string): number {
  const channel = (at: number) => {
    const c = parseInt(color.slice(at, at + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const WHITE = "#ffffff";
const DARK = "#1d1c19"; // the light theme's text

/** WCAG's contrast ratio between two colours. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The text colour that reads better on `background` (`#rrggbb`), white or near-black, by
 * WCAG contrast: white on the palette's amber read at 3.2:1, under the 4.5:1 small text
 * needs. A category's colour is the person's choice, so it is worked out, not assumed.
 */
export function readableOn(background: string): string {
  return contrast(WHITE, background) >= contrast(DARK, background) ? WHITE : DARK;
}

/**
 * The colours a post's label is drawn in: its colour, and the text that reads on it at
 * the 4.5:1 small text needs. A colour in the middle, where neither white nor near-black
 * reaches it (the palette's sky, #0284c7, read at 4.2:1 either way), is drawn deeper in
 * steps of 4 % black until one does: the category keeps the colour chosen.
 */
export function labelColors(color: string): { background: string; text: string } {
  let background = color;
  for (let share = 0.04; Math.max(contrast(WHITE, background), contrast(DARK, background)) < 4.5; share += 0.04) {
    background = mixWithBlack(color, share);
  }
  return { background, text: readableOn(background) };
}

/** `color` with `share` (0–1) of black mixed in. */
function mixWithBlack(color: string, share: number): string {
  const channel = (at: number) =>
    Math.round(parseInt(color.slice(at, at + 2), 16) * (1 - share))
      .toString(16)
      .padStart(2, "0");
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}

/** A locale's week as Intl knows it (days numbered Monday 1 … Sunday 7), if it does. */
function weekInfo(locale: string): { firstDay: number; weekend: number[] } | undefined {
  try {
    const known = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number; weekend: number[] };
      weekInfo?: { firstDay: number; weekend: number[] };
    };
    return known.getWeekInfo?.() ?? known.weekInfo;
  } catch {
    // A tag Rust accepts by its shape that Intl does not (`en-us1`).
    return undefined;
  }
}

/** A locale's first day of the week (Monday 1 … Sunday 7), from Intl where it knows. */
function firstDay(locale: string): number {
  return weekInfo(locale)?.firstDay ?? (locale.startsWith("ar") ? 7 : 1);
}

/** The first day of the week for a locale (0 = Sunday), as the calendar library takes it. */
export function firstDayOf(locale: string): 0 | 1 | 6 {
  const day = firstDay(locale);
  return day === 7 ? 0 : day === 6 ? 6 : 1;
}

/** A locale's week in order, from its first day (Monday 1 … Sunday 7). */
export function weekOf(locale: string): number[] {
  const first = firstDay(locale);
  return [0, 1, 2, 3, 4, 5, 6].map((i) => ((first - 1 + i) % 7) + 1);
}

/** The days a locale's week rests (Monday 1 … Sunday 7): Friday and Saturday in Riyadh. */
export function weekendOf(locale: string): number[] {
  return weekInfo(locale)?.weekend ?? (locale.startsWith("ar") ? [5, 6] : [6, 7]);
}

/**
 * The wall-clock time (`YYYY-MM-DDTHH:MM`) of an instant on the clock of `zone`, to
 * fill the composer's date and time when editing a post. Reading an instant in a zone
 * is never ambiguous, so Intl does it; the other way round is Rust's job.
 */
export function wallClock(instant: string, zone: string | undefined): string {
  const parts = dateFormat("en-GB", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`;
}

/**
 * The day it is in `zone` at `at`, as a Date whose local fields are that day (the
 * calendar's way): the brand's today, wherever the computer is — an agency in Riyadh
 * plans a New York bakery's posts on New York's days. Without a zone, the computer's.
 */
export function todayIn(zone: string | undefined, at = new Date()): Date {
  // A date and time without an offset is read on the computer's clock.
  return new Date(`${wallClock(at.toISOString(), zone).slice(0, 10)}T00:00`);
}

/**
 * The calendar library's zone for a brand in `zone` at `at`: the brand's distance from
 * UTC ("+03:00", "-05:00"), so that what the library calls today is the brand's day.
 * Posts are floating times it never moves by it. The library (5.15) reads a zero
 * distance as none and takes the computer's clock then; a minute east of UTC gives it
 * the brand's day but in that day's last minute.
 */
export function calendarZone(zone: string, at = new Date()): string {
  const minute = Math.floor(at.getTime() / 60_000) * 60_000;
  const wall = Date.parse(`${wallClock(new Date(minute).toISOString(), zone)}:00Z`);
  const minutes = Math.round((wall - minute) / 60_000) || 1;
  const away = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(away / 60))}:${pad(away % 60)}`;
}

/**
 * The days the month view shows for the month of `today`: whole weeks, from the week
 * of the 1st to the week of the last day (end exclusive), as the calendar asks for
 * them. `firstDay`: 0 Sunday … 6 Saturday.
 */
export function monthGridRange(today: Date, firstDay: number): { start: Date; end: Date } {
  const year = today.getFullYear();
  const month = today.getMonth();
  const first = new Date(year, month, 1);
  const last = new Date(year, month + 1, 0);
  const lead = (first.getDay() - firstDay + 7) % 7;
  const trail = (firstDay + 6 - last.getDay() + 7) % 7;
  return { start: new Date(year, month, 1 - lead), end: new Date(year, month + 1, trail + 1) };
}
