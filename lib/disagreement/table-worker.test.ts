// The map's table worker: a real worker thread, started on first use, answering with the very parts the request's
// thread computes.
import { describe, expect, it } from 'vitest';
import { tableParts, type Rating, type TableParts } from '../aggregation';
import { tabulate } from '../aggregation/table';
import { seededRandom } from '../seeded-random';
import { startTableWorker, tablePartsBeside } from './table-worker';

const random = seededRandom(11);
const ratings: Rating[] = [];
for (let r = 0; r < 40; r++) {
  for (let c = 0; c < 30; c++) if (random() < 0.7) ratings.push({ claimId: `c${c}`, reviewerId: `r${r}`, value: Math.min(1, Math.max(0, ((r % 2) * 0.6 + random() * 0.4 + (c % 4) * 0.05))) });
}

describe('tablePartsBeside', () => {
  it('starts the worker on first use (computing there once it is ready) and answers with the parts computed here', async () => {
    const table = tabulate(ratings);
    // not ready yet on the first call: the caller computes the parts itself meanwhile
    let pending: Promise<TableParts> | null = tablePartsBeside(table);
    const deadline = Date.now() + 60_000;
    while (pending === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      pending = tablePartsBeside(table);
    }
    expect(pending).not.toBeNull();
    const parts = await (pending as Promise<TableParts>);
    expect(parts).toEqual(tableParts(table));
    expect(parts.implicitCruxes.length).toBeGreaterThan(0);
    // the caller's table is whole after the request (its ℓ matrix was copied, not moved)
    expect(table.logits.length).toBe(30 * 40);
  });

  it('says when it is ready (as the server asks when it starts), and then takes every request', async () => {
    expect(await startTableWorker()).toBe(true);
    expect(tablePartsBeside(tabulate(ratings))).not.toBeNull();
  });

  it('leaves a table larger than its cap to the caller (null) rather than copying it', async () => {
    expect(await startTableWorker()).toBe(true);
    const table = tabulate(ratings);
    expect(tablePartsBeside(table, { maxCells: table.logits.length - 1 })).toBeNull();
    const atTheCap = tablePartsBeside(table, { maxCells: table.logits.length });
    expect(atTheCap).not.toBeNull();
    expect(await atTheCap).toEqual(tableParts(table));
  });

  it('answers requests made together, each with its own table', async () => {
    const first = tabulate(ratings);
    const second = tabulate(ratings.filter((r) => r.reviewerId !== 'r0'));
    const [a, b] = await Promise.all([tablePartsBeside(first), tablePartsBeside(second)]);
    expect(a).toEqual(tableParts(first));
    expect(b).toEqual(tableParts(second));
    expect(b?.pairRanking.total).toBeLessThan(a?.pairRanking.total ?? 0);
  });
});
