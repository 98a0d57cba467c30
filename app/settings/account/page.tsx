// The signed-in person's account: their address and whether it is verified (with a button that mails the link),
// the sign-in providers linked to it (and buttons to link more, signed in: the way an unverified account gets one),
// changing the password, and signing out everywhere.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { ChangePasswordForm } from './_components/change-password-form';
import { LinkProviderButtons } from './_components/link-provider-buttons';
import { SignOutEverywhereButton } from './_components/sign-out-everywhere-button';
import { VerifyEmailButton } from './_components/verify-email-button';
import { enabledOAuthProviders } from '@/lib/auth/options';
import { getSessionUser } from '@/lib/auth/viewer';
import { isMailConfigured } from '@/lib/env';
import { getUserProfile } from '@/lib/users/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Account' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const linkErrors: Record<string, string> = {
  OAuthAccountTaken: 'That account at the provider is already linked to another Cruxmap account.',
  OAuthNoEmail: 'The provider did not confirm an email address.',
};

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-6 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
      <h2 id={id} className="text-lg font-medium">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

export default async function AccountPage({ searchParams }: Props) {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in?callbackUrl=%2Fsettings%2Faccount');
  const profile = await getUserProfile({ userId: user.id });
  const errorCode = (await searchParams).error;
  const linkError = typeof errorCode === 'string' ? (linkErrors[errorCode] ?? 'Linking did not work. Try again.') : null;
  const unlinked = enabledOAuthProviders.filter((p) => !profile.linkedProviders.includes(p.id));

  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Account</h1>

      <Section id="email-heading" title="Email address">
        <p className="break-all">
          {profile.email}{' '}
          <span className={`ml-1 rounded px-2 py-0.5 text-xs font-medium ${profile.emailVerified ? 'bg-emerald-100 text-emerald-900' : 'bg-amber-100 text-amber-900'}`}>
            {profile.emailVerified ? 'Verified' : 'Not verified'}
          </span>
        </p>
        {!profile.emailVerified &&
          (isMailConfigured() ? (
            <div className="mt-3">
              <p className="text-sm text-stone-600">
                Verify it to see invitations sent to it and to sign in with GitHub or Google by this address.
              </p>
              <VerifyEmailButton />
            </div>
          ) : (
            <p className="mt-2 text-sm text-stone-600">This server sends no mail, so addresses cannot be verified here.</p>
          ))}
      </Section>

      <Section id="providers-heading" title="Sign-in providers">
        {linkError && (
          <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            {linkError}
          </p>
        )}
        <p className="text-sm text-stone-700">
          {profile.linkedProviders.length > 0 ? `Linked: ${profile.linkedProviders.join(', ')}.` : 'No provider is linked: you sign in with your password.'}
        </p>
        {unlinked.length > 0 && <LinkProviderButtons providers={unlinked} />}
      </Section>

      <Section id="password-heading" title="Change password">
        <p className="mb-3 text-sm text-stone-600">Changing it signs you out everywhere, here too: you sign in again with the new one.</p>
        <ChangePasswordForm email={profile.email} />
      </Section>

      <Section id="sessions-heading" title="Sessions">
        <p className="mb-3 text-sm text-stone-600">
          Signs out every browser where you are signed in, this one too (a lost laptop, a shared computer). API tokens are not
          affected: revoke them under API tokens.
        </p>
        <SignOutEverywhereButton />
      </Section>
    </div>
  );
}
