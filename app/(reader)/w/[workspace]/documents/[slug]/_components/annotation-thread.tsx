'use client';
// The discussion under an annotation: replies threaded by parentId (oldest first), a rich-text editor to reply
// or answer a reply, and per-reply edit, delete/restore and hide as the API allows. Hidden replies read as
// "hidden by a moderator" to everyone who may not see them.
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { callApi, useApiCall, type ApiFailure } from '@/app/_components/api-client';
import { FormError, buttonStyles } from '@/app/_components/form-controls';
import { formatDateTime } from '@/app/_components/format';
import { RichTextEditor } from './lazy-rich-text-editor';
import { useMentionNames } from '@/app/_components/mention-members';
import { RichTextView } from './lazy-rich-text-view';
import type { ReplyDto } from '@/lib/annotations/types';
import { isEmptyRichText } from '@/lib/richtext/plain-text';
import type { RichTextDoc } from '@/lib/richtext/types';
import type { ReaderPaths } from './reader-api';

const smallButton = `${buttonStyles.link} text-xs font-medium`;
const MAX_INDENT = 4;
/** how often a thread's replies are read again after a failure that may pass, and the first wait (doubling) */
const RELOAD_RETRIES = 2;
const RELOAD_DELAY_MS = 500;

type Node = { reply: ReplyDto; children: Node[] };

