// next-auth configuration: email and password (credentials, JWT sessions in httpOnly SameSite=Lax cookies,
// Secure when served over https), plus GitHub and Google when their environment variables are set. A session
// cookie carries the user's session version (./session-version.ts): an older one is no session at all.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { env } from '../env';
import { findSessionUser } from '../users/queries';
import { clientAddressOf } from '../server/client-address';
import { verifyCredentials } from './credentials';
import { userForOAuth } from './oauth-mutations';
import { authSecret } from './secret';
import { sessionVersionOf } from './session-version';

const oauthProviders = [
  env.GITHUB_ID && env.GITHUB_SECRET ? GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }) : null,
  env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
    ? GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET })
    : null,
].filter((p) => p !== null);

export const enabledOAuthProviders = oauthProviders.map((p) => ({ id: p.id, name: p.name }));

/** Why an OAuth sign-in was refused, as the sign-in (or, signed in, the account settings) page's `?error=` names it. */
const oauthRefusals = {
  unverified: 'OAuthUnverifiedAccount',
  taken: 'OAuthAccountTaken',
  no_email: 'OAuthNoEmail',
} as const;

/**
 * The options for one request. `signedInUserId`: the user whose valid session cookie came with an OAuth callback —
 * the provider is then linked to that account (settings' "Link GitHub"), whatever the emails say.
 */
export function authOptionsFor({ signedInUserId = null }: { signedInUserId?: string | null } = {}): NextAuthOptions {
  return {
    // Read on each request, not at import: `next build` imports this module without a data folder.
    get secret() {
      return authSecret();
    },
    session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, request) {
          const result = await verifyCredentials({
            email: credentials?.email,
            password: credentials?.password,
            ip: clientAddressOf(request.headers ?? {}),
          });
          return result.ok ? result.user : null;
        },
      }),
      ...oauthProviders,
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (!account || account.provider === 'credentials') return true;
        const verified = (profile as { email_verified?: boolean } | undefined)?.email_verified;
        const outcome = await userForOAuth({
          identity: { provider: account.provider, providerAccountId: account.providerAccountId, type: account.type },
          email: profile?.email && verified !== false ? profile.email : null,
          name: profile?.name ?? profile?.email ?? account.provider,
          signedInUserId,
        });
        if (!outcome.ok) return `${signedInUserId ? '/settings/account' : '/sign-in'}?error=${oauthRefusals[outcome.reason]}`;
        // next-auth hands this same account object to the jwt callback below.
        account.userId = outcome.userId;
        return true;
      },
      async jwt({ token, user, account }) {
        const signingInAs = account && account.provider !== 'credentials' ? account.userId : user?.id;
        if (signingInAs) {
          token.uid = signingInAs;
          token.sv = (await findSessionUser({ userId: signingInAs }))?.sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        if (!session.user || typeof token.uid !== 'string') return session;
        // A revoked session (an older session version) or a deleted user: no user id, so no one is signed in.
        const user = await findSessionUser({ userId: token.uid });
        if (user && user.sessionVersion === sessionVersionOf(token)) session.user.id = token.uid;
        return session;
      },
    },
    logger: {
      // next-auth's default logger can print request details; keep only codes and messages.
      error: (code) => console.error(`[auth] ${code}`),
      warn: (code) => console.warn(`[auth] ${code}`),
      debug: () => {},
    },
  };
}

export const authOptions: NextAuthOptions = authOptionsFor();
