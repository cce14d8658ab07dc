// The interface language: one reactive value, and `t` to look messages up in it.
import type { Language, Worded } from "../lib/bindings";
import { ar } from "./ar";
import { en, type MessageKey } from "./en";
import { dateFormat, directionOf, format, localeOf } from "./format";

export type { MessageKey };

/** A message chosen but not yet worded, for `t(...message)` when it is shown. */
export type Message = [key: MessageKey, values: Record<string, string | number>];

const catalogues: Record<Language, Record<MessageKey, string>> = { en, ar };

const current = $state({ lang: "en" as Language, webkit: navigatorLanguage() });

function navigatorLanguage(): string {
  return typeof navigator === "undefined" ? "" : navigator.language;
}

// WebKit's language follows the window's a moment after it changes (Rust tells it).
if (typeof window !== "undefined") addEventListener("languagechange", () => (current.webkit = navigatorLanguage()));

/** The language WebKit draws its own fields in (`navigator.language`), kept current. */
export function webkitLanguage(): string {
  return current.webkit;
}

/** The language the window speaks now. */
export function language(): Language {
  return current.lang;
}

/** The locale its dates and times are written in: the language, in the desktop's region. */
export function locale(): string {
  return localeOf(current.lang, current.webkit);
}

/** Switches the whole window to `lang`, mirroring the layout for right-to-left. */
export function setLanguage(lang: Language): void {
  current.lang = lang;
  document.documentElement.lang = lang;
  document.documentElement.dir = directionOf(lang);
}

/** The message `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return tIn(current.lang, key, params);
}

/** What Majlis recorded in each language (why something did not go out), in the window's. */
export function worded(words: Worded): string {
  return words[current.lang];
}

/** The message `key` in `lang`, for a sentence worded inside another (see reasons.ts). */
export function tIn(lang: Language, key: MessageKey, params?: Record<string, string | number>): string {
  return format(catalogues[lang][key], params, lang);
}

/** A date formatter in the window's language and region (made once: `dateFormat`). */
export function dates(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return dateFormat(locale(), options);
}

/** Whether a message exists, for keys built at run time (error codes). */
export function hasMessage(key: string): key is MessageKey {
  return key in en;
}
