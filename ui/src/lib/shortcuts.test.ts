import { describe, expect, it } from "vitest";
import { inboxKey } from "./inbox";
import { shortcutGroups } from "./shortcuts";
import { sections, viewForShortcut } from "./views";

const all = () => shortcutGroups().flatMap((g) => g.shortcuts);

describe("shortcutGroups", () => {
  it("lists every inbox command once, with each of its keys", () => {
    const inbox = shortcutGroups().find((g) => g.title === "shortcuts.inbox")!.shortcuts;
    expect(inbox.map((s) => s.what[0])).toEqual([
      "shortcuts.inbox.next",
      "shortcuts.inbox.previous",
      "inbox.action.close",
      "shortcuts.inbox.reply",
      "inbox.action.snooze",
      "shortcuts.inbox.assign",
      "shortcuts.inbox.select",
      "inbox.action.spam",
    ]);
    expect(inbox[0]!.keys).toEqual([["J"], ["↓"]]);
    // Each key the sheet shows on a line does that line's command (keycaps are upper
    // case; the handler reads either).
    for (const shortcut of inbox) {
      const commands = shortcut.keys.map(([cap]) => {
        const key = { "↓": "ArrowDown", "↑": "ArrowUp" }[cap!] ?? cap!.toLowerCase();
        return inboxKey({ key, code: "", ctrlKey: false, metaKey: false, altKey: false, target: null });
      });
      expect(new Set(commands).size).toBe(1);
      expect(commands[0]).toBeDefined();
    }
    expect(new Set(inbox.map((s) => s.keys[0]![0]!.toLowerCase())).size).toBe(inbox.length);
  });

  it("names the view each Ctrl+digit line opens", () => {
    const numbered = all().filter((s) => /^[1-9]$/.test(s.keys[0]![1] ?? ""));
    expect(numbered).toHaveLength(sections.length);
    for (const line of numbered) expect(line.what[0]).toBe(`nav.${viewForShortcut(line.keys[0]![1]!)}`);
  });
});
