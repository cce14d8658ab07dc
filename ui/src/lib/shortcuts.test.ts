import { describe, expect, it } from "vitest";
import { inboxKey } from "./inbox";
import { shortcutGroups } from "./shortcuts";
import { sections } from "./views";

const all = () => shortcutGroups().flatMap((g) => g.shortcuts);

describe("shortcutGroups", () => {
  it("lists every inbox command once, with each of its keys", () => {
    const inbox = shortcutGroups().find((g) => g.title === "shortcuts.inbox")!.shortcuts;
    expect(inbox.map((s) => s.what[0])).toEqual([
      "shortcuts.inbox.next",
      "shortcuts.inbox.previous",
      "shortcuts.inbox.close",
      "shortcuts.inbox.reply",
      "shortcuts.inbox.snooze",
      "shortcuts.inbox.assign",
      "shortcuts.inbox.select",
      "shortcuts.inbox.spam",
    ]);
    expect(inbox[0]!.keys).toEqual([["J"], ["↓"]]);
    // Each key the sheet shows does what it says (keycaps are upper case; the handler reads either).
    for (const shortcut of inbox) {
      for (const [cap] of shortcut.keys) {
        const key = { "↓": "ArrowDown", "↑": "ArrowUp" }[cap!] ?? cap!.toLowerCase();
        const event = { key, code: "", ctrlKey: false, metaKey: false, altKey: false, target: null };
        expect(`shortcuts.inbox.${inboxKey(event)}`).toBe(shortcut.what[0]);
      }
    }
  });

  it("opens each section by its number, in the sidebar's order", () => {
    const numbered = all().filter((s) => /^[1-9]$/.test(s.keys[0]![1] ?? ""));
    expect(numbered.map((s) => s.what[0])).toEqual(sections.map((s) => `nav.${s}`));
  });
});
