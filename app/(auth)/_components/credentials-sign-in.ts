// Email-and-password sign-in from the browser. This posts to next-auth's credentials callback itself (after
// fetching its CSRF token) rather than calling `signIn()` from next-auth/react, because `signIn()` throws on the
// 429 the sign-in route answers when there were too many failures, and the user must see that message.
export type CredentialsSignInResult = { ok: true } | { ok: false; message: string };

export const INVALID_CREDENTIALS = 'Email or password is incorrect.';

function tooManyMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many failed sign-ins. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

export async function signInWithCredentials({
  email,
  password,
  callbackUrl,
}: {
  email: string;
  password: string;
  callbackUrl: string;
}): Promise<CredentialsSignInResult> {
  try {
    const csrf = (await (await fetch('/api/auth/csrf', { credentials: 'same-origin' })).json()) as { csrfToken?: unknown };
    if (typeof csrf.csrfToken !== 'string') return { ok: false, message: 'Could not start signing in. Reload the page and try again.' };
    const response = await fetch('/api/auth/callback/credentials', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, callbackUrl, json: 'true' }),
    });
    if (response.status === 429) {
      return { ok: false, message: tooManyMessage(Number(response.headers.get('retry-after') ?? '900')) };
    }
    const body = (await response.json().catch(() => ({}))) as { url?: unknown };
    const url = typeof body.url === 'string' ? new URL(body.url, window.location.origin) : null;
    const error = url?.searchParams.get('error');
    if (response.status === 401 || error === 'CredentialsSignin') return { ok: false, message: INVALID_CREDENTIALS };
    if (!response.ok || error || !url || url.searchParams.has('csrf')) {
      return { ok: false, message: 'Signing in did not work. Reload the page and try again.' };
    }
    // The session cookie is set now; confirm it before leaving the page.
    const session = (await (await fetch('/api/auth/session', { credentials: 'same-origin' })).json()) as { user?: unknown };
    return session.user ? { ok: true } : { ok: false, message: 'Signing in did not work. Check that cookies are allowed for this site.' };
  } catch {
    return { ok: false, message: 'Could not reach Cruxmap. Check your connection and try again.' };
  }
}
