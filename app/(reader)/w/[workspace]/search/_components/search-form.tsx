'use client';
// The search box: a plain GET form (it works without JavaScript), focused on arrival; a query over the limit is
// said where it is typed and not sent, never cut.
import { useState } from 'react';
import { SEARCH_INPUT_ID } from '@/app/_components/search-shortcut';
import { MAX_QUERY_LENGTH } from '@/lib/search/query';

export function SearchForm({ action, initial, errors }: { action: string; initial: string; errors: string[] }) {
  const [value, setValue] = useState(initial);
  const tooLong = value.length > MAX_QUERY_LENGTH;
  const messages = tooLong ? [`The search is too long: ${value.length} characters, ${MAX_QUERY_LENGTH} at most.`] : errors;
  return (
    <form action={action} method="get" role="search" className="mt-4" onSubmit={(event) => tooLong && event.preventDefault()}>
      <label htmlFor={SEARCH_INPUT_ID} className="block text-sm font-medium text-stone-800">
        Search passages, claims, annotations and replies
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={SEARCH_INPUT_ID}
          name="q"
          type="search"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          autoFocus={initial === ''}
          autoComplete="off"
          aria-invalid={messages.length > 0 || undefined}
          aria-describedby="search-help search-errors"
          className="min-h-11 w-full rounded-md border border-stone-300 bg-white px-3 text-stone-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-invalid:border-red-600"
        />
        <button
          type="submit"
          disabled={tooLong}
          className="min-h-11 rounded-md bg-stone-900 px-4 text-sm font-medium text-white hover:bg-stone-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-60"
        >
          Search
        </button>
      </div>
      <p id="search-help" className="mt-1 text-xs text-stone-500">
        &quot;exact phrase&quot;, -word to leave out, <i>or</i> between alternatives; the last word also matches as a prefix.
      </p>
      <div id="search-errors" aria-live="polite">
        {messages.map((message) => (
          <p key={message} className="mt-1 text-sm text-red-700">
            {message}
          </p>
        ))}
      </div>
    </form>
  );
}
