import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MATCH_START, MATCH_STOP, splitMarkedSnippet, withEllipses } from './snippet';

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

describe('withEllipses', () => {
  const text = 'The first words of a long text. Somewhere in the middle Janus appears. And the text ends here.';
  it('marks a fragment cut from inside the text at the ends where it was cut', () => {
    const middle = [{ text: 'in the middle ', match: false }, { text: 'Janus', match: true }, { text: ' appears.', match: false }];
    expect(withEllipses(middle, text.slice(0, 24), text.slice(-24))).toEqual([
      { text: '… in the middle ', match: false },
      { text: 'Janus', match: true },
      { text: ' appears. …', match: false },
    ]);
    const start = [{ text: 'The', match: true }, { text: ' first words of a long text.', match: false }];
    expect(withEllipses(start, text.slice(0, 24), text.slice(-24))).toEqual([
      { text: 'The', match: true },
      { text: ' first words of a long text. …', match: false },
    ]);
  });

  it('leaves a whole text as it is', () => {
    const whole = [{ text: text, match: false }];
    expect(withEllipses(whole, text.slice(0, 24), text.slice(-24))).toEqual(whole);
  });
});
