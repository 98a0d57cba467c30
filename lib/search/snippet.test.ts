import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MATCH_START, MATCH_STOP, splitMarkedSnippet } from './snippet';

describe('splitMarkedSnippet', () => {
  it('splits the marked text into plain and matched segments', () => {
    expect(splitMarkedSnippet(`We ${MATCH_START}disagree${MATCH_STOP} about <b>${MATCH_START}Janus${MATCH_STOP}</b>`)).toEqual([
      { text: 'We ', match: false },
      { text: 'disagree', match: true },
      { text: ' about <b>', match: false },
      { text: 'Janus', match: true },
      { text: '</b>', match: false },
    ]);
    expect(splitMarkedSnippet('')).toEqual([]);
  });

  it('keeps every character but the markers, in order, with no empty or adjacent same-kind segments', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '<', MATCH_START, MATCH_STOP) }), (marked) => {
        const segments = splitMarkedSnippet(marked);
        expect(segments.map((s) => s.text).join('')).toBe(marked.replaceAll(MATCH_START, '').replaceAll(MATCH_STOP, ''));
        for (let i = 0; i < segments.length; i++) {
          expect(segments[i]!.text).not.toBe('');
          if (i > 0) expect(segments[i]!.match).not.toBe(segments[i - 1]!.match);
        }
      }),
    );
  });
});
