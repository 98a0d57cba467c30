import { describe, expect, it } from 'vitest';
import { step } from './keyboard-selection';

const text = 'Deception is likely. It pays off in training. Nobody checks.';
const slice = ({ start, end }: { start: number; end: number }) => text.slice(start, end);

describe('keyboard selection steps', () => {
  const all = { start: 0, end: text.length };

  it('shrinks the whole passage to its first sentence, and grows it back, by sentence', () => {
    const two = step(text, all, { unit: 'sentence', forward: false });
    expect(slice(two)).toBe('Deception is likely. It pays off in training.');
    const one = step(text, two, { unit: 'sentence', forward: false });
    expect(slice(one)).toBe('Deception is likely.');
    expect(step(text, one, { unit: 'sentence', forward: false })).toEqual(one);
    expect(slice(step(text, one, { unit: 'sentence', forward: true }))).toBe('Deception is likely. It pays off in training.');
  });

  it('moves the end by a word, never before the start', () => {
    const first = { start: 0, end: 9 };
    expect(slice(step(text, first, { unit: 'word', forward: true }))).toBe('Deception is');
    expect(step(text, first, { unit: 'word', forward: false })).toEqual(first);
  });

  it('moves the start by a sentence or a word, never past the end', () => {
    const second = step(text, all, { unit: 'sentence', forward: true, moveStart: true });
    expect(slice(second)).toBe('It pays off in training. Nobody checks.');
    expect(slice(step(text, second, { unit: 'word', forward: true, moveStart: true }))).toBe('pays off in training. Nobody checks.');
    expect(slice(step(text, second, { unit: 'sentence', forward: false, moveStart: true }))).toBe(text);
  });
});
