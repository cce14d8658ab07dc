// The placeholders the template editor offers to insert, so nobody has to remember how
// a placeholder is spelt (`{first_name}`, `{اسم_المتابع_الأول}`).
import type { Automatic } from "./bindings";

/**
 * Every placeholder Majlis fills, and where the editor offers it: in any reply, or with
 * permission requests (their words come from the brand's repost terms). A placeholder
 * the core adds fails the type check here until it has its place and its label.
 */
const offered: Record<Automatic, "reply" | "rights"> = {
  author_name: "reply",
  author_handle: "reply",
  brand: "reply",
  agent: "reply",
  today: "reply",
  hashtag: "rights",
  word: "rights",
  terms: "rights",
};

/** What the editor can insert: a placeholder, or the follower's first name (the commonest greeting). */
export type Insertable = Automatic | "author_name:first";

/** The editor's two rows of placeholders, in order. */
export const insertable: Record<"reply" | "rights", Insertable[]> = {
  reply: ["author_name:first", ...(Object.keys(offered) as Automatic[]).filter((p) => offered[p] === "reply")],
  rights: (Object.keys(offered) as Automatic[]).filter((p) => offered[p] === "rights"),
};

/** A rendered template's text, cut where its blanks are, so a preview can show them as blanks. */
export type PreviewPart = { text: string } | { blank: string };

/**
 * `text` cut at each `{name}` among `blanks` (what is left for the person to fill), in
 * order; braces of anything else stay text.
 */
export function previewParts(text: string, blanks: readonly string[]): PreviewPart[] {
  const parts: PreviewPart[] = [];
  let from = 0;
  for (const match of text.matchAll(/\{([^{}]+)\}/g)) {
    const name = match[1] ?? "";
    if (!blanks.includes(name)) continue;
    if (match.index > from) parts.push({ text: text.slice(from, match.index) });
    parts.push({ blank: name });
    from = match.index + match[0].length;
  }
  if (from < text.length) parts.push({ text: text.slice(from) });
  return parts;
}

/** Whether `name` is a placeholder the editor names with a label of its own. */
export function isInsertable(name: string): name is Insertable {
  return name === "author_name:first" || Object.hasOwn(offered, name);
}
