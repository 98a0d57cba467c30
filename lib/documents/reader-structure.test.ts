import { describe, expect, it } from 'vitest';
import { buildReaderStructure, headingLevels, type StructurePassage } from './reader-structure';

const passage = (index: number, kind: StructurePassage['kind'], text: string, attrs: StructurePassage['attrs'] = {}): StructurePassage => ({
  id: `p${String(index).padStart(12, '0')}`,
  index,
  kind,
  text,
  attrs,
});

describe('buildReaderStructure', () => {
  it('groups consecutive list items into one list, ordered when numbered', () => {
    const { blocks } = buildReaderStructure([
      passage(0, 'paragraph', 'Three dimensions:'),
      passage(1, 'list_item', 'Goal-directedness', { marker: '-' }),
      passage(2, 'list_item', 'Long horizons', { marker: '-' }),
      passage(3, 'paragraph', 'The story:'),
      passage(4, 'list_item', '1. The model learns.', { marker: '1.' }),
      passage(5, 'list_item', '2. The model schemes.', { marker: '2.' }),
    ]);
    expect(blocks.map((b) => (b.type === 'list' ? `${b.ordered ? 'ol' : 'ul'}:${b.items.length}` : b.passage.kind))).toEqual([
      'paragraph',
      'ul:2',
      'paragraph',
      'ol:2',
    ]);
  });

  it('links footnote markers to their notes and each note back to its first marker', () => {
    const { blocks, footnotes } = buildReaderStructure([
      passage(0, 'paragraph', 'A claim.[1] Another.[2] The first again.[1]'),
      passage(1, 'paragraph', 'An array index [0] is not a note.'),
      passage(2, 'footnote', 'The first note. ↩︎', { label: '1' }),
      passage(3, 'footnote', 'The second note.', { label: '2' }),
    ]);
    const first = blocks[0];
    expect(first?.type === 'passage' && first.passage.segments).toEqual([
      { type: 'text', text: 'A claim.' },
      { type: 'footnote-ref', label: '1', text: '[1]', refId: 'fnref-1-1', noteId: 'fn-1' },
      { type: 'text', text: ' Another.' },
      { type: 'footnote-ref', label: '2', text: '[2]', refId: 'fnref-2-1', noteId: 'fn-2' },
      { type: 'text', text: ' The first again.' },
      { type: 'footnote-ref', label: '1', text: '[1]', refId: 'fnref-1-2', noteId: 'fn-1' },
    ]);
    const second = blocks[1];
    expect(second?.type === 'passage' && second.passage.segments).toEqual([{ type: 'text', text: 'An array index [0] is not a note.' }]);
    expect(footnotes.map((f) => [f.label, f.backRefId, f.hasBackArrow, f.passage.segments[0]])).toEqual([
      ['1', 'fnref-1-1', true, { type: 'text', text: 'The first note.' }],
      ['2', 'fnref-2-1', false, { type: 'text', text: 'The second note.' }],
    ]);
  });

  it('lists headings in the table of contents with their levels, and leaves notes out of the body', () => {
    const structure = buildReaderStructure([
      passage(0, 'heading', 'TLDR', { level: 2 }),
      passage(1, 'paragraph', 'Text.'),
      passage(2, 'heading', 'Details', { level: 3 }),
      passage(3, 'footnote', 'A note without a marker.', { label: '9' }),
    ]);
    expect(structure.toc).toEqual([
      { passageId: 'p000000000000', text: 'TLDR', level: 2 },
      { passageId: 'p000000000002', text: 'Details', level: 3 },
    ]);
    expect(structure.blocks).toHaveLength(3);
    expect(structure.footnotes[0]?.backRefId).toBeNull();
  });
});

describe('headingLevels', () => {
  const levelsOf = (sourceLevels: number[], titleFirst = false) => {
    const passages = sourceLevels.map((level, i) => passage(i, 'heading', `H${i}`, { level }));
    const { blocks } = buildReaderStructure(passages);
    const levels = headingLevels(blocks, titleFirst ? (passages[0]?.id ?? null) : null);
    return passages.map((p) => levels.get(p.id) ?? null);
  };

  it('starts the outline at h2 under the page title, whatever level the text starts at', () => {
    expect(levelsOf([1, 2, 3], true)).toEqual([null, 2, 3]);
    expect(levelsOf([3, 3, 4])).toEqual([2, 2, 3]);
  });

  it('never skips a level: a jump in the text becomes one step deeper', () => {
    expect(levelsOf([2, 4, 6, 3, 2])).toEqual([2, 3, 4, 3, 2]);
    expect(levelsOf([1, 3, 2])).toEqual([2, 3, 3]);
  });

  it('stops at h6', () => {
    expect(levelsOf([1, 2, 3, 4, 5, 6, 6])).toEqual([2, 3, 4, 5, 6, 6, 6]);
  });
});
