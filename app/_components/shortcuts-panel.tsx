// "Keyboard shortcuts": a small disclosure listing a page's keys (works without JavaScript). The reading page has
// its own (documents/[slug]/_components/shortcuts-help.tsx); the map and the queue use this one.
export type Shortcut = readonly [keys: readonly string[], what: string];

function Key({ children }: { children: string }) {
  return <kbd className="rounded border border-stone-300 bg-stone-50 px-1.5 py-0.5 font-mono text-xs text-stone-800">{children}</kbd>;
}

export function ShortcutsPanel({ shortcuts, testId = 'shortcuts-help' }: { shortcuts: readonly Shortcut[]; testId?: string }) {
  return (
    <details className="group relative text-sm" data-testid={testId}>
      <summary className="inline-flex min-h-11 cursor-pointer list-none items-center rounded px-1 text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 [&::-webkit-details-marker]:hidden">
        Keyboard shortcuts
      </summary>
      <div className="absolute right-0 z-30 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-md border border-stone-200 bg-white p-3 text-stone-700 shadow-lg">
        <dl className="space-y-1.5">
          {shortcuts.map(([keys, what]) => (
            <div key={keys.join(' ')} className="flex gap-2">
              <dt className="flex w-28 shrink-0 flex-wrap gap-1">
                {keys.map((k) => (
                  <Key key={k}>{k}</Key>
                ))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}
