// "Keyboard shortcuts": a small disclosure listing the reading page's keys (works without JavaScript too).
import { kindLabels } from './annotation-format';

const kindKeys = [
  ['c', kindLabels.claim],
  ['e', kindLabels.evidence],
  ['x', kindLabels.crux],
  ['p', kindLabels.probability],
] as const;

/** On a focused card (Tab to it, or open it from its highlight), and the reader's own buttons. */
const cardKeys = [
  ['t', 'on a card: show it in the text'],
  ['d', 'on a card: its discussion (reply there)'],
  ['r', 'on a card: rate its claim'],
  ['i', 'on a card: edit it'],
  ['o', 'on a card: resolve or reopen its discussion'],
  ['h', 'on a card (owners): hide or unhide it'],
  ['Delete', 'on a card: delete it (asks first)'],
  ['u', 'undo the last delete, while its notice shows'],
  ['b', 'recently deleted annotations, to restore'],
] as const;

function Key({ children }: { children: string }) {
  return <kbd className="rounded border border-stone-300 bg-stone-50 px-1.5 py-0.5 font-mono text-xs text-stone-800">{children}</kbd>;
}

export function ShortcutsHelp({ canAnnotate }: { canAnnotate: boolean }) {
  return (
    <details className="group relative text-sm" data-testid="shortcuts-help">
      <summary className="inline-flex min-h-11 cursor-pointer list-none items-center rounded px-1 text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 [&::-webkit-details-marker]:hidden">
        Keyboard shortcuts
      </summary>
      <div className="absolute right-0 z-30 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-md border border-stone-200 bg-white p-3 text-stone-700 shadow-lg">
        <dl className="space-y-1.5">
          <div className="flex gap-2">
            <dt className="w-28 shrink-0">
              <Key>Tab</Key>
            </dt>
            <dd>moves through highlights; <Key>Enter</Key> opens one&apos;s card</dd>
          </div>
          <div className="flex gap-2">
            <dt className="w-28 shrink-0">
              <Key>j</Key> <Key>k</Key>
            </dt>
            <dd>next / previous passage (then <Key>↓</Key> <Key>↑</Key> too)</dd>
          </div>
          <div className="flex gap-2">
            <dt className="w-28 shrink-0">
              <Key>Enter</Key>
            </dt>
            <dd>on a passage: select its text</dd>
          </div>
          <div className="flex gap-2">
            <dt className="w-28 shrink-0">
              <Key>Shift →</Key> <Key>Shift ←</Key>
            </dt>
            <dd>the selection&apos;s end a word further / back</dd>
          </div>
          <div className="flex gap-2">
            <dt className="w-28 shrink-0">
              <Key>Shift ↓</Key> <Key>Shift ↑</Key>
            </dt>
            <dd>the selection&apos;s end a sentence further / back; with <Key>Alt</Key>, its start</dd>
          </div>
          <div className="flex gap-2">
            <dt className="w-28 shrink-0">
              <Key>n</Key>
            </dt>
            <dd>the next annotation or reply new since your last visit</dd>
          </div>
          <div className="flex gap-2">
            <dt className="w-28 shrink-0">
              <Key>m</Key>
            </dt>
            <dd>this document&apos;s disagreement map</dd>
          </div>
          <div className="flex gap-2">
            <dt className="w-28 shrink-0">
              <Key>/</Key>
            </dt>
            <dd>search this workspace</dd>
          </div>
          {cardKeys.map(([key, label]) => (
            <div key={key} className="flex gap-2">
              <dt className="w-28 shrink-0">
                <Key>{key}</Key>
              </dt>
              <dd>{label}</dd>
            </div>
          ))}
          {canAnnotate && (
            <>
              <div className="flex gap-2">
                <dt className="w-28 shrink-0">
                  <Key>a</Key>
                </dt>
                <dd>annotate the selected text</dd>
              </div>
              {kindKeys.map(([key, label]) => (
                <div key={key} className="flex gap-2">
                  <dt className="w-28 shrink-0">
                    <Key>{key}</Key>
                  </dt>
                  <dd>
                    {label} (with text selected, or in the composer outside a text field)
                  </dd>
                </div>
              ))}
              <div className="flex gap-2">
                <dt className="w-28 shrink-0">
                  <Key>Enter</Key>
                </dt>
                <dd>save the annotation</dd>
              </div>
              <div className="flex gap-2">
                <dt className="w-28 shrink-0">
                  <Key>Ctrl/⌘ Enter</Key>
                </dt>
                <dd>save from inside the rationale</dd>
              </div>
              <div className="flex gap-2">
                <dt className="w-28 shrink-0">
                  <Key>Esc</Key>
                </dt>
                <dd>cancel</dd>
              </div>
            </>
          )}
        </dl>
      </div>
    </details>
  );
}
