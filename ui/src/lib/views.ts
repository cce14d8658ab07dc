// The sections of the window, in navigation order.
export const sections = ["calendar", "inbox", "templates", "community", "insights"] as const;
export type Section = (typeof sections)[number];
export type View = Section | "settings";

/** The view a Ctrl+<key> shortcut opens: 1–5 the sections, "," Settings (as on macOS). */
export function viewForShortcut(key: string): View | undefined {
  if (key === ",") return "settings";
  const n = Number(key);
  return Number.isInteger(n) && n >= 1 && n <= sections.length ? sections[n - 1] : undefined;
}
