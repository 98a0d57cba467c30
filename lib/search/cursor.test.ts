import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { decodeSearchCursor, encodeSearchCursor } from './cursor';

describe('search cursor', () => {
  it('round-trips the score exactly, the key and the near-matches', () => {
    const cursor = { score: 0.06079271 * 3, key: 'passage:v1:p-abc', fuzzy: [['deceptve', 'deceptive']] as [string, string][] };
    expect(decodeSearchCursor(encodeSearchCursor(cursor))).toEqual(cursor);
    expect(decodeSearchCursor(encodeSearchCursor({ score: 0, key: 'claim:x', fuzzy: null }))).toEqual({ score: 0, key: 'claim:x', fuzzy: null });
  });

  it('refuses anything else as a bad request on `cursor`', () => {
    const bad = [Buffer.from('[1,"k"]').toString('base64url'), Buffer.from('[null,"k",null]').toString('base64url'), 'not json', Buffer.from('[1,"k",[["a"]]]').toString('base64url')];
    for (const value of bad) {
      expect(() => decodeSearchCursor(value)).toThrow(AppError);
      try {
        decodeSearchCursor(value);
      } catch (error) {
        expect((error as AppError).fields).toEqual({ cursor: ['is not a valid cursor'] });
      }
    }
  });
});
