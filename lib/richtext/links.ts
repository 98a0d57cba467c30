// Which link targets rich text may carry: absolute http(s) and mailto URLs only. Shared by the zod schema
// (stored documents), the Link extension (editor commands, autolink, paste, rendering) and the toolbar.

export const LINK_REL = 'noopener noreferrer nofollow';
export const LINK_TARGET = '_blank';
export const MAX_LINK_CHARS = 2048;

// Whitespace and control characters are refused outright rather than trimmed: browsers drop them while
// parsing, which is how "java\tscript:" and " javascript:" slip past naive prefix checks.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const unsafeCharacters = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f]/u;
const httpPrefix = /^https?:\/\/[^/\\]/i;
const mailtoPrefix = /^mailto:[^/\\]/i;

/** True for an absolute http:, https: or mailto: URL with no spaces or control characters. */
export function isAllowedLinkHref(href: unknown): boolean {
  if (typeof href !== 'string' || href.length === 0 || href.length > MAX_LINK_CHARS) return false;
  if (unsafeCharacters.test(href)) return false;
  if (!httpPrefix.test(href) && !mailtoPrefix.test(href)) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return url.pathname.length > 0;
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
}

const emailForbidden = /[\s@/:]/u;

/** "name@host.tld": one "@" between two parts without whitespace, "/" or ":", the host with a "." inside it. */
function isEmailAddress(text: string): boolean {
  const at = text.indexOf('@');
  if (at <= 0) return false;
  const local = text.slice(0, at);
  const host = text.slice(at + 1);
  return !emailForbidden.test(local) && !emailForbidden.test(host) && host.slice(1, -1).includes('.');
}

/**
 * What a person typed into the link box, as an allowed href or null: "example.org/x" gains https://,
 * "ada@example.org" gains mailto:.
 */
export function normalizeLinkInput(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  if (isAllowedLinkHref(trimmed)) return trimmed;
  if (isEmailAddress(trimmed)) {
    const mailto = `mailto:${trimmed}`;
    return isAllowedLinkHref(mailto) ? mailto : null;
  }
  // Only bare host names get a scheme added; anything with a scheme of its own stays refused.
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:[/?#]\S*)?$/i.test(trimmed)) {
    const https = `https://${trimmed}`;
    return isAllowedLinkHref(https) ? https : null;
  }
  return null;
}
