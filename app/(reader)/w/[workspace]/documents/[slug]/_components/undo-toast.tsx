'use client';
// "Annotation deleted. Undo" where the eye is: a toast fixed at the bottom of the viewport (not at the top of the
// sidebar's scroll area, which may be thousands of pixels away from the card that was deleted), inside a live
// region that is always in the page, so screen readers announce it when it appears.

export function UndoToast({ message, onUndo, onDismiss }: { message: string | null; onUndo: () => void; onDismiss: () => void }) {
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4" data-testid="undo-toast">
      {message && (
        <div className="pointer-events-auto flex items-center gap-3 rounded-md border border-stone-700 bg-stone-900 px-4 py-2 font-sans text-sm text-white shadow-lg">
          <span>{message}</span>
          <button type="button" className="inline-flex min-h-11 items-center rounded px-1 font-medium text-sky-200 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-sky-200" data-reader-key="u" aria-keyshortcuts="u" onClick={onUndo}>
            Undo
          </button>
          <button type="button" className="inline-flex min-h-11 min-w-11 items-center justify-center rounded text-stone-300 hover:text-white" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
