// What the core names, row by row or word by word, as messages the window words in its
// language when it shows them (the core's `Display` of the same is the CLI's English).
import { hasMessage, language, tIn, type Message } from "../i18n/index.svelte";
import type { BodyProblem, Language, Off, Why } from "./bindings";

/** A person-facing sentence for an error (in `lang`, else the window's language): its
 * translation, else Rust's own words. */
export function describeError(e: { code: string; message: string }, lang: Language = language()): string {
  const key = `error.${e.code}`;
  return hasMessage(key) ? tIn(lang, key) : e.message;
}

/** The languages a template is written in, each its own text. */
export const templateLanguages = ["en", "ar"] as const;

/** A template text's language by its name ("English", "العربية"), its tag if Majlis has
 * none for it. */
export function languageName(tag: string, lang: Language = language()): string {
  const known = templateLanguages.find((l) => l === tag);
  return known ? tIn(lang, `templates.language.${known}`) : tag;
}

/** Why a template's text cannot be read. */
export function bodyMessage(problem: BodyProblem): Message {
  return [`templates.why.${problem.kind}`, problem];
}

/** How a text is off the brand's voice. */
export function offMessage(off: Off): Message {
  return [`voice.off.${off.kind}`, off];
}

/**
 * Why a row of a file cannot be imported. A list of words is joined here, as `lang` says
 * "or", and an error the core refused a row with is worded here in `lang` (the window's
 * language unless told), so unlike other messages this one is partly worded when made:
 * make it where it is shown. A reader's own words ("unreadable", "notJson") stay English.
 */
export function whyMessage(why: Why, lang: Language = language()): Message {
  switch (why.kind) {
    case "notOneOf": {
      const known = new Intl.ListFormat(lang, { type: "disjunction" }).format(why.known);
      return ["import.why.notOneOf", { ...why, known }];
    }
    case "refused":
    case "template":
      return [`import.why.${why.kind}`, { ...why, reason: describeError({ code: why.code, message: why.reason }, lang) }];
    case "templateText":
      return ["import.why.templateText", { ...why, language: languageName(why.language, lang), problem: tIn(lang, ...bodyMessage(why.problem)) }];
    default:
      return [`import.why.${why.kind}`, why];
  }
}
