// An assignment's status from a reviewer's numbers.
import { describe, expect, it } from 'vitest';
import { assignmentStatus } from './progress';

const now = new Date('2026-12-05T00:00:00Z');

describe('assignmentStatus', () => {
  it('done when every claim is rated, overdue past the due date, else started or not', () => {
    expect(assignmentStatus({ claims: 3, claimsRated: 3, annotations: 0, dueAt: new Date('2020-01-01'), now })).toBe('done');
    expect(assignmentStatus({ claims: 3, claimsRated: 1, annotations: 0, dueAt: new Date('2020-01-01'), now })).toBe('overdue');
    expect(assignmentStatus({ claims: 3, claimsRated: 0, annotations: 1, dueAt: null, now })).toBe('in_progress');
    expect(assignmentStatus({ claims: 0, claimsRated: 0, annotations: 0, dueAt: null, now })).toBe('not_started');
  });
});
