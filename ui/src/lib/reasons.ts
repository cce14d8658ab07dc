// What the core names, row by row or word by word, as messages the window words in its
// language when it shows them (the core's `Display` of the same is the CLI's English).
import { language, type Message } from "../i18n/index.svelte";
import type { BodyProblem, Off, Why } from "./bindings";

/** Why a template's text cannot be read. */
export function bodyMessage(problem: BodyProblem): Message {
  return [`templates.why.${problem.kind}`, problem];
}

/** How a text is off the brand's voice. */
export function offMessage(off: Off): Message {
  return [`voice.off.${off.kind}`, off];
}

/**
 * Why a row of a file cannot be imported ("other": the core's English sentence). A list
 * of words is joined here, as `lang` says "or" (the window's language unless told), so
 * unlike other messages this one is partly worded when made: make it where it is shown.
 */
export function whyMessage(why: Why, lang: string = language()): Message {
  if (why.kind === "notOneOf") {
    const known = new Intl.ListFormat(lang, { type: "disjunction" }).format(why.known);
    return ["import.why.notOneOf", { ...why, known }];
  }
  return [`import.why.${why.kind}`, why];
}
