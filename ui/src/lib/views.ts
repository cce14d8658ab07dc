// The sections of the window, in navigation order.
export const sections = ["calendar", "inbox", "templates", "community", "insights"] as const;
export type Section = (typeof sections)[number];
export type View = Section | "settings";

/** The view a Ctrl+<key> shortcut opens (`key` as {@link shortcutKey} reads it): 1–5 the sections, "," Settings (as on macOS). */
export function viewForShortcut(key: string): View | undefined {
  if (key === ",") return "settings";
  const n = Number(key);
  return Number.isInteger(n) && n >= 1 && n <= sections.length ? sections[n - 1] : undefined;
}

/** Inputs that take no typing: a key pressed in one is not the person writing. */
const untyped = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"]);

/** Whether a key pressed in `target` is the person typing in a field (its own keys, its own Ctrl+Z). */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as (HTMLElement & { type?: string }) | null;
  if (!element?.closest) return false;
  if (element.isContentEditable) return true;
  const field = element.closest("input, textarea, select") as (HTMLElement & { type?: string }) | null;
  if (!field) return false;
  return field.tagName !== "INPUT" || !untyped.has(field.type ?? "text");
}

/** Where the signs shortcuts use are on a US layout, for layouts that type a letter there. */
const signPlaces: Record<string, string> = { Slash: "/", Comma: "," };

/**
 * The key a shortcut names: the key typed (a Latin letter in lower case, whatever Shift
 * or Caps Lock), or, where the layout types a letter of another script (Arabic's Z key
 * types "ئ", its J key "ت", its / key "ظ"), the key's place on a US layout, so the
 * shortcuts work without switching layouts.
 */
export function shortcutKey(event: Pick<KeyboardEvent, "key" | "code">): string {
  if (/^[a-z]$/i.test(event.key)) return event.key.toLowerCase();
  // Only another script's letter: a Latin one (Turkish ğ, where US has E) is a key of its own.
  if (/^\p{L}$/u.test(event.key) && !/\p{Script=Latin}/u.test(event.key)) {
    const place = /^Key([A-Z])$/.exec(event.code)?.[1]?.toLowerCase() ?? signPlaces[event.code];
    if (place) return place;
  }
  return event.key;
}

/** What a key pressed anywhere in the window does (App.svelte). */
export type GlobalShortcut = { do: "sheet" | "undo" | "hide" | "newPost" } | { do: "open"; view: View };

/** Where the window is when a key is pressed, as far as its shortcuts care. */
export interface ShortcutContext {
  /** A dialog is open over the window: it has the keys, but Ctrl+W. */
  inDialog: boolean;
  /** There is a brand (not the first-run screen). */
  hasBrands: boolean;
  /** A confirmation offers Undo. */
  canUndo: boolean;
}

/**
 * The window-wide shortcut `event` is, if any: ? (؟ on an Arabic layout) the shortcuts
 * sheet, Ctrl+1–5 and Ctrl+, a view, Ctrl+N a new post, Ctrl+Z Undo outside fields,
 * Ctrl+W hide. A digit counts by its key, which AZERTY types shifted.
 */
export function globalShortcut(
  event: Pick<KeyboardEvent, "key" | "code" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey" | "target">,
  where: ShortcutContext,
): GlobalShortcut | undefined {
  const command = (event.ctrlKey || event.metaKey) && !event.altKey;
  const key = shortcutKey(event);
  // Like closing the window (Majlis keeps running in the tray), from anywhere.
  if (command && key === "w") return { do: "hide" };
  if (!where.hasBrands || where.inDialog || event.altKey) return undefined;
  if (!command) return (event.key === "?" || event.key === "؟") && !isTyping(event.target) ? { do: "sheet" } : undefined;
  if (key === "z") return !event.shiftKey && where.canUndo && !isTyping(event.target) ? { do: "undo" } : undefined;
  if (key === "n") return event.shiftKey ? undefined : { do: "newPost" };
  const view = viewForShortcut(/^Digit[1-9]$/.test(event.code) ? event.code.slice(5) : key);
  return view ? { do: "open", view } : undefined;
}
