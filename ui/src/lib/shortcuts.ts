// The keyboard shortcuts as the sheet (?) lists them. The sections' and the inbox's come
// from the tables their handlers read, so the sheet cannot miss one.
import type { Message, MessageKey } from "../i18n/index.svelte";
import { type InboxKey, inboxKeys } from "./inbox";
import { sections } from "./views";

/** One thing the keyboard does: the keys that do it (any one of them), and what it does. */
export interface Shortcut {
  /** Each way to press it; a combination is its keys in order (["Ctrl", "Z"]). */
  keys: string[][];
  what: Message;
}

export interface ShortcutGroup {
  title: MessageKey;
  shortcuts: Shortcut[];
}

const ctrl = (key: string): string[] => ["Ctrl", key];
const does = (what: MessageKey, values: Record<string, string | number> = {}): Message => [what, values];

/** How a key's name is written on the sheet: arrows as arrows, letters as on the keycap. */
function keycap(key: string): string {
  const arrows: Record<string, string> = { ArrowDown: "↓", ArrowUp: "↑" };
  return arrows[key] ?? (key.length === 1 ? key.toUpperCase() : key);
}

/** What each inbox command is called: the pane's own button words where it has one. */
const inboxWords: Record<InboxKey, MessageKey> = {
  next: "shortcuts.inbox.next",
  previous: "shortcuts.inbox.previous",
  close: "inbox.action.close",
  reply: "shortcuts.inbox.reply",
  snooze: "inbox.action.snooze",
  assign: "shortcuts.inbox.assign",
  select: "shortcuts.inbox.select",
  spam: "inbox.action.spam",
};

/** The inbox's keys, one line per command, in the table's order. */
function inboxShortcuts(): Shortcut[] {
  const commands = new Map<InboxKey, string[][]>();
  for (const [key, command] of Object.entries(inboxKeys)) {
    commands.set(command, [...(commands.get(command) ?? []), [keycap(key)]]);
  }
  return [...commands].map(([command, keys]) => ({ keys, what: does(inboxWords[command]) }));
}

export function shortcutGroups(): ShortcutGroup[] {
  return [
    {
      title: "shortcuts.everywhere",
      shortcuts: [
        // A section's line is its name, as in the sidebar.
        ...sections.map((section, i) => ({ keys: [ctrl(String(i + 1))], what: does(`nav.${section}`) })),
        { keys: [ctrl(",")], what: does("nav.settings") },
        { keys: [ctrl("N")], what: does("shortcuts.newPost") },
        { keys: [ctrl("Z")], what: does("shortcuts.undo") },
        { keys: [ctrl("W")], what: does("shortcuts.hide") },
        { keys: [["?"]], what: does("shortcuts.sheet") },
      ],
    },
    { title: "shortcuts.inbox", shortcuts: inboxShortcuts() },
    {
      title: "shortcuts.replyBox",
      shortcuts: [
        // An Arabic layout has no plain ; but types the Arabic ؛.
        { keys: [[";"], ["؛"], ctrl("/")], what: does("shortcuts.reply.template") },
        { keys: [["Tab"]], what: does("shortcuts.reply.blank") },
        { keys: [ctrl("Enter")], what: does("shortcuts.reply.send") },
        { keys: [["Esc"]], what: does("shortcuts.reply.leave") },
      ],
    },
  ];
}
