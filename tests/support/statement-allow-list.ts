// The statements the workspace audit lets through (tests/setup/statement-audit.ts): each one a finding that is
// right as it is, matched by its table, its problem and a pattern of its SQL, with the reason it may stay.
import type { Finding } from '../../lib/database/statement-audit';

export type AllowedFinding = {
  table: string;
  problem: Finding['problem'];
  /** a pattern the statement's SQL must match (whitespace as sent) */
  sql: RegExp;
  reason: string;
};

export const allowedFindings: AllowedFinding[] = [];

/** Statements one test file sends on purpose (tests/integration/statement-audit.test.ts), with the reason. */
const allowedInThisFile = new Map<string, string>();

/**
 * Lets exactly `sql` through the audit of the test file that calls it: for a test that sends an offending statement
 * on purpose. Each test file loads this module afresh, so it reaches no other file.
 */
export function allowInThisFile(sql: string, reason: string): void {
  allowedInThisFile.set(sql, reason);
}

/** Whether an entry of the allow-list covers `finding` in the statement `sql`. */
export function isAllowed(finding: Finding, sql: string): boolean {
  if (allowedInThisFile.has(sql)) return true;
  return allowedFindings.some((entry) => entry.table === finding.table && entry.problem === finding.problem && entry.sql.test(sql));
}
