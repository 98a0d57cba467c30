// A claim's page: its statement (reworded in place by its creator or an owner, with history), where it is
// anchored, the credences now and over time (rounds marked), the strongest evidence each way, its cruxes both
// ways, the discussion, and "rate it" in place. A merged claim leads to the claim it went into. One query.
import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { RichTextView } from '@/app/_components/rich-text-view';
import { formatDateTime } from '@/app/_components/format';
import { getClaimPage } from '@/lib/claims/claim-page-queries';
import type { MentionNames } from '@/lib/richtext/mentions';
import { listMembers } from '@/lib/workspaces/queries';
import type { ClaimAnchorDto, ClaimCruxDto, ClaimEvidenceDto, ClaimPageDto } from '@/lib/claims/types';
import { loadForPage, readableContext } from '../../_components/workspace-access';
import { ClaimConditionals } from './_components/claim-conditionals';
import { CredenceHistory } from './_components/credence-history';
import { CredenceNow } from './_components/credence-now';
import { MergeControls, UnmergeButton } from './_components/merge-controls';
import { RateClaim } from './_components/rate-claim';
import { StatementEditor } from './_components/statement-editor';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ workspace: string; claimId: string }> };

const load = cache(async (workspace: string, claimId: string) => {
  const ctx = await readableContext(workspace);
  const loaded = await loadForPage(() => getClaimPage({ ctx, id: claimId }));
  if (loaded.forbidden !== undefined) throw new Error(loaded.forbidden); // reading never needs more than `read`
  return { claim: loaded.value, workspace: ctx.workspace, isSignedIn: ctx.userId !== null, isMember: ctx.role !== null, ctx };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspace, claimId } = await params;
  const { claim } = await load(workspace, claimId);
  return { title: `Claim · ${claim.statement.slice(0, 80)}` };
}

/** Anchors on the same words of the same document (a claim and the ratings that sit on its text) shown once. */
function anchorGroups(anchors: ClaimAnchorDto[]): [ClaimAnchorDto, ...ClaimAnchorDto[]][] {
  const groups = new Map<string, [ClaimAnchorDto, ...ClaimAnchorDto[]]>();
  for (const a of anchors) {
    const key = `${a.documentId}:${a.start}:${a.end}`;
    const group = groups.get(key);
    if (group) group.push(a);
    else groups.set(key, [a]);
  }
  return [...groups.values()];
}

const more = (shown: number, total: number, what: string) =>
  total > shown ? <p className="mt-2 text-sm text-stone-500">Showing {shown} of {total} {what}.</p> : null;

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-lg font-semibold text-stone-900">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

