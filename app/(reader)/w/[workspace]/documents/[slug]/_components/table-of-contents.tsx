// The document's headings as links to their passages.
import type { TocEntry } from '@/lib/documents/reader-structure';

export function TableOfContents({ entries }: { entries: TocEntry[] }) {
  if (entries.length === 0) return null;
  const minLevel = Math.min(...entries.map((e) => e.level));
  return (
    <nav aria-label="Table of contents" className="text-sm">
      <ol className="space-y-1.5">
        {entries.map((entry) => (
          <li key={entry.passageId} style={{ paddingLeft: `${(entry.level - minLevel) * 0.75}rem` }}>
            <a href={`#p-${entry.passageId}`} className="text-stone-600 hover:text-stone-900 hover:underline">
              {entry.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
