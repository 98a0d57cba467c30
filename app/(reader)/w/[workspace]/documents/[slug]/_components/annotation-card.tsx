'use client';
// One annotation in the margin: kind, author, the claim and the kind's fields, the rationale, what the viewer may
// do with it (edit, delete, resolve, hide), everyone's credences and "Your credence" for claims, and the thread.
import { memo, useEffect, useId, useRef, useState } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, buttonStyles } from '@/app/_components/form-controls';
import { formatDate } from '@/app/_components/format';
import { useMentionNames } from '@/app/_components/mention-members';
import { RichTextView } from './lazy-rich-text-view';
import type { AnnotationDto, ClaimSummary } from '@/lib/annotations/types';
import { badgeClasses, badgeText, percent, plural, strengthLabels, styleOfAnnotation } from './annotation-format';
import { AnnotationEditForm } from './annotation-edit-form';
import { AnnotationThread } from './annotation-thread';
import { CredenceRater, CredenceSummary } from './credence';
import type { ReaderPaths } from './reader-api';
import { useCardNewness } from './new-marks-context';
import { isTypingTarget } from '@/app/_components/typing-target';

const smallButton = `${buttonStyles.link} text-sm font-medium`;

/** A request to bring a card forward: from a highlight (open its thread) or a credence chart (rate it). */
export type FocusRequest = { id: string; token: number; intent: 'thread' | 'rate' | 'focus' };

/** What a card tells the reader. */
export type CardCallbacks = {
  onShowInText: (id: string) => void;
  /** an annotation as the API just returned it (this one, or a rating made from it); `focusId`: the card acted in */
  onSaved: (annotation: AnnotationDto, focusId: string) => void;
  /** read one annotation again (its thread changed) */
  onReload: (id: string) => Promise<void>;
  onDeleted: (annotation: AnnotationDto) => void;
  onHover: (id: string | null) => void;
};

function Quote({ text }: { text: string }) {
  const short = text.length > 180 ? `${text.slice(0, 180).trimEnd()}…` : text;
  return <blockquote className="mt-2 border-l-2 border-stone-300 pl-2 font-serif text-sm text-stone-600 italic">{short}</blockquote>;
}

/** A claim's statement, linked to the claim's page (everything about it, across documents). */
function ClaimText({ statement, href }: { statement: string | undefined; href: string | null }) {
  const text = `“${statement ?? 'a claim'}”`;
  if (!href) return <span className="font-medium text-stone-900">{text}</span>;
  return (
    <a href={href} className="font-medium text-stone-900 underline decoration-stone-300 underline-offset-2 hover:decoration-stone-700" data-claim-link="">
      {text}
    </a>
  );
}

function KindFields({ annotation, claims, claimPage }: { annotation: AnnotationDto; claims: ReadonlyMap<string, ClaimSummary>; claimPage: (id: string) => string }) {
  // the page's claims first: they follow edits made in other cards
  const statement = (annotation.claimId ? claims.get(annotation.claimId)?.statement : undefined) ?? annotation.claim?.statement;
  const href = annotation.claimId ? claimPage(annotation.claimId) : null;
  switch (annotation.kind) {
    case 'claim':
      return (
        <p className="mt-1 text-sm">
          <ClaimText statement={statement} href={href} />
        </p>
      );
    case 'probability':
      return (
        <p className="mt-1 text-sm">
          <span className="mr-1 rounded bg-orange-100 px-1.5 py-0.5 font-semibold text-orange-950 tabular-nums">
            {annotation.probability ? percent(annotation.probability.value) : '?'}
          </span>
          that <ClaimText statement={statement} href={href} />
        </p>
      );
    case 'evidence': {
      const e = annotation.evidence;
      return (
        <div className="mt-1 space-y-1 text-sm">
          <p>
            {e?.stance === 'against' ? 'Against' : 'For'} <ClaimText statement={statement} href={href} />
          </p>
          <p className="text-stone-600">
            Strength: {e ? strengthLabels[e.strength] : '?'}
            {e?.source && (
              <>
                {' · '}
                <a href={e.source} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-blue-700 underline-offset-2 hover:underline">
                  source
                </a>
              </>
            )}
          </p>
        </div>
      );
    }
    case 'crux': {
      const c = annotation.crux;
      return (
        <p className="mt-1 text-sm">
          If <ClaimText statement={statement} href={href} /> is true, <ClaimText statement={(c ? claims.get(c.forClaimId)?.statement : undefined) ?? c?.forClaim.statement} href={c ? claimPage(c.forClaimId) : null} /> becomes{' '}
          <strong>{c?.direction === 'less' ? 'less' : 'more'} likely</strong>.
        </p>
      );
    }
  }
}

