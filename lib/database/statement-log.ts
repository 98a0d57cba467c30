// Each distinct SQL statement this process sends, appended to a file (CRUXMAP_STATEMENT_LOG) as one JSON string a
// line, so that a test run can audit what the processes it started sent too (tests/setup/statement-audit.ts).
// Appended synchronously, once per distinct statement: nothing is lost when the process exits, and a process
// that repeats the same few statements writes them once.
import { appendFileSync } from 'node:fs';
import { onQuery } from './query-log';

/** Starts appending each statement not yet written by this process to `file`; answers the function that stops it. */
export function logStatementsTo(file: string): () => void {
  const written = new Set<string>();
  return onQuery(({ sql }) => {
    if (written.has(sql)) return;
    written.add(sql);
    appendFileSync(file, `${JSON.stringify(sql)}\n`);
  });
}

/** The statements in a file written by `logStatementsTo` (by any number of processes), each once. */
export function readStatementLog(text: string): string[] {
  const statements = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    // a process killed mid-write may leave a partial last line: the statement is then lost, not misread
    try {
      const sql: unknown = JSON.parse(line);
      if (typeof sql === 'string') statements.add(sql);
    } catch {
      continue;
    }
  }
  return [...statements];
}
