// Followers write Arabic and English in one breath. A hashtag or @handle in Latin letters
// at the end of an Arabic caption has its # or @ drawn on the wrong side
// ("RayyanBakery#") unless it is set apart from the text around it.

/** A hashtag or @handle: a # or @ and what follows it up to a space or punctuation
 * (dots and @ inside a handle included, as in @dana.sa or @huda@mastodon.social). */
const tagged = /([#@][\p{L}\p{M}\p{N}_]+(?:[.@][\p{L}\p{M}\p{N}_]+)*)/u;

/** `text` cut at its hashtags and handles: the plain parts at even places, the tags at
 * odd ones, so each tag can be isolated in its own direction. */
export function tagRuns(text: string): string[] {
  return text.split(tagged);
}
