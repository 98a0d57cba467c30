// The link mailed to finish a sign-up (lib/auth/sign-up-mutations.ts): opening it creates the account, its address
// verified; then sign in.
import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '../../_components/auth-card';
import { buttonStyles } from '@/app/_components/form-controls';
import { confirmSignUp } from '@/lib/auth/sign-up-mutations';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Finish signing up', robots: { index: false, follow: false }, referrer: 'no-referrer' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ConfirmSignUpPage({ searchParams }: Props) {
  const token = (await searchParams).token;
  const confirmed = typeof token === 'string' ? await confirmSignUp({ token }) : null;
  if (!confirmed) {
    return (
      <AuthCard title="This link does not work" intro="It may have expired: links work for 24 hours. Sign up again to get a new one.">
        <Link href="/sign-up" className={`w-full ${buttonStyles.primary}`}>
          Sign up
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Your account is ready" intro={`Sign in as ${confirmed.email} with the password you chose.`}>
      <Link href="/sign-in" className={`w-full ${buttonStyles.primary}`}>
        Sign in
      </Link>
    </AuthCard>
  );
}
