'use client';
// Search from anywhere in a workspace: a "Search" link in the header, and `/` (when not typing in a field) opens
// the workspace's search page — or, on it, moves to its box. Outside a workspace there is nothing to search.
import { isTypingTarget } from './typing-target';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect } from 'react';

export const SEARCH_INPUT_ID = 'search-q';


export function SearchShortcut() {
  const pathname = usePathname();
  const router = useRouter();
  const workspace = /^\/w\/([^/]+)/.exec(pathname)?.[1];
  const href = workspace ? `/w/${workspace}/search` : null;

  useEffect(() => {
    if (!href) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
      if (isTypingTarget(event.target)) return;
      event.preventDefault();
      const input = document.getElementById(SEARCH_INPUT_ID);
      if (input instanceof HTMLInputElement) {
        input.focus();
        input.select();
      } else {
        router.push(href);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [href, router]);

  if (!href) return null;
  return (
    <Link
      href={href}
      aria-keyshortcuts="/"
      className="inline-flex min-h-11 items-center gap-1.5 rounded px-2 text-sm text-stone-700 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      Search
      <kbd className="hidden rounded border border-stone-300 bg-stone-50 px-1 font-mono text-xs text-stone-600 sm:inline" aria-hidden="true">
        /
      </kbd>
    </Link>
  );
}
