// A loop that awaits the time slicer between items lets the event loop serve other work while it runs.
import { describe, expect, it } from 'vitest';
import { timeSlicer } from './time-slice';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('timeSlicer', () => {
  it('yields to callbacks waiting on the event loop during a long loop of CPU work', async () => {
    const yieldNow = timeSlicer(5);
    let waited = -1;
    let item = 0;
    setImmediate(() => {
      waited = item;
    });
    for (; item < 200 && waited < 0; item++) {
      busy(1);
      await yieldNow();
    }
    // served during the loop, within a slice or so (each item takes ≥ 1 ms, a slice is 5 ms), long before its 200
    // items; a busy machine may make the very first item's slice run out, so 0 is a fair answer too
    expect(waited).toBeGreaterThanOrEqual(0);
    expect(waited).toBeLessThan(100);
  });

  it('does not yield within a slice', async () => {
    const yieldNow = timeSlicer(60_000);
    let ran = false;
    setImmediate(() => {
      ran = true;
    });
    for (let item = 0; item < 100; item++) await yieldNow();
    expect(ran).toBe(false);
  });
});
