import { describe, expect, it } from "vitest";
import { globalShortcut, isTyping, shortcutKey, viewForShortcut } from "./views";

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

  it("keeps a Latin letter of another layout as typed (Turkish F types ğ where US has E)", () => {
    expect(shortcutKey({ key: "ğ", code: "KeyE" })).toBe("ğ");
    expect(shortcutKey({ key: "é", code: "Digit2" })).toBe("é");
  });

  it("is the key itself for digits, signs and named keys", () => {
    expect(shortcutKey({ key: "1", code: "Digit1" })).toBe("1");
    expect(shortcutKey({ key: ",", code: "Comma" })).toBe(",");
    expect(shortcutKey({ key: "?", code: "Slash" })).toBe("?");
    expect(shortcutKey({ key: "ArrowDown", code: "ArrowDown" })).toBe("ArrowDown");
  });
});

describe("globalShortcut", () => {
  const field = { closest: () => ({ tagName: "TEXTAREA" }), isContentEditable: false } as unknown as EventTarget;
  const window = { inDialog: false, hasBrands: true, canUndo: true };
  const press = (key: string, code: string, held: Partial<KeyboardEvent> = {}, where: Partial<typeof window> = {}) =>
    globalShortcut(
      { key, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, target: null, ...held },
      { ...window, ...where },
    );
  const ctrl = { ctrlKey: true };

  it("opens the sheet with ? or ؟, but not while typing, in a dialog or on the first-run screen", () => {
    expect(press("?", "Slash", { shiftKey: true })).toEqual({ do: "sheet" });
    expect(press("؟", "Slash", { shiftKey: true })).toEqual({ do: "sheet" });
    expect(press("?", "Slash", { target: field })).toBeUndefined();
    expect(press("?", "Slash", {}, { inDialog: true })).toBeUndefined();
    expect(press("?", "Slash", {}, { hasBrands: false })).toBeUndefined();
  });

  it("opens a view by its number's key, also where the layout types a sign there (AZERTY's &)", () => {
    expect(press("2", "Digit2", ctrl)).toEqual({ do: "open", view: "inbox" });
    expect(press("&", "Digit1", ctrl)).toEqual({ do: "open", view: "calendar" });
    expect(press("و", "Comma", ctrl)).toEqual({ do: "open", view: "settings" });
    expect(press("2", "Digit2", ctrl, { inDialog: true })).toBeUndefined();
  });

  it("starts a post with Ctrl+N from anywhere but a dialog", () => {
    expect(press("n", "KeyN", ctrl)).toEqual({ do: "newPost" });
    expect(press("ى", "KeyN", ctrl)).toEqual({ do: "newPost" });
    expect(press("n", "KeyN", ctrl, { inDialog: true })).toBeUndefined();
    expect(press("N", "KeyN", { ...ctrl, shiftKey: true })).toBeUndefined();
  });

  it("takes back with Ctrl+Z only when there is something to, outside fields and dialogs", () => {
    expect(press("z", "KeyZ", ctrl)).toEqual({ do: "undo" });
    expect(press("z", "KeyZ", ctrl, { canUndo: false })).toBeUndefined();
    expect(press("z", "KeyZ", { ...ctrl, target: field })).toBeUndefined();
    expect(press("z", "KeyZ", ctrl, { inDialog: true })).toBeUndefined();
  });

  it("hides the window with Ctrl+W from anywhere, and leaves AltGr's letters alone", () => {
    expect(press("w", "KeyW", ctrl, { inDialog: true, hasBrands: false })).toEqual({ do: "hide" });
    expect(press("z", "KeyZ", { ...ctrl, altKey: true })).toBeUndefined();
    expect(press("e", "KeyE")).toBeUndefined();
  });
});
