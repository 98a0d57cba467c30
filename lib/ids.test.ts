import { describe, expect, it } from 'vitest';
import { newId } from './ids';

describe('newId', () => {
  it('is 25 base-36 characters starting with c, like Prisma’s cuid()', () => {
    for (let i = 0; i < 100; i++) expect(newId()).toMatch(/^c[0-9a-z]{24}$/);
  });

  it('sorts in the order the ids were made, and never repeats', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
