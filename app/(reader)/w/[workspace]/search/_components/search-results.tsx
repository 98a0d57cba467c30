'use client';
// The results: each with its kind, where it is and its snippet, the matched words in <mark> (segments from the
// API, rendered as text — never HTML); "Load more" fetches the next page with the cursor and appends it.
import Link from 'next/link';
import { useState } from 'react';
import { callApi } from '@/app/_components/api-client';
import type { SearchItem, SearchPage } from '@/lib/search/schemas';
import { resultHref, typeLabels } from './result-link';

const kindLabels: Record<string, string> = { claim: 'claim', evidence: 'evidence', crux: 'crux', probability: 'probability' };

export function SearchResults({ workspace, query, items: first, nextCursor: firstCursor }: { workspace: string; query: string; items: SearchItem[]; nextCursor: string | null }) {
  const [items, setItems] = useState(first);
  const [cursor, setCursor] = useState(firstCursor);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const loadMore = async () => {
    if (!cursor) return;
    setPending(true);
    setError(null);
    const result = await callApi<SearchPage>(`/api/v1/workspaces/${workspace}/search?${query}&cursor=${encodeURIComponent(cursor)}`, { method: 'GET' });
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setItems((before) => [...before, ...result.data.items]);
    setCursor(result.data.nextCursor);
  };

  return (
    <div>
      <ol className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Results">
        {items.map((item) => (
          <li key={`${item.type}:${item.id}`} className="px-4 py-3">
            <p className="text-xs text-stone-500">
              <span className="font-medium text-stone-700">{typeLabels[item.type]}</span>
              {item.kind && <> · {kindLabels[item.kind] ?? item.kind}</>}
              {item.document && <> · {item.document.title}</>}
            </p>
            <ResultLink
              href={resultHref(workspace, item)}
              className="mt-1 block rounded text-stone-900 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
            >
              {item.snippet.map((segment, i) =>
                segment.match ? (
                  <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-stone-900">
                    {segment.text}
                  </mark>
                ) : (
                  <span key={i}>{segment.text}</span>
                ),
              )}
            </ResultLink>
          </li>
        ))}
      </ol>
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      )}
      {cursor && (
        <button
          type="button"
          onClick={() => void loadMore()}
          disabled={pending}
          className="mt-4 rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-60"
        >
          {pending ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}

/** A passage opens by a whole-page load, so the browser itself scrolls to `#p-…` and marks it (`:target`, which a
 *  client-side navigation does not set); a claim's page opens client-side. */
function ResultLink({ href, className, children }: { href: string; className: string; children: React.ReactNode }) {
  return href.includes('#') ? (
    <a href={href} className={className}>
      {children}
    </a>
  ) : (
    <Link href={href} className={className}>
      {children}
    </Link>
  );
}
