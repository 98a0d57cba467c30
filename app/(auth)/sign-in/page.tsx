// Sign in with email and password (and GitHub/Google when configured); back to ?callbackUrl= afterwards.
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '../_components/auth-card';
import { authHref, safeCallbackUrl } from '../_components/callback-url';
import { INVALID_CREDENTIALS } from '../_components/credentials-sign-in';
import { OAuthButtons } from './_components/oauth-buttons';
import { SignInForm } from './_components/sign-in-form';
import { buttonStyles } from '@/app/_components/form-controls';
import { enabledOAuthProviders } from '@/lib/auth/options';
import { getSessionUser } from '@/lib/auth/viewer';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** next-auth sends OAuth failures back here as ?error=<code>. */
function errorMessage(code: string | undefined): string | null {
  switch (code) {
    case undefined:
    case '':
      return null;
    case 'CredentialsSignin':
      return INVALID_CREDENTIALS;
    case 'OAuthAccountNotLinked':
      return 'This email already belongs to an account that signs in another way. Sign in the way you did before.';
    case 'OAuthUnverifiedAccount':
      return 'An account with this email exists but its address is not verified, so it was not joined to this sign-in. Sign in with your password, verify your address or link the provider in your account settings.';
    case 'OAuthNoEmail':
      return 'Your provider did not confirm an email address, so no account could be found or made.';
    case 'AccessDenied':
      return 'Sign-in was refused. Your provider must confirm your email address.';
    default:
      return 'Signing in did not work. Try again.';
  }
}

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const error = errorMessage(Array.isArray(params.error) ? params.error[0] : params.error);
  return (
    <AuthCard title="Sign in" intro="Read and annotate with your workspaces.">
      <SignInForm callbackUrl={callbackUrl} initialError={error} />
      {enabledOAuthProviders.length > 0 && <OAuthButtons providers={enabledOAuthProviders} callbackUrl={callbackUrl} />}
      <div className="mt-8 border-t border-stone-200 pt-6 text-sm text-stone-700">
        <p>New to Cruxmap?</p>
        <Link href={authHref('/sign-up', callbackUrl)} className={`mt-2 w-full ${buttonStyles.secondary}`}>
          Create an account
        </Link>
      </div>
    </AuthCard>
  );
}