/** The second step of deleting, in place: the confirm button takes the focus, Cancel gives it back. */
function DeleteConfirm({ pending, onConfirm, onCancel }: { pending: boolean; onConfirm: () => Promise<void>; onCancel: () => void }) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <div role="group" aria-label="Delete this annotation?" className="mt-2 flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 px-2 py-1.5 text-sm">
      <span className="text-red-900">Delete? You can restore it for 30 days.</span>
      <button ref={confirmRef} type="button" className={`${buttonStyles.dangerSolid} min-h-8 px-3 py-1`} disabled={pending} onClick={() => void onConfirm()}>
        {pending ? 'Deleting…' : 'Delete'}
      </button>
      <button type="button" className={`${buttonStyles.secondary} min-h-8 px-3 py-1`} disabled={pending} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function AnnotationCardView({
  annotation,
  claims,
  paths,
  documentSlug,
  canAnnotate,
  focusRequest,
  isFocused,
  onShowInText,
  onSaved,
  onReload,
  onDeleted,
  onHover,
}: {
  annotation: AnnotationDto;
  claims: ReadonlyMap<string, ClaimSummary>;
  paths: ReaderPaths;
  documentSlug: string;
  canAnnotate: boolean;
  /** set only for this card's own requests */
  focusRequest: FocusRequest | null;
  isFocused: boolean;
} & CardCallbacks) {
  const a = annotation;
  const titleId = useId();
  const rootRef = useRef<HTMLElement>(null);
  const newness = useCardNewness(a.id);
  // a key on the focused card (not while typing) presses the action it names: t, d, r, i, o, h, Delete
  const onCardKey = (event: React.KeyboardEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.nativeEvent.isComposing || isTypingTarget(event.target)) return;
    const key = event.key === 'Backspace' ? 'Delete' : event.key;
    if (!/^(?:[tdrioh]|Delete)$/.test(key)) return;
    // the innermost card: a key inside a nested card is that card's
    if ((event.target as Element).closest('article[data-annotation-id]') !== event.currentTarget) return;
    const button = event.currentTarget.querySelector<HTMLButtonElement>(`[data-card-key="${key}"]:not(:disabled)`);
    if (!button) return;
    event.preventDefault();
    button.click();
  };
  const api = useApiCall();
  const mentionNames = useMentionNames();
  const [isThreadOpen, setThreadOpen] = useState(false);
  const [isRating, setRating] = useState(false);
  const [isEditing, setEditing] = useState(false);
  const [isConfirmingDelete, setConfirmingDelete] = useState(false);
  const claim = a.claimId ? claims.get(a.claimId) : undefined;
  const hasCredences = (a.kind === 'claim' || a.kind === 'probability') && claim !== undefined;
  const isOrphan = a.anchor.status === 'orphan';
  // owners and the author still see a hidden annotation's content
  const isHiddenFromMe = a.hidden && !a.can.hide && !a.can.edit;

  useEffect(() => {
    if (!focusRequest) return;
    if (focusRequest.intent === 'thread') setThreadOpen(true);
    if (focusRequest.intent === 'rate') setRating(true);
    const card = rootRef.current;
    if (!card) return;
    // Beside the text (wide screens): the least movement. Under the text (phones): the card at the top.
    const isBeside = window.matchMedia('(min-width: 1024px)').matches;
    const isCalm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    card.scrollIntoView({ block: isBeside ? 'nearest' : 'start', behavior: isCalm ? 'auto' : 'smooth' });
    if (focusRequest.intent !== 'rate') {
      card.focus({ preventScroll: true });
      return;
    }
    // An open rater takes the focus now; one that opens takes it as it mounts (autoFocus).
    const field = card.querySelector<HTMLInputElement>('[data-credence-rater] input[type="number"]');
    if (field) field.focus({ preventScroll: true });
    else if (!canAnnotate) card.focus({ preventScroll: true });
  }, [focusRequest, canAnnotate]);

  const patch = async (body: Record<string, unknown>) => {
    const result = await api.run<AnnotationDto>(paths.annotation(a.id), { method: 'PATCH', body });
    if (result.ok) onSaved(result.data, a.id);
  };

  return (
    <article
      ref={rootRef}
      id={`card-${a.id}`}
      tabIndex={-1}
      aria-labelledby={titleId}
      data-annotation-id={a.id}
      data-testid="annotation-card"
      onKeyDown={onCardKey}
      onMouseEnter={() => onHover(a.id)}
      onMouseLeave={() => onHover(null)}
      onClick={(event) => {
        // A click on the card itself (not a control in it, not while selecting its text) shows its highlight.
        const target = event.target as Element;
        if (isOrphan || target.closest('a, button, input, textarea, select, label, summary, [contenteditable], form')) return;
        if (!(window.getSelection()?.isCollapsed ?? true)) return;
        onShowInText(a.id);
      }}
      className={`scroll-mt-4 max-lg:scroll-mt-16 rounded-lg border bg-white p-3 shadow-xs transition-colors focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${
        isFocused ? 'border-blue-500 ring-1 ring-blue-300' : 'border-stone-200'
      } ${a.resolved ? 'opacity-90' : ''}`}
    >
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
        <span className={`rounded px-1.5 py-0.5 font-semibold ring-1 ${badgeClasses[styleOfAnnotation(a)]}`} data-hl-sample={styleOfAnnotation(a)}>
          {badgeText(a)}
        </span>
        <h3 id={titleId} className="font-semibold text-stone-800">
          <span className="sr-only">{badgeText(a)} by </span>
          {a.author.name}
        </h3>
        <time dateTime={a.createdAt} className="text-stone-500">
          {formatDate(a.createdAt)}
        </time>
        {a.version > 1 && <span className="text-stone-500">· edited</span>}
        {a.resolved && <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-900 ring-1 ring-emerald-200">resolved</span>}
        {a.hidden && <span className="rounded bg-stone-200 px-1.5 py-0.5 text-stone-700">hidden</span>}
        {a.anchor.status === 'reanchored' && <span className="text-stone-500" title="The text moved in a newer version; the annotation followed it.">· moved</span>}
        {(newness.isNew || newness.replies > 0) && (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 font-semibold text-amber-950 ring-1 ring-amber-300" data-testid="new-mark">
            {[newness.isNew ? 'New' : null, newness.replies > 0 ? plural(newness.replies, 'new reply', 'new replies') : null].filter(Boolean).join(' · ')}
          </span>
        )}
      </header>

      {isHiddenFromMe ? (
        <p className="mt-2 text-sm text-stone-500 italic">Hidden by a moderator.</p>
      ) : (
        <>
          <KindFields annotation={a} claims={claims} claimPage={paths.claimPage} />
          <Quote text={a.target.exact} />
          {a.body && !isEditing && <RichTextView mentionNames={mentionNames} doc={a.body} className="mt-2" />}
        </>
      )}

      {hasCredences && (
        <div className="mt-2">
          <CredenceSummary claim={claim} claimPath={paths.claim(claim.id)} />
        </div>
      )}

      {isEditing && (
        <AnnotationEditForm
          annotation={a}
          paths={paths}
          onCancel={() => setEditing(false)}
          onSaved={(updated) => {
            setEditing(false);
            onSaved(updated, a.id);
          }}
        />
      )}

      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
        {!isOrphan && (
          <button type="button" className={smallButton} data-card-key="t" aria-keyshortcuts="t" onClick={() => onShowInText(a.id)}>
            Show in text
          </button>
        )}
        <button type="button" className={smallButton} data-card-key="d" aria-keyshortcuts="d" aria-expanded={isThreadOpen} onClick={() => setThreadOpen((open) => !open)}>
          {isThreadOpen ? 'Hide discussion' : a.replyCount > 0 ? `Discussion (${a.replyCount})` : canAnnotate && a.can.reply ? 'Reply' : 'Discussion'}
        </button>
        {hasCredences && canAnnotate && claim && (
          <button type="button" className={smallButton} data-card-key="r" aria-keyshortcuts="r" aria-expanded={isRating} onClick={() => setRating((open) => !open)}>
            {claim.myCredence === null ? 'Rate' : `Your credence ${percent(claim.myCredence)}`}
          </button>
        )}
        {a.can.edit && !isEditing && (
          <button type="button" className={smallButton} data-card-key="i" aria-keyshortcuts="i" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        {a.can.resolve && (
          <button type="button" className={smallButton} data-card-key="o" aria-keyshortcuts="o" disabled={api.pending} onClick={() => void patch({ resolved: !a.resolved })}>
            {a.resolved ? 'Reopen' : 'Resolve'}
          </button>
        )}
        {a.can.hide && (
          <button type="button" className={smallButton} data-card-key="h" aria-keyshortcuts="h" disabled={api.pending} onClick={() => void patch({ hidden: !a.hidden })}>
            {a.hidden ? 'Unhide' : 'Hide'}
          </button>
        )}
        {a.can.delete && !isConfirmingDelete && (
          <button type="button" className={`${smallButton} text-red-800`} data-card-key="Delete" aria-keyshortcuts="Delete" onClick={() => setConfirmingDelete(true)}>
            Delete
          </button>
        )}
      </div>
      {isConfirmingDelete && (
        <DeleteConfirm
          pending={api.pending}
          onCancel={() => setConfirmingDelete(false)}
          onConfirm={async () => {
            const result = await api.run<AnnotationDto>(paths.annotation(a.id), { method: 'DELETE' });
            setConfirmingDelete(false);
            if (result.ok) onDeleted(result.data);
          }}
        />
      )}
      <FormError error={api.error} />

      {isRating && claim && canAnnotate && (
        <div className="mt-2">
          <CredenceRater
            claim={claim}
            annotationsPath={paths.annotations}
            documentSlug={documentSlug}
            autoFocus={focusRequest?.intent === 'rate'}
            onSaved={(rating) => onSaved(rating, a.id)}
          />
        </div>
      )}

      {isThreadOpen && (
        <AnnotationThread
          annotationId={a.id}
          replyCount={a.replyCount}
          paths={paths}
          canReply={canAnnotate && a.can.reply}
          isResolved={a.resolved}
          onChanged={() => void onReload(a.id)}
        />
      )}
      {!isThreadOpen && a.replyCount > 0 && <p className="sr-only">{plural(a.replyCount, 'reply', 'replies')}</p>}
    </article>
  );
}

export const AnnotationCard = memo(AnnotationCardView);
