import { describe, expect, it } from 'vitest';
import { foldCredence, mergeRefusal, unmergeRefusal, UNMERGE_WINDOW_MS, type CredenceRow } from './merge-plan';

const row = (over: Partial<CredenceRow>): CredenceRow => ({
  id: 'c',
  workspaceId: 'w',
  claimId: 'A',
  userId: 'u',
  annotationId: 'x',
  value: 0.5,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  deletedAt: null,
  ...over,
});

describe('foldCredence', () => {
  it('keeps the more recent live value as A’s current one', () => {
    const a = row({ id: 'a', value: 0.3, updatedAt: '2026-01-02T00:00:00.000Z' });
    const b = row({ id: 'b', claimId: 'B', value: 0.8, annotationId: 'y', updatedAt: '2026-01-03T00:00:00.000Z' });
    expect(foldCredence(a, b)).toEqual({ ...a, value: 0.8, annotationId: 'y', updatedAt: b.updatedAt });
    expect(foldCredence({ ...a, updatedAt: '2026-01-04T00:00:00.000Z' }, b).value).toBe(0.3);
  });

  it('never lets a withdrawn value win over a live one, and revives A’s row from a live B', () => {
    const a = row({ id: 'a', value: 0.3, deletedAt: '2026-01-05T00:00:00.000Z' });
    const b = row({ id: 'b', value: 0.8, updatedAt: '2026-01-01T00:00:00.000Z' });
    expect(foldCredence(a, b)).toMatchObject({ id: 'a', value: 0.8, deletedAt: null });
    expect(foldCredence(row({ id: 'a' }), { ...b, deletedAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z' }).value).toBe(0.5);
  });
});

describe('mergeRefusal and unmergeRefusal', () => {
  const live = (id: string) => ({ id, deletedAt: null, mergedIntoId: null });
  it('names what is wrong', () => {
    expect(mergeRefusal(live('B'), live('B'))).toEqual({ into: ['A claim cannot be merged into itself.'] });
    expect(mergeRefusal(live('B'), null)).toEqual({ into: ['No such claim in this workspace.'] });
    expect(mergeRefusal(live('B'), { ...live('A'), deletedAt: new Date() })?.into).toEqual(['That claim was deleted.']);
    expect(mergeRefusal(live('B'), { ...live('A'), mergedIntoId: 'C' })?.into?.[0]).toMatch(/itself merged/);
    expect(mergeRefusal({ ...live('B'), mergedIntoId: 'A' }, live('C'))?._?.[0]).toMatch(/already merged/);
    expect(mergeRefusal(live('B'), live('A'))).toBeNull();
  });

  it('allows an unmerge for 30 days, and only while A has not been merged on', () => {
    const mergedAt = new Date('2026-01-01T00:00:00.000Z');
    const b = { ...live('B'), mergedIntoId: 'A', mergedAt };
    expect(unmergeRefusal(b, live('A'), new Date(mergedAt.getTime() + UNMERGE_WINDOW_MS))).toBeNull();
    expect(unmergeRefusal(b, live('A'), new Date(mergedAt.getTime() + UNMERGE_WINDOW_MS + 1))?._?.[0]).toMatch(/30 days/);
    expect(unmergeRefusal(b, { ...live('A'), mergedIntoId: 'C' }, mergedAt)?._?.[0]).toMatch(/undo that merge first/);
    expect(unmergeRefusal({ ...live('B'), mergedAt: null }, null, mergedAt)?._).toEqual(['This claim is not merged into another claim.']);
  });
});
