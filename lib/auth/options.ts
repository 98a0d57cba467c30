// next-auth configuration: email and password (credentials, JWT sessions in httpOnly SameSite=Lax cookies,
// Secure when served over https), plus GitHub and Google when their environment variables are set.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { env } from '../env';
import { clientAddressOf } from '../server/client-address';
import { verifyCredentials } from './credentials';
import { userForOAuth } from './oauth-mutations';
import { authSecret } from './secret';

const oauthProviders = [
  env.GITHUB_ID && env.GITHUB_SECRET ? GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }) : null,
  env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
    ? GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET })
    : null,
].filter((p) => p !== null);

export const enabledOAuthProviders = oauthProviders.map((p) => ({ id: p.id, name: p.name }));

export const authOptions: NextAuthOptions = {
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
    signIn({ account, profile }) {
      if (!account || account.provider === 'credentials') return true;
      const verified = (profile as { email_verified?: boolean } | undefined)?.email_verified;
      return Boolean(profile?.email) && verified !== false;
    },
    async jwt({ token, user, account, profile }) {
      if (account && account.provider !== 'credentials' && profile?.email) {
        token.uid = await userForOAuth(account, profile.email, profile.name ?? profile.email);
      } else if (user) {
        token.uid = user.id;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === 'string') session.user.id = token.uid;
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
