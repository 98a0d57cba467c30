// Where to go after signing in: only a path on this site (never another origin, never back to the auth pages).
const placeholderOrigin = 'http://cruxmap.invalid';

/** A backslash or a control character: browsers treat "\\" like "/", and drop tabs and newlines. */
const hasUnsafeCharacter = (value: string): boolean => [...value].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

export function safeCallbackUrl(value: string | string[] | null | undefined, fallback = '/'): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  // "//host" and "/\host" are protocol-relative in browsers; control characters can hide either.
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || hasUnsafeCharacter(candidate)) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, placeholderOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== placeholderOrigin) return fallback;
  if (url.pathname === '/sign-in' || url.pathname === '/sign-up') return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A link to an auth page that brings the user back to `callbackUrl` afterwards. */
export const authHref = (page: '/sign-in' | '/sign-up', callbackUrl: string): string =>
  callbackUrl === '/' ? page : `${page}?callbackUrl=${encodeURIComponent(callbackUrl)}`;
