// The passage diff behind re-anchoring: a common subsequence of passages, old offsets mapped to new ones, and
// which new text counts as another passage's (foreign) for a given annotation.
import { describe, expect, it } from 'vitest';
import { commonSubsequence, diffPassages, splitPassages } from './position-map';
import { seededRandom } from '../seeded-random';


const paragraphs = [
  'Alpha opens the text with a few words about reward.',
  'Bravo explains why the counting argument is weak.',
  'Charlie describes the training game in some detail.',
  'Delta argues that schemers need situational awareness.',
  'Echo closes with a summary of the whole argument.',
];
const join = (ps: readonly string[]) => ps.join('\n\n');
const oldText = join(paragraphs);
const at = (text: string, needle: string) => text.indexOf(needle);

describe('splitPassages', () => {
  it('cuts at blank lines and keeps each piece with its range', () => {
    expect(splitPassages('ab\n\ncd\n\n\n\nef')).toEqual([
      { start: 0, end: 2, text: 'ab' },
      { start: 4, end: 6, text: 'cd' },
      { start: 8, end: 8, text: '' },
      { start: 10, end: 12, text: 'ef' },
    ]);
    expect(splitPassages('')).toEqual([{ start: 0, end: 0, text: '' }]);
  });
});

describe('commonSubsequence', () => {
  it('pairs every element of equal sequences, and none of disjoint ones', () => {
    expect(commonSubsequence([1, 2, 3], [1, 2, 3])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(commonSubsequence([1, 2], [3, 4])).toEqual([]);
    expect(commonSubsequence([], [1])).toEqual([]);
  });

  it('returns a common subsequence that keeps every surviving element after random insertions and deletions', () => {
    const next = seededRandom(42);
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: 1 + Math.floor(next() * 60) }, (_, i) => (next() < 0.2 ? Math.floor(next() * 5) : 100 + i));
      const kept = a.map((_, i) => i).filter(() => next() > 0.2);
      const b: number[] = [];
      for (const i of kept) {
        if (next() < 0.2) b.push(1000 + b.length);
        b.push(a[i] as number);
      }
      const pairs = commonSubsequence(a, b);
      pairs.forEach(([i, j], k) => {
        expect(a[i]).toBe(b[j]);
        if (k > 0) {
          const [pi, pj] = pairs[k - 1] as [number, number];
          expect(i).toBeGreaterThan(pi);
          expect(j).toBeGreaterThan(pj);
        }
      });
      // Elements unique to each side that survived are always found.
      const uniqueKept = kept.filter((i) => (a[i] as number) >= 100);
      expect(pairs.filter(([i]) => (a[i] as number) >= 100).length).toBe(uniqueKept.length);
    }
  });
});

describe('diffPassages.toNew', () => {
  it('is the identity on an unchanged text', () => {
    const { toNew } = diffPassages(oldText, oldText);
    for (const offset of [0, 10, 100, oldText.length]) expect(toNew(offset)).toBe(offset);
  });

  it('follows passages past an inserted one and through a deleted one', () => {
    const edited = join(['A new first paragraph.', paragraphs[0] as string, paragraphs[1] as string, paragraphs[3] as string, paragraphs[4] as string]);
    const { toNew } = diffPassages(oldText, edited);
    for (const word of ['Alpha', 'counting', 'situational', 'summary']) expect(toNew(at(oldText, word))).toBe(at(edited, word));
    // Inside the deleted passage: somewhere between its old neighbours' new places.
    const inDeleted = toNew(at(oldText, 'training game'));
    expect(inDeleted).toBeGreaterThanOrEqual(at(edited, 'Bravo') + (paragraphs[1] as string).length);
    expect(inDeleted).toBeLessThanOrEqual(at(edited, 'Delta'));
  });

  it('follows a moved passage to its new place', () => {
    const edited = join([paragraphs[0], paragraphs[2], paragraphs[3], paragraphs[4], paragraphs[1]] as string[]);
    const { toNew } = diffPassages(oldText, edited);
    for (const word of ['counting', 'training game', 'summary']) expect(toNew(at(oldText, word))).toBe(at(edited, word));
  });

  it('follows an edited passage by its unchanged beginning and end, even when it also moved', () => {
    const typo = (paragraphs[2] as string).replace('training game', 'trainign game');
    const inPlace = join([paragraphs[0], paragraphs[1], typo, paragraphs[3], paragraphs[4]] as string[]);
    const movedToo = join([paragraphs[0], paragraphs[1], paragraphs[3], paragraphs[4], typo] as string[]);
    for (const edited of [inPlace, movedToo]) {
      const { toNew } = diffPassages(oldText, edited);
      expect(toNew(at(oldText, 'Charlie'))).toBe(at(edited, 'Charlie'));
      expect(toNew(at(oldText, 'in some detail'))).toBe(at(edited, 'in some detail'));
      expect(Math.abs(toNew(at(oldText, 'training game')) - at(edited, 'trainign game'))).toBeLessThanOrEqual(2);
    }
  });

  it('pairs each edited passage with its own new form when two of them look alike', () => {
    const twin = 'Foxtrot says the training game is played for reward.';
    // Between the same unchanged neighbours: the twin, a deleted passage, the twin again; both twins edited, the
    // second one only by a trailing space, so it is the closer match for the first old twin too.
    const old = join([paragraphs[0], twin, paragraphs[1], twin, paragraphs[2]] as string[]);
    const edited = join([paragraphs[0], twin.replace('Foxtrot', 'Foxtrott'), `${twin} `, paragraphs[2]] as string[]);
    const { toNew } = diffPassages(old, edited);
    expect(toNew(at(old, 'played'))).toBe(at(edited, 'played'));
    expect(toNew(old.lastIndexOf('played'))).toBe(edited.lastIndexOf('played'));
  });
});

describe('diffPassages.provenance and searchable', () => {
  const edited = join([paragraphs[0], paragraphs[2], 'A brand new paragraph.', paragraphs[3], paragraphs[4]] as string[]);
  const diff = diffPassages(oldText, edited);
  const oldBravo = [at(oldText, 'Bravo'), at(oldText, 'Bravo') + (paragraphs[1] as string).length] as const;
  const oldCharlie = [at(oldText, 'Charlie'), at(oldText, 'Charlie') + 20] as const;
  const span = (text: string, needle: string) => [at(text, needle), at(text, needle) + needle.length] as const;

  it('calls unchanged text from another passage foreign, the annotation’s own passage own, and new text unknown', () => {
    expect(diff.provenance(...oldCharlie, ...span(edited, 'training game'))).toBe('own');
    expect(diff.provenance(...oldBravo, ...span(edited, 'training game'))).toBe('foreign');
    expect(diff.provenance(...oldBravo, ...span(edited, 'brand new'))).toBe('unknown');
    expect(diff.provenance(...oldCharlie, ...span(edited, 'detail.\n\nA brand'))).toBe('own');
    expect(diff.provenance(...oldBravo, ...span(edited, 'detail.\n\nA brand'))).toBe('foreign');
  });

  it('leaves foreign passages out of the text worth searching', () => {
    const stretches = diff.searchable(...oldBravo, 0, edited.length).map(([from, to]) => edited.slice(from, to));
    expect(stretches.join('|')).toBe('\n\n|\n\nA brand new paragraph.\n\n|\n\n');
    const forCharlie = diff.searchable(...oldCharlie, 0, edited.length).map(([from, to]) => edited.slice(from, to));
    expect(forCharlie.join('|')).toBe(`\n\n${paragraphs[2] as string}\n\nA brand new paragraph.\n\n|\n\n`);
  });
});
