// A reply being written: where a template's text goes in it, and where its blanks are
// (textarea positions, UTF-16).

/**
 * `draft` with a template's `text` in it: in place of the shortcut typed at its end
 * (";late"), else after what is written, a space apart ("…from us. Sorry Sara!").
 */
export function withTemplate(draft: string, text: string): string {
  const before = draft.replace(/(^|\s)[;؛]\S*$/, (_, space: string) => space);
  return before === "" || /\s$/.test(before) ? before + text : `${before} ${text}`;
}

export interface Span {
  start: number;
  end: number;
}

/** Every `{name}` of `blanks` in `text`, in order. */
function spans(text: string, blanks: string[]): Span[] {
  const found: Span[] = [];
  for (const name of blanks) {
    const token = `{${name}}`;
    for (let at = text.indexOf(token); at !== -1; at = text.indexOf(token, at + token.length)) {
      found.push({ start: at, end: at + token.length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The first blank starting at or after `from`, or null. */
export function nextBlank(text: string, blanks: string[], from: number): Span | null {
  return spans(text, blanks).find((s) => s.start >= from) ?? null;
}

/** The blank that `position` is in (or at the edge of), or null. */
export function blankAt(text: string, blanks: string[], position: number): Span | null {
  return spans(text, blanks).find((s) => s.start <= position && position <= s.end) ?? null;
}
