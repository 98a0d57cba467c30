// From a DOM selection in the document body to canonical text offsets, and back. Every piece of passage text is
// rendered in an element carrying `data-offset` (its first character's canonical offset), and nothing else in
// those elements is text, so a point's offset is that element's offset plus the characters before the point in it.
// Points outside any piece (a footnote's label, a credence chart, the gap between list items) snap to the nearest
// piece: forward for the start of a selection, backward for its end.

export type TextSelection = { start: number; end: number; exact: string; prefix: string; suffix: string };

const CONTEXT_CHARS = 32;
const pieceSelector = '[data-offset]';

function pieceOf(node: Node, root: HTMLElement): HTMLElement | null {
  const element = node instanceof Element ? node : node.parentElement;
  const piece = element?.closest<HTMLElement>(pieceSelector) ?? null;
  return piece && root.contains(piece) ? piece : null;
}

const pieceStart = (piece: HTMLElement): number => Number(piece.dataset.offset);
const pieceEnd = (piece: HTMLElement): number => pieceStart(piece) + (piece.textContent ?? '').length;

/** The canonical offset of a DOM point, or null when it lies outside the text in that direction. */
function offsetOfPoint(root: HTMLElement, node: Node, offset: number, side: 'start' | 'end'): number | null {
  const piece = pieceOf(node, root);
  if (piece) {
    const before = document.createRange();
    before.selectNodeContents(piece);
    before.setEnd(node, offset);
    return pieceStart(piece) + before.toString().length;
  }
  // Binary search over the pieces in document order: the first piece after the point, or the last one before it.
  const pieces = root.querySelectorAll<HTMLElement>(pieceSelector);
  const point = document.createRange();
  point.setStart(node, offset);
  let lo = 0;
  let hi = pieces.length - 1;
  let firstAfter = pieces.length;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    // comparePoint: 1 when the piece starts after the (collapsed) point
    if (point.comparePoint(pieces[mid] as HTMLElement, 0) > 0) {
      firstAfter = mid;
      hi = mid - 1;
    } else {
      lo = mid + 1;
    }
  }
  if (side === 'start') {
    const after = pieces[firstAfter];
    return after ? pieceStart(after) : null;
  }
  const before = pieces[firstAfter - 1];
  return before ? pieceEnd(before) : null;
}

/** Offsets of a range of text (whitespace at either end trimmed), or null when it holds no text of the document. */
export function rangeToOffsets(root: HTMLElement, range: Range, text: string): { start: number; end: number } | null {
  if (range.collapsed || !range.intersectsNode(root)) return null;
  const a = offsetOfPoint(root, range.startContainer, range.startOffset, 'start');
  const b = offsetOfPoint(root, range.endContainer, range.endOffset, 'end');
  if (a === null || b === null) return null;
  let start = Math.max(0, Math.min(a, b));
  let end = Math.min(text.length, Math.max(a, b));
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  return end > start ? { start, end } : null;
}

/** The W3C TextQuote + TextPosition selectors of a range of the canonical text. */
export function describeOffsets(text: string, { start, end }: { start: number; end: number }): TextSelection {
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
  };
}

/** The current selection of the page as offsets into the document body, or null. */
export function currentSelection(root: HTMLElement, text: string): TextSelection | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const offsets = rangeToOffsets(root, range, text);
  return offsets ? describeOffsets(text, offsets) : null;
}

/** A DOM range over canonical offsets (for showing a pending selection), or null when the pieces are not there. */
export function offsetsToRange(root: HTMLElement, start: number, end: number): Range | null {
  const pieces = root.querySelectorAll<HTMLElement>(pieceSelector);
  const locate = (at: number, side: 'start' | 'end'): { node: Node; offset: number } | null => {
    for (const piece of pieces) {
      const from = pieceStart(piece);
      const to = pieceEnd(piece);
      if (side === 'start' ? at >= from && at < to : at > from && at <= to) {
        const walker = document.createTreeWalker(piece, NodeFilter.SHOW_TEXT);
        let remaining = at - from;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0;
          if (side === 'start' ? remaining < length : remaining <= length) return { node, offset: remaining };
          remaining -= length;
        }
      }
    }
    return null;
  };
  const a = locate(start, 'start');
  const b = locate(end, 'end');
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}
