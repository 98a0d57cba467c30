// GET/POST /api/auth/* — next-auth (sign in, sign out, session, CSRF token). Sign-in attempts over the
// limit are answered 429 with Retry-After before next-auth sees them.
import NextAuth from 'next-auth';
import { clientIp } from '@/lib/auth/credentials';
import { authOptions } from '@/lib/auth/options';
import { signInKeys } from '@/lib/auth/rate-limit';
import { retryAfterSeconds } from '@/lib/auth/rate-limit-queries';

const handler = NextAuth(authOptions) as (request: Request, context: unknown) => Promise<Response>;

async function emailOf(request: Request): Promise<string> {
  const type = request.headers.get('content-type') ?? '';
  try {
    if (type.includes('application/json')) {
      const body = (await request.clone().json()) as { email?: unknown };
      return typeof body.email === 'string' ? body.email : '';
    }
    const form = await request.clone().formData();
    const email = form.get('email');
    return typeof email === 'string' ? email : '';
  } catch {
    return '';
  }
}

export async function POST(request: Request, context: unknown): Promise<Response> {
  if (new URL(request.url).pathname.endsWith('/callback/credentials')) {
    const retryAfter = await retryAfterSeconds(signInKeys({ email: await emailOf(request), ip: clientIp(request.headers) }));
    if (retryAfter > 0) {
      return Response.json(
        { error: { code: 'TOO_MANY_REQUESTS', message: `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minutes.` } },
        { status: 429, headers: { 'Retry-After': String(retryAfter) } },
      );
    }
  }
  return handler(request, context);
}

export { handler as GET };
