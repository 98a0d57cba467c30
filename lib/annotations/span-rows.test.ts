import { describe, expect, it } from 'vitest';
import { splitSpanRows } from './span-rows';

const row = (...fields: string[]) => fields.join(String.fromCharCode(30));
const text = (...rows: string[]) => rows.join(String.fromCharCode(31));

describe('splitSpanRows', () => {
  it('reads each row of 10 fields, an empty field as null and numbers as numbers', () => {
    const rows = splitSpanRows(
      text(row('a1', 'probability', 'anchored', '12', '40', 'u1', 'c1', '', '', '0.35'), row('a2', 'evidence', 'orphan', '', '', 'u2', 'c1', '', 'against', '')),
      2,
    );
    expect(rows).toEqual([
      ['a1', 'probability', 'anchored', 12, 40, 'u1', 'c1', null, null, 0.35],
      ['a2', 'evidence', 'orphan', null, null, 'u2', 'c1', null, 'against', null],
    ]);
  });

  it('answers null when the text splits into another count of rows or fields (a separator inside an id)', () => {
    const good = row('a1', 'claim', 'anchored', '0', '5', 'u1', 'c1', '', '', '');
    expect(splitSpanRows(text(good, good), 3)).toBeNull();
    expect(splitSpanRows(row(`a${String.fromCharCode(30)}1`, 'claim', 'anchored', '0', '5', 'u1', 'c1', '', '', ''), 1)).toBeNull();
    expect(splitSpanRows(text(`a${String.fromCharCode(31)}1`), 1)).toBeNull();
  });
});
