// Create an account (name, email, password), then sign in and go on to ?callbackUrl=.
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '../_components/auth-card';
import { authHref, safeCallbackUrl } from '../_components/callback-url';
import { SignUpForm } from './_components/sign-up-form';
import { buttonStyles } from '@/app/_components/form-controls';
import { getSessionUser } from '@/lib/auth/viewer';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Create an account' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <AuthCard title="Create an account" intro="Your name is shown to the members of workspaces you join.">
      <SignUpForm callbackUrl={callbackUrl} />
      <div className="mt-8 border-t border-stone-200 pt-6 text-sm text-stone-700">
        <p>Already have an account?</p>
        <Link href={authHref('/sign-in', callbackUrl)} className={`mt-2 w-full ${buttonStyles.secondary}`}>
          Sign in
        </Link>
      </div>
    </AuthCard>
  );
}
