// Pure: a reviewer's assignment status from their numbers, and the order reviewers are listed in.
import type { AssignmentStatus, ReviewerProgress } from './schemas';

/** done: every claim of the document rated; overdue: past the due date and not done; else started or not. */
export function assignmentStatus({ claims, claimsRated, annotations, dueAt, now }: { claims: number; claimsRated: number; annotations: number; dueAt: Date | null; now: Date }): AssignmentStatus {
  if (claims > 0 && claimsRated >= claims) return 'done';
  if (dueAt !== null && dueAt.getTime() < now.getTime()) return 'overdue';
  return claimsRated > 0 || annotations > 0 ? 'in_progress' : 'not_started';
}

/** Assigned reviewers first, then by claims rated (most first), then by name. */
export const byProgress = (a: ReviewerProgress, b: ReviewerProgress): number =>
  Number(b.assignment !== null) - Number(a.assignment !== null) || b.claimsRated - a.claimsRated || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId);
