// A passage's text, with footnote markers as links to their notes.
import type { Segment } from '@/lib/documents/reader-structure';

export function PassageText({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.type === 'text' ? (
          <span key={i}>{s.text}</span>
        ) : (
          <sup key={i} id={s.refId} className="scroll-mt-6">
            <a
              href={`#${s.noteId}`}
              className="font-sans text-xs font-medium text-blue-700 no-underline hover:underline"
              aria-label={`Footnote ${s.label}`}
              data-footnote-ref={s.label}
            >
              {s.text}
            </a>
          </sup>
        ),
      )}
    </>
  );
}
