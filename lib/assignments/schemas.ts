// Assignments and progress: what the API accepts and answers. Client-safe.
import { z } from 'zod';

const ref = z.string().trim().min(1, 'is required').max(200, 'is too long');

export const createAssignmentSchema = z.strictObject({
  document: ref,
  userId: ref,
  dueAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time' }).nullish(),
});
export type CreateAssignment = z.infer<typeof createAssignmentSchema>;

export const deleteAssignmentSchema = z.strictObject({ document: ref, userId: ref });

export const listAssignmentsQuery = z.strictObject({ document: ref.optional() });

export type AssignmentStatus = 'not_started' | 'in_progress' | 'done' | 'overdue';

export type AssignmentDto = {
  id: string;
  document: { slug: string; title: string };
  user: { id: string; name: string };
  dueAt: string | null;
  createdAt: string;
};

export type ReviewerProgress = {
  userId: string;
  name: string;
  claimsRated: number;
  annotations: number;
  lastActiveAt: string | null;
  /** null: not assigned this document */
  assignment: { dueAt: string | null; createdAt: string; status: AssignmentStatus } | null;
};

export type DocumentProgress = { claims: number; claimsWithFiveRatings: number; reviewers: ReviewerProgress[] };
