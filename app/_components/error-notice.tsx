'use client';
// What a page shows when it could not be rendered (app/error.tsx, app/global-error.tsx). The server's error is
// never shown (production hides it anyway); the health endpoint tells a database outage from any other failure:
// during an outage the page says so and reloads by itself once the database answers again.
import { useEffect, useState } from 'react';

type State = 'checking' | 'database-down' | 'other';

const POLL_MS = 5000;

export function ErrorNotice(): React.JSX.Element {
  const [state, setState] = useState<State>('checking');

  useEffect(() => {
    let stopped = false;
    let wasDown = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const status = await fetch('/api/v1/health', { cache: 'no-store' }).then((r) => r.status, () => 0);
      if (stopped) return;
      if (status === 503 || status === 0) {
        wasDown = true;
        setState('database-down');
        timer = setTimeout(() => void check(), POLL_MS);
      } else if (wasDown) {
        window.location.reload();
      } else {
        setState('other');
      }
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  if (state === 'database-down') {
    return (
      <div role="alert" className="mx-auto max-w-2xl px-4 py-16 text-center">
        <h1 className="text-2xl font-semibold">The database is unavailable for a moment</h1>
        <p className="mt-2 text-stone-600">
          It may be restarting. Nothing you saved is lost; this page will reload by itself as soon as it is back.
        </p>
      </div>
    );
  }
  return (
    <div role="alert" className="mx-auto max-w-2xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-stone-600">This page could not be shown. Try again in a moment.</p>
      <button type="button" onClick={() => window.location.reload()} className="mt-6 text-blue-700 underline">
        Reload the page
      </button>
    </div>
  );
}
