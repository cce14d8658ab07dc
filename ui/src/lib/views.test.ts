import { describe, expect, it } from "vitest";
import { isTyping, shortcutKey, viewForShortcut } from "./views";

describe("viewForShortcut", () => {
  it("maps digits to sections in order", () => {
    expect(viewForShortcut("1")).toBe("calendar");
    expect(viewForShortcut("5")).toBe("insights");
  });
  it("maps the comma to Settings", () => {
    expect(viewForShortcut(",")).toBe("settings");
  });
  it("ignores everything else", () => {
    for (const key of ["0", "6", "a", "", " ", "1.5"]) expect(viewForShortcut(key)).toBeUndefined();
  });
});

describe("isTyping", () => {
  /** An element as `isTyping` reads it: the field `closest` finds around it, if any. */
  const inside = (field: { tagName: string; type?: string } | null, editable = false) =>
    ({ closest: () => field, isContentEditable: editable }) as unknown as EventTarget;

  it("is true in a text field, a text area, a list and editable text", () => {
    expect(isTyping(inside({ tagName: "INPUT", type: "text" }))).toBe(true);
    expect(isTyping(inside({ tagName: "INPUT", type: "search" }))).toBe(true);
    expect(isTyping(inside({ tagName: "TEXTAREA" }))).toBe(true);
    expect(isTyping(inside({ tagName: "SELECT" }))).toBe(true);
    expect(isTyping(inside(null, true))).toBe(true);
  });

  it("is false on a box ticked, a choice, and outside fields", () => {
    expect(isTyping(inside({ tagName: "INPUT", type: "checkbox" }))).toBe(false);
    expect(isTyping(inside({ tagName: "INPUT", type: "radio" }))).toBe(false);
    expect(isTyping(inside(null))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});

describe("shortcutKey", () => {
  it("is the Latin letter typed, whatever its place (AZERTY's W is where QWERTY's Z is)", () => {
    expect(shortcutKey({ key: "z", code: "KeyZ" })).toBe("z");
    expect(shortcutKey({ key: "Z", code: "KeyZ" })).toBe("z");
    expect(shortcutKey({ key: "w", code: "KeyZ" })).toBe("w");
  });

  it("is the key's place where the layout types another script", () => {
    expect(shortcutKey({ key: "ئ", code: "KeyZ" })).toBe("z");
    expect(shortcutKey({ key: "ص", code: "KeyW" })).toBe("w");
    expect(shortcutKey({ key: "ظ", code: "Slash" })).toBe("/");
    expect(shortcutKey({ key: "و", code: "Comma" })).toBe(",");
  });

  it("is the key itself for digits, signs and named keys", () => {
    expect(shortcutKey({ key: "1", code: "Digit1" })).toBe("1");
    expect(shortcutKey({ key: ",", code: "Comma" })).toBe(",");
    expect(shortcutKey({ key: "?", code: "Slash" })).toBe("?");
    expect(shortcutKey({ key: "ArrowDown", code: "ArrowDown" })).toBe("ArrowDown");
  });
});