function EvidenceList({
  items,
  total,
  stance,
  readerHref,
  mentionNames,
}: {
  items: ClaimEvidenceDto[];
  total: number;
  stance: 'for' | 'against';
  readerHref: (slug: string, passageId: string | null) => string;
  mentionNames: MentionNames;
}) {
  const title = stance === 'for' ? 'Evidence for' : 'Evidence against';
  return (
    <div data-testid={`evidence-${stance}`}>
      <h3 className="font-medium text-stone-800">
        {title} <span className="text-sm font-normal text-stone-500">({total})</span>
      </h3>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-stone-500">None yet.</p>
      ) : (
        <ol className="mt-2 space-y-3">
          {items.map((e) => (
            <li key={e.annotationId} className={`rounded-md border bg-white p-3 ${stance === 'for' ? 'border-emerald-200' : 'border-rose-200'}`}>
              <p className="text-xs text-stone-500">
                <span className="font-medium text-stone-700">{'●'.repeat(e.strength)}{'○'.repeat(3 - e.strength)}</span>{' '}
                <span className="sr-only">strength {e.strength} of 3,</span> {e.author.name} · {formatDateTime(e.createdAt)}
              </p>
              <blockquote className="mt-1 border-l-2 border-stone-300 pl-2 text-sm text-stone-700">
                <Link href={readerHref(e.documentSlug, e.passageId)} className="hover:underline">
                  “{e.quote.length > 280 ? `${e.quote.slice(0, 280)}…` : e.quote}”
                </Link>
                <span className="text-stone-500"> — {e.documentTitle}</span>
              </blockquote>
              {e.body ? <RichTextView doc={e.body} className="mt-2" mentionNames={mentionNames} /> : null}
              {e.source ? (
                <p className="mt-1 text-sm">
                  Source:{' '}
                  <a href={e.source} className="break-all text-blue-700 underline" rel="noopener noreferrer nofollow" target="_blank">
                    {e.source}
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {more(items.length, total, 'pieces of evidence')}
    </div>
  );
}

function CruxList({ items, total, base, hingesOn, testId }: { items: ClaimCruxDto[]; total: number; base: string; hingesOn: boolean; testId: string }) {
  if (items.length === 0) return <p className="text-sm text-stone-500" data-testid={testId}>None marked yet.</p>;
  return (
    <>
      <ul className="space-y-2" data-testid={testId}>
        {items.map((c) => (
          <li key={`${c.claim.id}-${c.direction}`} className="rounded-md border border-stone-200 bg-white p-3 text-sm">
            <Link href={`${base}/claims/${c.claim.id}`} className="font-medium text-blue-700 underline">
              {c.claim.statement}
            </Link>
            <p className="mt-1 text-stone-600">
              {hingesOn
                ? `If it is true, this claim becomes ${c.direction} likely`
                : `If this claim is true, it becomes ${c.direction} likely`}{' '}
              · marked by {c.reviewers} {c.reviewers === 1 ? 'reviewer' : 'reviewers'}
            </p>
          </li>
        ))}
      </ul>
      {more(items.length, total, 'cruxes')}
    </>
  );
}

export default async function ClaimPage({ params }: Props) {
  const { workspace: workspaceRef, claimId } = await params;
  const { claim, workspace, isSignedIn, isMember, ctx } = await load(workspaceRef, claimId);
  // mentions read as the member's current name, as on the reading page (to those who may list the members)
  const mentionNames: MentionNames = ctx.can.listMembers && ctx.userId ? new Map((await listMembers({ ctx })).items.map((m) => [m.userId, m.name])) : null;
  const base = `/w/${workspace.slug}`;
  const readerHref = (slug: string, passageId: string | null) => `${base}/documents/${slug}${passageId ? `#p-${passageId}` : ''}`;
  const c: ClaimPageDto = claim;
  return (
    <div className="mx-auto max-w-5xl px-4 py-6">
      <Link href={base} className="text-sm text-blue-700 underline">
        ← {workspace.name}
      </Link>
      {c.mergedInto && c.mergedIntoClaim ? (
        <div role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="merged-notice">
          <p>
            This claim was merged{c.mergedAt ? ` on ${formatDateTime(c.mergedAt)}` : ''} into{' '}
            <Link href={`${base}/claims/${c.mergedInto}`} className="font-medium text-blue-800 underline">
              “{c.mergedIntoClaim.statement}”
            </Link>
            : its annotations, evidence, cruxes and ratings are there now.
          </p>
          {c.can.unmerge ? <UnmergeButton apiBase={`/api/v1/workspaces/${workspace.slug}/claims/${c.id}`} /> : null}
        </div>
      ) : null}

      <p className="mt-4 text-xs font-semibold tracking-wide text-stone-500 uppercase">Claim</p>
      <StatementEditor
        apiPath={`/api/v1/workspaces/${workspace.slug}/claims/${c.id}`}
        statement={c.statement}
        version={c.version}
        canEdit={c.can.edit}
      />
      <p className="mt-1 text-sm text-stone-600">
        Made by {c.createdBy.name} on {formatDateTime(c.createdAt)} · {c.counts.annotations} {c.counts.annotations === 1 ? 'annotation' : 'annotations'} ·{' '}
        {c.counts.credences} {c.counts.credences === 1 ? 'rating' : 'ratings'}
      </p>
      {c.statementHistory.length > 1 ? (
        <details className="mt-2 text-sm" data-testid="statement-history">
          <summary className="cursor-pointer text-stone-700">Statement history ({c.statementHistory.length} versions)</summary>
          <ol className="mt-2 space-y-1 pl-4">
            {c.statementHistory.map((h, i) => (
              <li key={`${h.createdAt}-${i}`} className="text-stone-700">
                <span className="text-stone-500">{formatDateTime(h.createdAt)}{h.editedBy ? `, ${h.editedBy.name}` : ''}:</span> {h.statement}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {!c.mergedInto && c.can.merge ? (
        <MergeControls workspaceSlug={workspace.slug} claimId={c.id} statement={c.statement} />
      ) : null}

      {c.mergedInto ? null : (
        <ClaimBody claim={c} base={base} readerHref={readerHref} apiBase={`/api/v1/workspaces/${workspace.slug}`} isSignedIn={isSignedIn} isMember={isMember} mentionNames={mentionNames} />
      )}
    </div>
  );
}

/** Everything under the statement; a merged claim has none of it left (it is on the claim it went into). */
function ClaimBody({
  claim: c,
  base,
  readerHref,
  apiBase,
  isSignedIn,
  isMember,
  mentionNames,
}: {
  claim: ClaimPageDto;
  base: string;
  readerHref: (slug: string, passageId: string | null) => string;
  apiBase: string;
  isSignedIn: boolean;
  isMember: boolean;
  mentionNames: MentionNames;
}) {
  return (
    <>
      <Section id="anchored" title="Where it is anchored">
        {c.anchors.length === 0 ? (
          <p className="text-sm text-stone-500">Not anchored on any passage.</p>
        ) : (
          <ul className="space-y-2" data-testid="anchors">
            {anchorGroups(c.anchors).map(([first, ...rest]) => (
              <li key={first.annotationId} className="rounded-md border border-stone-200 bg-white p-3 text-sm">
                <Link href={readerHref(first.documentSlug, first.passageId)} className="text-stone-800 hover:underline">
                  “{first.quote.length > 280 ? `${first.quote.slice(0, 280)}…` : first.quote}”
                </Link>
                <p className="mt-1 text-xs text-stone-500">
                  {first.documentTitle} · {[first, ...rest].map((a) => `${a.kind} by ${a.author.name}`).join(', ')}
                </p>
              </li>
            ))}
          </ul>
        )}
        {more(c.anchors.length, c.anchorCount, 'anchors')}
      </Section>

      <Section id="now" title="What reviewers think now">
        <CredenceNow claim={c} />
        {c.can.rate ? (
          <RateClaim apiPath={`${apiBase}/annotations`} claimId={c.id} myCredence={c.myCredence} />
        ) : !isSignedIn ? (
          <p className="mt-3 text-sm text-stone-600">
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`${base}/claims/${c.id}`)}`} className="text-blue-700 underline">
              Sign in
            </Link>{' '}
            to rate this claim.
          </p>
        ) : !isMember ? null : (
          <p className="mt-3 text-sm text-stone-600">Observers cannot rate claims; an owner can make you a reviewer.</p>
        )}
      </Section>

      <Section id="history" title="How it changed over time">
        <CredenceHistory claim={c} />
      </Section>

      <Section id="evidence" title="The strongest evidence">
        <div className="grid gap-6 md:grid-cols-2">
          <EvidenceList items={c.evidence.for} total={c.counts.evidenceFor} stance="for" readerHref={readerHref} mentionNames={mentionNames} />
          <EvidenceList items={c.evidence.against} total={c.counts.evidenceAgainst} stance="against" readerHref={readerHref} mentionNames={mentionNames} />
        </div>
      </Section>

      <Section id="cruxes" title="Cruxes">
        <div className="grid gap-6 md:grid-cols-2">
          <div>
            <h3 className="font-medium text-stone-800">It hinges on</h3>
            <div className="mt-2">
              <CruxList items={c.hingesOn} total={c.counts.hingesOn} base={base} hingesOn testId="hinges-on" />
            </div>
          </div>
          <div>
            <h3 className="font-medium text-stone-800">What hinges on it</h3>
            <div className="mt-2">
              <CruxList items={c.hingedOnBy} total={c.counts.hingedOnBy} base={base} hingesOn={false} testId="hinged-on-by" />
            </div>
          </div>
        </div>
      </Section>

      {c.can.rate && c.counts.hingesOn + c.counts.hingedOnBy > 0 ? (
        <Section id="conditionals" title="Your conditional credences">
          <p className="mb-3 max-w-3xl text-sm text-stone-600">
            For each crux link, how likely you would find C if you learned K is true, and if you learned it is false. From these and your credence in K, the map computes how far
            learning K would move you on C (the expected shift) and which question would most narrow a disagreement.
          </p>
          <ClaimConditionals apiBase={apiBase} claim={{ id: c.id, statement: c.statement, myCredence: c.myCredence, values: c.credences.map((x) => x.value) }} />
        </Section>
      ) : null}

      <Section id="discussion" title="Discussion">
        {c.discussion.length === 0 ? (
          <p className="text-sm text-stone-500">No replies yet. Replies under this claim’s annotations appear here.</p>
        ) : (
          <ol className="space-y-3" data-testid="discussion">
            {c.discussion.map((r) => (
              <li key={r.id} className={`rounded-md border border-stone-200 bg-white p-3 ${r.parentId ? 'ml-6' : ''}`}>
                <p className="text-xs text-stone-500">
                  {r.author.name} · {formatDateTime(r.createdAt)} · on {r.annotationKind === 'evidence' ? 'an' : 'a'} {r.annotationKind} annotation in{' '}
                  <Link href={`${base}/documents/${r.documentSlug}`} className="text-blue-700 underline">
                    {r.documentSlug}
                  </Link>
                </p>
                {r.body ? <RichTextView doc={r.body} className="mt-1" mentionNames={mentionNames} /> : <p className="mt-1 text-sm">{r.bodyText}</p>}
              </li>
            ))}
          </ol>
        )}
        {more(c.discussion.length, c.counts.replies, 'replies')}
      </Section>
    </>
  );
}
