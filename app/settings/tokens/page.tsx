// The signed-in user's API tokens: create one (shown once), see when each was last used, revoke.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { CreateTokenForm } from './_components/create-token-form';
import { RevokeTokenButton } from './_components/revoke-token-button';
import { formatDate, formatDateTime, isoString } from '@/app/_components/format';
import { listApiTokens } from '@/lib/auth/api-token-queries';
import type { ApiTokenDto } from '@/lib/auth/api-tokens';
import { getSessionUser } from '@/lib/auth/viewer';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens' };

function tokenStatus(token: ApiTokenDto, now: Date): { label: string; isActive: boolean } {
  if (token.revokedAt) return { label: `Revoked ${formatDate(token.revokedAt)}`, isActive: false };
  if (token.expiresAt && token.expiresAt <= now) return { label: 'Expired', isActive: false };
  return { label: 'Active', isActive: true };
}

/** This site's address as the browser reached it, for the curl example. */
async function siteOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? 'http';
  return `${proto}://${host}`;
}

export default async function TokensPage() {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in?callbackUrl=%2Fsettings%2Ftokens');
  const tokens = await listApiTokens({ userId: user.id });
  const origin = await siteOrigin();
  const now = new Date();

  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
      <p className="mt-1 text-stone-600">
        A token lets a script or another program use the Cruxmap API as you, with your access to your workspaces. Keep
        tokens secret; revoke one you no longer use or may have leaked.
      </p>

      <section aria-labelledby="create-token-heading" className="mt-6 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="create-token-heading" className="text-lg font-medium">
          Create a token
        </h2>
        <div className="mt-4">
          <CreateTokenForm origin={origin} />
        </div>
      </section>

      <section aria-labelledby="usage-heading" className="mt-6 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="usage-heading" className="text-lg font-medium">
          Using a token
        </h2>
        <p className="mt-2 text-sm text-stone-700">Send it in the Authorization header:</p>
        <pre className="mt-2 overflow-x-auto rounded-md bg-stone-900 p-3 text-sm text-stone-100 focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0}>
          <code>{`curl -H "Authorization: Bearer <token>" ${origin}/api/v1/workspaces`}</code>
        </pre>
      </section>

      <section aria-labelledby="tokens-heading" className="mt-6 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="tokens-heading" className="text-lg font-medium">
          Your tokens
        </h2>
        {tokens.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">You have no API tokens.</p>
        ) : (
          <div className="-mx-5 mt-3 overflow-x-auto px-5 sm:-mx-6 sm:px-6">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <caption className="sr-only">Your API tokens, newest first</caption>
              <thead className="border-b border-stone-200 text-xs tracking-wide text-stone-500 uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">Name</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Token</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Created</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Last used</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Expires</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Status</th>
                  <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {tokens.map((token) => {
                  const status = tokenStatus(token, now);
                  return (
                    <tr key={token.id} className="align-top">
                      <td className="py-3 pr-3 font-medium">{token.name}</td>
                      <td className="py-3 pr-3 font-mono text-xs">{token.prefix}…</td>
                      <td className="py-3 pr-3">
                        <time dateTime={isoString(token.createdAt)}>{formatDate(token.createdAt)}</time>
                      </td>
                      <td className="py-3 pr-3">
                        {token.lastUsedAt ? <time dateTime={isoString(token.lastUsedAt)}>{formatDateTime(token.lastUsedAt)}</time> : 'never'}
                      </td>
                      <td className="py-3 pr-3">
                        {token.expiresAt ? <time dateTime={isoString(token.expiresAt)}>{formatDate(token.expiresAt)}</time> : 'never'}
                      </td>
                      <td className="py-3 pr-3">
                        <span className={status.isActive ? 'text-emerald-800' : 'text-stone-500'}>{status.label}</span>
                      </td>
                      <td className="py-3">{status.isActive && <RevokeTokenButton tokenId={token.id} name={token.name} />}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
