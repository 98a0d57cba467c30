// The members of a workspace (members see it; owners get controls), and for owners: invite links, adding an
// existing account by email, and the list of invites.
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ForbiddenNotice } from '../_components/forbidden-notice';
import { loadForPage, signedInContext } from '../_components/workspace-access';
import { WorkspaceNav } from '../_components/workspace-nav';
import { AddMemberForm } from './_components/add-member-form';
import { InviteLinkForm } from './_components/invite-link-form';
import { LeaveWorkspaceButton, MemberRoleForm, RemoveMemberButton } from './_components/member-controls';
import { RevokeInviteButton } from './_components/revoke-invite-button';
import { formatDate, formatDateTime, isoString, roleLabels } from '@/app/_components/format';
import { listInvites, listMembers, type InviteDto } from '@/lib/workspaces/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Members' };

type Props = { params: Promise<{ workspace: string }> };

const statusLabels: Record<InviteDto['status'], string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked', used_up: 'Used up', declined: 'Declined' };
const statusStyles: Record<InviteDto['status'], string> = {
  active: 'bg-emerald-100 text-emerald-900',
  expired: 'bg-stone-200 text-stone-700',
  revoked: 'bg-red-100 text-red-900',
  used_up: 'bg-stone-200 text-stone-700',
  declined: 'bg-amber-100 text-amber-900',
};

function usesText(invite: InviteDto): string {
  if (invite.maxUses === null) return `${invite.uses} (no limit)`;
  return `${invite.uses} of ${invite.maxUses}`;
}

function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
      <h2 id={id} className="text-lg font-medium">
        {title}
      </h2>
      {intro && <p className="mt-1 text-sm text-stone-600">{intro}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

export default async function MembersPage({ params }: Props) {
  const { workspace } = await params;
  const ctx = await signedInContext(workspace, `/w/${workspace}/members`);
  const { role, workspace: ws } = ctx;
  const loaded = await loadForPage(() => listMembers({ ctx }));
  if (loaded.forbidden !== undefined) return <ForbiddenNotice workspace={ws} role={role} current="members" message={loaded.forbidden} />;
  const members = loaded.value.items;
  // owners manage membership: role controls, removal, invites
  const isOwner = ctx.can.changeRoles;
  const invites = ctx.can.listInvites ? await loadForPage(() => listInvites({ ctx })) : null;

  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <WorkspaceNav workspace={ws} role={role} current="members" />
      <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
      <p className="mt-1 text-sm text-stone-600">
        {members.length} {members.length === 1 ? 'member' : 'members'}.{' '}
        {isOwner ? 'Owners can change roles, remove people and invite new members.' : 'Owners manage who belongs to this workspace.'}
      </p>

      <ul aria-label="Members" className="mt-4 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {members.map((m) => {
          const isSelf = m.userId === ctx.userId;
          return (
            <li key={m.userId} className="flex flex-wrap items-start justify-between gap-3 px-4 py-4">
              <div className="min-w-0">
                <p className="font-medium text-stone-900">
                  {m.name}
                  {isSelf && <span className="ml-1 text-sm font-normal text-stone-500">(you)</span>}
                </p>
                {m.email && <p className="text-sm break-all text-stone-600">{m.email}</p>}
                <p className="mt-1 text-xs text-stone-500">
                  {!isOwner && <span className="font-medium text-stone-700">{roleLabels[m.role]} · </span>}
                  joined <time dateTime={isoString(m.joinedAt)}>{formatDate(m.joinedAt)}</time>
                </p>
              </div>
              <div className="flex flex-wrap items-start gap-2">
                {isOwner && <MemberRoleForm workspace={ws.slug} member={m} />}
                {isOwner && !isSelf && <RemoveMemberButton workspace={ws.slug} member={m} />}
                {isSelf && <LeaveWorkspaceButton workspace={ws.slug} userId={m.userId} workspaceName={ws.name} />}
              </div>
            </li>
          );
        })}
      </ul>

      {isOwner && (
        <>
          <Section id="invite-link-heading" title="Invite with a link" intro="Send the link to the people you want to invite. They sign in or create an account, then join.">
            <InviteLinkForm workspace={ws.slug} />
          </Section>

          <Section
            id="add-member-heading"
            title="Invite by email"
            intro="They accept or decline on their workspaces page once they sign in with this address (and by email, when this server sends mail). Nothing changes until they accept."
          >
            <AddMemberForm workspace={ws.slug} />
          </Section>

          <Section id="invites-heading" title="Invites">
            {invites?.forbidden !== undefined || !invites || invites.value.items.length === 0 ? (
              <p className="text-sm text-stone-600">No invites yet.</p>
            ) : (
              <div className="-mx-5 overflow-x-auto px-5 sm:-mx-6 sm:px-6">
                <table className="w-full min-w-[36rem] text-left text-sm">
                  <caption className="sr-only">Invite links and invitations by email, newest first</caption>
                  <thead className="border-b border-stone-200 text-xs tracking-wide text-stone-500 uppercase">
                    <tr>
                      <th scope="col" className="py-2 pr-3 font-medium">To</th>
                      <th scope="col" className="py-2 pr-3 font-medium">Role</th>
                      <th scope="col" className="py-2 pr-3 font-medium">Status</th>
                      <th scope="col" className="py-2 pr-3 font-medium">Uses</th>
                      <th scope="col" className="py-2 pr-3 font-medium">Expires</th>
                      <th scope="col" className="py-2 pr-3 font-medium">Created</th>
                      <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {invites.value.items.map((invite) => (
                      <tr key={invite.id} className="align-top">
                        <td className="py-3 pr-3 break-all">{invite.email ?? 'Link'}</td>
                        <td className="py-3 pr-3">{roleLabels[invite.role]}</td>
                        <td className="py-3 pr-3">
                          <span className={`rounded px-2 py-0.5 text-xs font-medium ${statusStyles[invite.status]}`}>{statusLabels[invite.status]}</span>
                        </td>
                        <td className="py-3 pr-3">{usesText(invite)}</td>
                        <td className="py-3 pr-3">
                          <time dateTime={isoString(invite.expiresAt)}>{formatDateTime(invite.expiresAt)}</time>
                        </td>
                        <td className="py-3 pr-3">
                          <time dateTime={isoString(invite.createdAt)}>{formatDate(invite.createdAt)}</time>
                        </td>
                        <td className="py-3">
                          {invite.status === 'active' && (
                            <RevokeInviteButton
                              workspace={ws.slug}
                              inviteId={invite.id}
                              description={
                                invite.email
                                  ? `invitation of ${invite.email} as ${roleLabels[invite.role].toLowerCase()}`
                                  : `${roleLabels[invite.role].toLowerCase()} invite link created ${formatDate(invite.createdAt)}`
                              }
                            />
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>
        </>
      )}
    </div>
  );
}
