// GET /api/v1/notifications/unsubscribe?token= — the page a mail's unsubscribe link opens: one button (a GET changes
//   nothing, so link checkers in mail filters cannot unsubscribe anyone)
// POST /api/v1/notifications/unsubscribe?token= — RFC 8058 one-click unsubscribe (List-Unsubscribe-Post), and that
//   button: email notifications off for the account the signed token names; 400 for a token that does not open
import { z } from 'zod';
import { apiRoute } from '@/lib/api/handler';
import { openLink } from '@/lib/auth/sealed-links';
import { AppError } from '@/lib/errors';
import { turnEmailOff } from '@/lib/notifications/mutations';

const query = z.object({ token: z.string().min(1, 'is required').max(4096, 'is too long') });

const page = (title: string, body: string): Response =>
  new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title} · Cruxmap</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`,
    { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } },
  );

function userOf(token: string): string {
  const payload = openLink('unsubscribe', token);
  if (typeof payload?.u !== 'string') throw new AppError('BAD_REQUEST', 'This unsubscribe link is not valid (or has expired).', { fields: { token: ['is not valid'] } });
  return payload.u;
}

export const GET = apiRoute({ auth: 'none', query }, ({ query: { token } }) => {
  userOf(token);
  // the token is base64url: safe inside an attribute
  return Promise.resolve(page(
    'Stop notification mail?',
    `<p>Cruxmap will stop mailing you notifications. They stay in your inbox in the app.</p><form method="post" action="/api/v1/notifications/unsubscribe?token=${token}"><button type="submit">Stop notification mail</button></form>`,
  ));
});

export const POST = apiRoute({ auth: 'none', query }, async ({ query: { token } }) => {
  await turnEmailOff({ userId: userOf(token) });
  return page('Notification mail stopped', '<p>You will get no more notification mail. Change this any time in your notification settings.</p>');
});
