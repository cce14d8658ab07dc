// The inbox's pure rules: time left to a deadline, and the keyboard's single-key commands.
import type { Message } from "../i18n/index.svelte";
import { spanOf } from "./durations";
import { isTyping, shortcutKey } from "./views";

/** How a deadline stands at `now`: minutes left (negative once past), and how urgent. */
export interface TimeLeft {
  /** Whole minutes until the deadline; negative when it has passed. */
  minutes: number;
  /** `overdue` past it, `soon` within half an hour, else `ok`. */
  urgency: "overdue" | "soon" | "ok";
  /** The minutes as people read them, without the sign: see `spanOf`. */
  span: Message;
}

/** Where `deadline` stands at `now` (ms since the epoch); `null` when there is none. */
export function timeLeft(deadline: string | null, now: number): TimeLeft | null {
  if (deadline === null) return null;
  const ms = new Date(deadline).getTime() - now;
  // Past deadlines count whole minutes late from the first second; future ones round up,
  // so "0 min left" never shows while time remains.
  const minutes = ms <= 0 ? -Math.max(1, Math.floor(-ms / 60000)) : Math.ceil(ms / 60000);
  return {
    minutes,
    urgency: minutes < 0 ? "overdue" : minutes <= 30 ? "soon" : "ok",
    span: spanOf(Math.abs(minutes)),
  };
}

/** What a single key does in the inbox list (no modifier, not typing in a field). */
export type InboxKey = "next" | "previous" | "close" | "reply" | "snooze" | "assign" | "select" | "spam";

/** The keys, as {@link shortcutKey} reads them; the shortcuts sheet lists them too. */
export const inboxKeys: Record<string, InboxKey> = {
  j: "next",
  ArrowDown: "next",
  k: "previous",
  ArrowUp: "previous",
  e: "close",
  r: "reply",
  s: "snooze",
  a: "assign",
  x: "select",
  "!": "spam",
};

/** Radios move with the arrow keys themselves (the inbox's own view choice), and say
 * nothing of it (`arrowFocus`'s menus and lists mark their keys as taken): the list
 * leaves them their arrows. */
const arrowed = "[role=radiogroup]";

/** The command for `event`, unless a modifier is held, the person is typing, or the
 * arrows belong to the control they are pressed in. */
export function inboxKey(event: Pick<KeyboardEvent, "key" | "code" | "ctrlKey" | "metaKey" | "altKey" | "target">): InboxKey | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return undefined;
  if (event.key.startsWith("Arrow") && (event.target as Element | null)?.closest?.(arrowed)) return undefined;
  return inboxKeys[shortcutKey(event)];
}
