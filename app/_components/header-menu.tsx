'use client';
// A disclosure menu for the header (<details>, so it opens without JavaScript too) that closes when the page
// changes, on Escape, and on a click outside it.
import { usePathname } from 'next/navigation';
import { useEffect, useRef, type ReactNode } from 'react';

export function HeaderMenu({ summary, label, children }: { summary: ReactNode; label: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const details = ref.current;
      if (event.key !== 'Escape' || !details?.open) return;
      details.open = false;
      details.querySelector('summary')?.focus();
    }
    function onClick(event: MouseEvent) {
      const details = ref.current;
      if (details?.open && event.target instanceof Node && !details.contains(event.target)) details.open = false;
    }
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('click', onClick);
    };
  }, []);

  return (
    <details ref={ref} className="group relative min-w-0">
      <summary
        aria-label={label}
        className="flex min-h-11 min-w-11 max-w-[8.5rem] cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-stone-700 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 sm:max-w-xs [&::-webkit-details-marker]:hidden"
      >
        <span className="truncate">{summary}</span>
        <span aria-hidden="true" className="text-xs text-stone-500 transition group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="fixed inset-x-4 top-14 z-30 rounded-md border border-stone-200 bg-white py-1 shadow-lg sm:absolute sm:inset-x-auto sm:top-auto sm:right-0 sm:mt-2 sm:w-72">
        {children}
      </div>
    </details>
  );
}

export const menuItemStyles =
  'block w-full px-4 py-2 text-left text-sm text-stone-800 hover:bg-stone-100 focus-visible:bg-stone-100 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600';
