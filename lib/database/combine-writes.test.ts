import { describe, expect, it } from 'vitest';
import { combineWrites } from './combine-writes';

/** A batch writer whose writes the test finishes by hand, recording each batch it was given. */
function heldWriter(answer: (item: string) => string = (item) => `wrote ${item}`) {
  const batches: string[][] = [];
  const pending: { finish: () => void; fail: (error: Error) => void }[] = [];
  const write = (items: readonly string[]) => {
    batches.push([...items]);
    return new Promise<string[]>((resolve, reject) => {
      pending.push({ finish: () => resolve(items.map(answer)), fail: reject });
    });
  };
  const settle = async () => new Promise((resolve) => setImmediate(resolve));
  return { batches, pending, write, settle };
}

describe('combineWrites', () => {
  it('writes a lone item at once, alone', async () => {
    const w = heldWriter();
    const submit = combineWrites(w.write, { max: 8 });
    const answer = submit('ws-1', 'a');
    expect(w.batches).toEqual([['a']]);
    w.pending[0]?.finish();
    expect(await answer).toBe('wrote a');
  });

  it('sends the items that queued behind a running write together, each answered with its own result', async () => {
    const w = heldWriter();
    const submit = combineWrites(w.write, { max: 8 });
    const answers = ['a', 'b', 'c', 'd'].map((item) => submit('ws-1', item));
    expect(w.batches).toEqual([['a']]);
    w.pending[0]?.finish();
    await w.settle();
    expect(w.batches).toEqual([['a'], ['b', 'c', 'd']]);
    w.pending[1]?.finish();
    expect(await Promise.all(answers)).toEqual(['wrote a', 'wrote b', 'wrote c', 'wrote d']);
  });

  it('keeps keys apart: another key does not wait', async () => {
    const w = heldWriter();
    const submit = combineWrites(w.write, { max: 8 });
    const first = submit('ws-1', 'a');
    const other = submit('ws-2', 'x');
    expect(w.batches).toEqual([['a'], ['x']]);
    w.pending[1]?.finish();
    expect(await other).toBe('wrote x');
    w.pending[0]?.finish();
    expect(await first).toBe('wrote a');
  });

  it('caps a batch at max items; the rest go in the next', async () => {
    const w = heldWriter();
    const submit = combineWrites(w.write, { max: 2 });
    const answers = ['a', 'b', 'c', 'd', 'e'].map((item) => submit('ws-1', item));
    for (let i = 0; i < 3; i++) {
      w.pending[i]?.finish();
      await w.settle();
    }
    expect(w.batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
    expect(await Promise.all(answers)).toHaveLength(5);
  });

  it('writes each item of a failed batch again alone, so that only the item at fault fails', async () => {
    const batches: string[][] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const submit = combineWrites(
      async (items: readonly string[]) => {
        batches.push([...items]);
        if (items[0] === 'a') await held;
        if (items.includes('bad')) throw new Error('bad item');
        return items.map((item) => `wrote ${item}`);
      },
      { max: 8 },
    );
    const answers = ['a', 'b', 'bad', 'c'].map((item) => submit('ws-1', item).then((r) => r, (e: Error) => `failed: ${e.message}`));
    release();
    expect(await Promise.all(answers)).toEqual(['wrote a', 'wrote b', 'failed: bad item', 'wrote c']);
    expect(batches).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('serves a key again after its queue has drained, and refuses a max that is not a positive integer', async () => {
    const w = heldWriter();
    const submit = combineWrites(w.write, { max: 4 });
    const first = submit('ws-1', 'a');
    w.pending[0]?.finish();
    await first;
    const second = submit('ws-1', 'b');
    await w.settle();
    expect(w.batches).toEqual([['a'], ['b']]);
    w.pending[1]?.finish();
    expect(await second).toBe('wrote b');
    expect(() => combineWrites(w.write, { max: 0 })).toThrow(RangeError);
  });
});