function threadOf(replies: readonly ReplyDto[]): Node[] {
  const nodes = new Map(replies.map((reply) => [reply.id, { reply, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.reply.parentId ? nodes.get(node.reply.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function ReplyForm({
  label,
  submitLabel,
  initial = null,
  autoFocus = false,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  initial?: RichTextDoc | null;
  autoFocus?: boolean;
  onSubmit: (body: RichTextDoc) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const [body, setBody] = useState<RichTextDoc | null>(initial);
  const [pending, setPending] = useState(false);
  const isEmpty = !body || isEmptyRichText(body);
  const submit = async () => {
    if (isEmpty || pending || !body) return;
    setPending(true);
    const ok = await onSubmit(body);
    setPending(false);
    if (ok) setBody(null);
  };
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <RichTextEditor value={body} onChange={(doc) => setBody(doc)} label={label} placeholder={`${label}… (Mod-Enter sends)`} autoFocus={autoFocus} onSubmit={() => void submit()} onCancel={onCancel} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={`${buttonStyles.primary} min-h-8 px-3 py-1`} disabled={pending || isEmpty}>
          {pending ? 'Sending…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className={`${buttonStyles.secondary} min-h-8 px-3 py-1`} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function ReplyItem({
  node,
  depth,
  paths,
  annotationId,
  canReply,
  onChanged,
}: {
  node: Node;
  depth: number;
  paths: ReaderPaths;
  annotationId: string;
  canReply: boolean;
  onChanged: () => Promise<void>;
}) {
  const { reply } = node;
  const api = useApiCall();
  const mentionNames = useMentionNames();
  const [mode, setMode] = useState<'view' | 'reply' | 'edit'>('view');
  const [conflict, setConflict] = useState(false);
  const [version, setVersion] = useState(reply.version);
  useEffect(() => setVersion(reply.version), [reply.version]);

  const act = async (path: string, method: 'PATCH' | 'DELETE' | 'POST', body?: unknown) => {
    const result = await api.run<ReplyDto>(path, { method, body });
    if (result.ok) await onChanged();
    return result;
  };

  const isHiddenFromMe = reply.hidden && reply.body === null;
  return (
    <li className={depth > 0 && depth <= MAX_INDENT ? 'ml-3 border-l-2 border-stone-200 pl-3' : ''} data-testid="reply">
      <article aria-label={`Reply by ${reply.author.name}`} className="py-2">
        <p className="text-xs text-stone-600">
          <span className="font-semibold text-stone-800">{reply.author.name}</span> · <time dateTime={reply.createdAt}>{formatDateTime(reply.createdAt)}</time>
          {reply.version > 1 && ' · edited'}
          {reply.hidden && !isHiddenFromMe && <span className="ml-1 rounded bg-stone-200 px-1 text-stone-700">hidden</span>}
        </p>
        {reply.deleted ? (
          <p className="mt-1 text-sm text-stone-500 italic">This reply was deleted.</p>
        ) : isHiddenFromMe ? (
          <p className="mt-1 text-sm text-stone-500 italic">Hidden by a moderator.</p>
        ) : mode === 'edit' ? (
          <div className="mt-1 space-y-2">
            {conflict && (
              <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
                Someone changed this reply while you were editing. Their version is below your draft; save again to apply yours on top.
              </p>
            )}
            <ReplyForm
              label="Edit reply"
              submitLabel="Save reply"
              initial={reply.body}
              autoFocus
              onCancel={() => {
                setMode('view');
                setConflict(false);
              }}
              onSubmit={async (body) => {
                const result = await api.run<ReplyDto>(paths.reply(reply.id), { method: 'PATCH', body: { version, body } });
                if (result.ok) {
                  setMode('view');
                  setConflict(false);
                  await onChanged();
                  return true;
                }
                if (result.status === 409) {
                  const current = await callApi<{ items: ReplyDto[] }>(paths.replies(annotationId), { method: 'GET' });
                  const fresh = current.ok ? current.data.items.find((r) => r.id === reply.id) : undefined;
                  if (fresh) setVersion(fresh.version);
                  setConflict(true);
                  api.clearError();
                  await onChanged();
                }
                return false;
              }}
            />
            {conflict && (
              <div className="rounded border border-stone-200 bg-stone-50 p-2">
                <p className="text-xs font-semibold text-stone-600">Their version</p>
                <RichTextView mentionNames={mentionNames} doc={reply.body} />
              </div>
            )}
          </div>
        ) : (
          <RichTextView mentionNames={mentionNames} doc={reply.body} className="mt-1" />
        )}
        <div className="mt-1 flex flex-wrap gap-3">
          {canReply && reply.can.reply && !reply.deleted && mode === 'view' && (
            <button type="button" className={smallButton} onClick={() => setMode('reply')}>
              Reply
            </button>
          )}
          {reply.can.edit && !reply.deleted && mode === 'view' && !isHiddenFromMe && (
            <button type="button" className={smallButton} onClick={() => setMode('edit')}>
              Edit
            </button>
          )}
          {reply.can.delete && !reply.deleted && (
            <button type="button" className={smallButton} disabled={api.pending} onClick={() => void act(paths.reply(reply.id), 'DELETE')}>
              Delete
            </button>
          )}
          {reply.can.restore && reply.deleted && (
            <button type="button" className={smallButton} disabled={api.pending} onClick={() => void act(`${paths.reply(reply.id)}/restore`, 'POST')}>
              Restore
            </button>
          )}
          {reply.can.hide && !reply.deleted && (
            <button type="button" className={smallButton} disabled={api.pending} onClick={() => void act(paths.reply(reply.id), 'PATCH', { hidden: !reply.hidden })}>
              {reply.hidden ? 'Unhide' : 'Hide'}
            </button>
          )}
        </div>
        <FormError error={api.error} />
        {mode === 'reply' && (
          <div className="mt-2">
            <ReplyForm
              label={`Reply to ${reply.author.name}`}
              submitLabel="Send reply"
              autoFocus
              onCancel={() => setMode('view')}
              onSubmit={async (body) => {
                const result = await api.run<ReplyDto>(paths.replies(annotationId), { method: 'POST', body: { body, parentId: reply.id } });
                if (!result.ok) return false;
                setMode('view');
                await onChanged();
                return true;
              }}
            />
          </div>
        )}
      </article>
      {node.children.length > 0 && (
        <ol className="list-none">
          {node.children.map((child) => (
            <ReplyItem key={child.reply.id} node={child} depth={depth + 1} paths={paths} annotationId={annotationId} canReply={canReply} onChanged={onChanged} />
          ))}
        </ol>
      )}
    </li>
  );
}

export function AnnotationThread({
  annotationId,
  replyCount,
  paths,
  canReply,
  isResolved,
  onChanged,
}: {
  annotationId: string;
  replyCount: number;
  paths: ReaderPaths;
  canReply: boolean;
  isResolved: boolean;
  onChanged: () => void;
}) {
  const headingId = useId();
  const api = useApiCall();
  const post = useApiCall();
  const [replies, setReplies] = useState<ReplyDto[] | null>(null);
  /** why the replies could not be read, once reading them has given up */
  const [loadError, setLoadError] = useState<ApiFailure | null>(null);
  const load = useCallback(async () => {
    setLoadError(null);
    // a failure that may pass (no answer, or the server busy or restarting) is tried again after a moment, twice;
    // one that will not (403, 404) is shown at once, as is the third failure, with a button to try again
    for (let attempt = 0; ; attempt++) {
      const result = await api.run<{ items: ReplyDto[] }>(paths.replies(annotationId), { method: 'GET' });
      if (result.ok) {
        setReplies(result.data.items);
        return;
      }
      const passing = result.status === 0 || result.status === 429 || result.status >= 500;
      if (!passing || attempt >= RELOAD_RETRIES) {
        setLoadError(result);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, RELOAD_DELAY_MS * 2 ** attempt));
    }
  }, [api.run, paths, annotationId]);

  useEffect(() => {
    void load();
    // the thread reloads when the annotation's reply count changes (someone replied)
  }, [load, replyCount]);

  const changed = useCallback(async () => {
    await load();
    onChanged();
  }, [load, onChanged]);

  const roots = useMemo(() => (replies ? threadOf(replies) : []), [replies]);
  return (
    <section aria-labelledby={headingId} className="mt-3 border-t border-stone-200 pt-2" data-testid="thread">
      <h4 id={headingId} className="text-xs font-semibold tracking-wide text-stone-500 uppercase">
        Discussion{isResolved ? ' · resolved' : ''}
      </h4>
      {replies === null ? (
        loadError ? (
          <div>
            <FormError error={loadError} />
            <button type="button" className={smallButton} onClick={() => void load()}>
              Try again
            </button>
          </div>
        ) : (
          <p className="text-sm text-stone-500">Loading replies…</p>
        )
      ) : roots.length === 0 ? (
        <p className="mt-1 text-sm text-stone-500">No replies yet.</p>
      ) : (
        <ol className="list-none">
          {roots.map((node) => (
            <ReplyItem key={node.reply.id} node={node} depth={0} paths={paths} annotationId={annotationId} canReply={canReply} onChanged={changed} />
          ))}
        </ol>
      )}
      {canReply && (
        <div className="mt-2">
          <FormError error={post.error} shownFields={[]} />
          <ReplyForm
            label="Reply"
            submitLabel="Send reply"
            onSubmit={async (body) => {
              const result = await post.run<ReplyDto>(paths.replies(annotationId), { method: 'POST', body: { body } });
              if (!result.ok) return false;
              await changed();
              return true;
            }}
          />
        </div>
      )}
    </section>
  );
}
