// The document cap counts UTF-8 bytes (2 MB by default) and says both sizes when it refuses a text.
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { assertDocumentSize } from './document-size';

const MB = 1024 * 1024;

describe('assertDocumentSize', () => {
  it('accepts a text of exactly 2 MB and refuses one byte more with 413', () => {
    expect(() => assertDocumentSize('a'.repeat(2 * MB))).not.toThrow();
    const refused = (() => {
      try {
        assertDocumentSize('a'.repeat(2 * MB + 1), 'essay.txt');
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: "essay.txt is too large: 2097153 bytes (2 MB) of UTF-8, and a document's text may be at most 2097152 bytes (2 MB). Split it into several documents.",
    });
  });

  it('counts bytes of UTF-8, not characters', () => {
    // 1.5 million characters of two bytes each: 3 MB
    expect(() => assertDocumentSize('é'.repeat(1_500_000))).toThrow(/too large: 3000000 bytes \(2\.9 MB\)/);
  });
});
