// Trimming and cutting strings in linear time. These loops replace end-anchored regular expressions such as
// /\s+$/u or /-+$/: an engine retries those from every start in a long run of the class that is not at the end
// (60 000 spaces then a letter: 1.8 billion steps), and user text reaches most of them.

const isWhitespace = (char: string): boolean => char.trim() === '';

/** `text` without the characters at its end for which `isTrimmed` holds (code unit by code unit). */
export function trimEndWhere(text: string, isTrimmed: (char: string) => boolean): string {
  let end = text.length;
  while (end > 0 && isTrimmed(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** `text` without the characters at its start for which `isTrimmed` holds (code unit by code unit). */
export function trimStartWhere(text: string, isTrimmed: (char: string) => boolean): string {
  let start = 0;
  while (start < text.length && isTrimmed(text.charAt(start))) start++;
  return text.slice(start);
}

/** `text` without any of `chars` at either end. */
export const trimChars = (text: string, chars: string): string => trimStartWhere(trimEndWhere(text, (c) => chars.includes(c)), (c) => chars.includes(c));

/** `text` without any of `chars` at its end. */
export const trimEndChars = (text: string, chars: string): string => trimEndWhere(text, (c) => chars.includes(c));

/** `text` without whitespace (as /\s/u means it) or any of `chars` at its end. */
export const trimEndSpaceAnd = (text: string, chars: string): string => trimEndWhere(text, (c) => isWhitespace(c) || chars.includes(c));

/** The ASCII digits that end `text` ("" if none): what /(\d+)$/u captures. */
export function trailingDigits(text: string): string {
  return text.slice(trimEndWhere(text, (c) => c >= '0' && c <= '9').length);
}

/** `text` cut before the first of `chars`, if any. */
export function cutAtFirst(text: string, chars: string): string {
  for (let i = 0; i < text.length; i++) if (chars.includes(text.charAt(i))) return text.slice(0, i);
  return text;
}

/**
 * Every "<" up to the next ">" replaced by `replacement`: what text.replace(/<[^>]*>/gu, replacement) does,
 * in one pass (a "<" with no ">" after it, and everything after that, is kept).
 */
export function replaceTags(text: string, replacement: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('<', at);
    const close = open === -1 ? -1 : text.indexOf('>', open + 1);
    if (close === -1) return out + text.slice(at);
    out += text.slice(at, open) + replacement;
    at = close + 1;
  }
}
