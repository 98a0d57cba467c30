// The Cruxmap user id travels in the session JWT and on session.user.
import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    user?: { id?: string; name?: string | null; email?: string | null; image?: string | null };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    /** the user's session version at sign-in (lib/auth/session-version.ts) */
    sv?: number;
  }
}
