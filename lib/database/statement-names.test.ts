import { describe, expect, it } from 'vitest';
import { statementName } from './statement-names';

describe('statementName', () => {
  it('names a text the same way every time, and two texts apart, within PostgreSQL\'s 63-byte identifiers', () => {
    const a = statementName({ sql: 'SELECT "id" FROM "Claim" WHERE "workspaceId" = $1' });
    const b = statementName({ sql: 'SELECT "id" FROM "Claim" WHERE "workspaceId" = $2' });
    expect(a).toMatch(/^c_[\w-]{40}$/);
    expect(statementName({ sql: 'SELECT "id" FROM "Claim" WHERE "workspaceId" = $1' })).toBe(a);
    expect(b).not.toBe(a);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(63);
  });

  it('leaves unnamed a text that may hold several commands', () => {
    expect(statementName({ sql: 'SET LOCAL statement_timeout = 1000; SELECT 1' })).toBe('');
  });

  it('names at most 2 000 texts; later ones go unnamed, and the named keep their names', () => {
    const first = statementName({ sql: 'SELECT 0 AS named_first' });
    const later: string[] = [];
    for (let i = 1; i <= 2100; i++) later.push(statementName({ sql: `SELECT ${i} AS bound_check` }));
    expect(later.filter((name) => name === '').length).toBeGreaterThanOrEqual(100);
    expect(later.at(-1)).toBe('');
    expect(statementName({ sql: 'SELECT 0 AS named_first' })).toBe(first);
  });
});
