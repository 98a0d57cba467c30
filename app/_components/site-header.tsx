// The header on every page: in a workspace, its search (link and `/`); signed out, a "Sign in" link; signed in, the
// inbox link with the unread count (live), the workspace switcher and the account menu.
import Link from 'next/link';
import { HeaderMenu, menuItemStyles } from './header-menu';
import { InboxLink } from './inbox-link';
import { SearchShortcut } from './search-shortcut';
import { SignInLink } from './sign-in-link';
import { SignOutButton } from './sign-out-button';
import { ThemeSwitch } from './theme-switch';
import { WorkspaceSwitcher } from './workspace-switcher';
import { getSessionUser } from '@/lib/auth/viewer';
import { unreadCount } from '@/lib/notifications/queries';
import type { Theme } from '@/lib/theme/theme';
import { listMyWorkspaces } from '@/lib/workspaces/queries';

export async function SiteHeader({ theme }: { theme: Theme | null }) {
  const user = await getSessionUser();
  const workspaces = user ? (await listMyWorkspaces({ userId: user.id })).items : [];
  const unread = user ? await unreadCount({ userId: user.id }) : 0;
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-2">
        <Link
          href="/"
          className="inline-flex min-h-11 shrink-0 items-center rounded text-lg font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          Cruxmap
        </Link>
        <div className="flex min-w-0 items-center justify-end gap-0.5 sm:gap-1">
        <SearchShortcut />
        <ThemeSwitch initial={theme} />
        {user ? (
          <div className="flex min-w-0 items-center justify-end gap-0.5 sm:gap-1">
            <InboxLink initialUnread={unread} />
            <WorkspaceSwitcher workspaces={workspaces.map(({ slug, name, role }) => ({ slug, name, role }))} />
            <HeaderMenu label={`Account: ${user.name}`} summary={user.name}>
              <p className="truncate px-4 pt-1 pb-2 text-xs text-stone-500">Signed in as {user.email}</p>
              <Link href="/settings/account" className={menuItemStyles}>
                Account
              </Link>
              <Link href="/settings/notifications" className={menuItemStyles}>
                Notifications
              </Link>
              <Link href="/settings/tokens" className={menuItemStyles}>
                API tokens
              </Link>
              <SignOutButton />
            </HeaderMenu>
          </div>
        ) : (
          <SignInLink />
        )}
        </div>
      </div>
    </header>
  );
}
