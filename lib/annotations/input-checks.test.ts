import { describe, expect, it } from 'vitest';
import { percentFromText, sourceProblem, statementProblem } from './input-checks';
import { STATEMENT_MAX } from './limits';

describe('percentFromText', () => {
  it('reads whole and decimal percentages as fractions', () => {
    expect(percentFromText('70')).toEqual({ ok: true, value: 0.7 });
    expect(percentFromText(' 0 ')).toEqual({ ok: true, value: 0 });
    expect(percentFromText('100')).toEqual({ ok: true, value: 1 });
    expect(percentFromText('33.5')).toEqual({ ok: true, value: 0.335 });
  });

  it('explains a value out of range instead of clamping it', () => {
    expect(percentFromText('150')).toEqual({ ok: false, message: 'must be between 0% and 100%' });
    expect(percentFromText('-1')).toEqual({ ok: false, message: 'must be between 0% and 100%' });
    expect(percentFromText('100.01')).toEqual({ ok: false, message: 'must be between 0% and 100%' });
  });

  it('refuses what is not a plain number', () => {
    for (const text of ['', ' ', 'abc', '1e2', '0x10', 'Infinity', '5%', '1,5']) {
      expect(percentFromText(text), text).toEqual({ ok: false, message: 'must be a number between 0% and 100%' });
    }
  });
});

describe('statementProblem', () => {
  it('accepts up to the limit and says by how much a longer statement is over', () => {
    expect(statementProblem('x'.repeat(STATEMENT_MAX))).toBeNull();
    expect(statementProblem(`  ${'x'.repeat(STATEMENT_MAX)}  `)).toBeNull();
    expect(statementProblem('x'.repeat(5000))).toBe(`must be at most ${STATEMENT_MAX} characters: shorten it by ${5000 - STATEMENT_MAX}`);
    expect(statementProblem('   ')).toBe('must not be empty');
  });
});

describe('sourceProblem', () => {
  it('takes nothing or an http(s) URL', () => {
    expect(sourceProblem('')).toBeNull();
    expect(sourceProblem('https://example.org/a')).toBeNull();
    expect(sourceProblem('javascript:alert(1)')).toBe('must be an http or https URL');
    expect(sourceProblem('example.org')).toBe('must be an http or https URL');
    expect(sourceProblem(`https://example.org/${'a'.repeat(2000)}`)).toMatch(/too long/);
  });
});
