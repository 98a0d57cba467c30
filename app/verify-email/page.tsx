// The link mailed to verify an address (lib/auth/account-mutations.ts): opening it marks the address verified.
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonStyles } from '@/app/_components/form-controls';
import { confirmEmailVerification } from '@/lib/auth/account-mutations';

export const dynamic = 'force-dynamic';
// The token is a secret: keep the page out of search engines and out of other sites' referrers.
export const metadata: Metadata = { title: 'Verify your email', robots: { index: false, follow: false }, referrer: 'no-referrer' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function VerifyEmailPage({ searchParams }: Props) {
  const token = (await searchParams).token;
  const verified = typeof token === 'string' ? await confirmEmailVerification({ token }) : null;
  return (
    <div className="mx-auto max-w-lg px-4 py-10 sm:py-16">
      <div className="rounded-lg border border-stone-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight">{verified ? 'Email address verified' : 'This link does not work'}</h1>
        <p className="mt-3 text-stone-700">
          {verified
            ? `${verified.email} is verified. Invitations sent to it now show on your workspaces page.`
            : 'It may have expired (links work for 24 hours) or be for an address your account no longer uses. Ask for a new one in your account settings.'}
        </p>
        <Link href={verified ? '/' : '/settings/account'} className={`mt-6 ${buttonStyles.primary}`}>
          {verified ? 'Go to your workspaces' : 'Account settings'}
        </Link>
      </div>
    </div>
  );
}
