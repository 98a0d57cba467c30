// Names for the statements the app sends to a PostgreSQL server, so that each connection prepares a statement once
// and executes it again by name (@prisma/adapter-pg's `statementNameGenerator`, node-postgres' named queries): the
// server parses and plans a statement on a connection once instead of on every call — a create's write statement is
// a CTE of a dozen parts. A statement's name is a hash of its text, so the same text has the same name on every
// connection and no two texts share one. Bounded: the first MAX_NAMED distinct texts are named, later ones go
// unnamed (prepared and dropped each time, as without names), so neither this map nor a connection's statements
// grow without end; a text with a `;` (possibly several commands, which a prepared statement cannot hold) too.
import { createHash } from 'node:crypto';

const MAX_NAMED = 2000;
const names = new Map<string, string>();

/** The name of a statement's text; '' (node-postgres then sends it unnamed) past the bound or with a `;`. */
export function statementName({ sql }: { sql: string }): string {
  const known = names.get(sql);
  if (known !== undefined) return known;
  if (names.size >= MAX_NAMED || sql.includes(';')) return '';
  const name = `c_${createHash('sha256').update(sql).digest('base64url').slice(0, 40)}`;
  names.set(sql, name);
  return name;
}
