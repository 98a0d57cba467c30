// My notifications: newest first, from workspaces I may read now; each says what happened and links to it; mark
// one or all read. `?unread=1` lists only unread ones; `?cursor=` pages on.
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { InboxList } from './_components/inbox-list';
import { getSessionUser } from '@/lib/auth/viewer';
import { notificationSentence } from '@/lib/notifications/messages';
import { listNotifications } from '@/lib/notifications/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Inbox' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InboxPage({ searchParams }: Props) {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in?callbackUrl=%2Finbox');
  const params = await searchParams;
  const onlyUnread = params.unread === '1';
  const cursor = typeof params.cursor === 'string' && params.cursor.length <= 200 ? params.cursor : undefined;
  let page;
  try {
    page = await listNotifications({ userId: user.id, unread: onlyUnread, cursor });
  } catch {
    redirect(onlyUnread ? '/inbox?unread=1' : '/inbox'); // a cursor this page never gave
  }
  const items = page.items.map((n) => ({ id: n.id, href: n.href, sentence: notificationSentence({ ...n, subjectId: null }), workspace: n.workspace.name, createdAt: n.createdAt, isRead: n.readAt !== null }));
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Inbox</h1>
      <p className="mt-1 text-sm text-stone-600">
        Replies, mentions, rounds, claims you rated, invitations and assignments.{' '}
        <Link href="/settings/notifications" className="text-blue-700 underline">
          Notification settings
        </Link>
      </p>
      <nav aria-label="Which notifications" className="mt-4 flex gap-3 text-sm">
        <Link href="/inbox" aria-current={onlyUnread ? undefined : 'page'} className="rounded px-2 py-1 hover:bg-stone-100 aria-[current=page]:bg-stone-200 aria-[current=page]:font-medium">
          All
        </Link>
        <Link href="/inbox?unread=1" aria-current={onlyUnread ? 'page' : undefined} className="rounded px-2 py-1 hover:bg-stone-100 aria-[current=page]:bg-stone-200 aria-[current=page]:font-medium">
          Unread ({page.unread})
        </Link>
      </nav>
      <InboxList items={items} unread={page.unread} />
      {page.nextCursor ? (
        <p className="mt-6">
          <Link href={`/inbox?${onlyUnread ? 'unread=1&' : ''}cursor=${encodeURIComponent(page.nextCursor)}`} className="text-blue-700 underline">
            Older notifications
          </Link>
        </p>
      ) : null}
    </div>
  );
}
