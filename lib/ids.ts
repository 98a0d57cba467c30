// Row ids made in the app for rows it writes with its own SQL (multi-row or one-statement INSERTs), shaped like
// the cuid() default of Prisma that the other rows get (cuid version 1): "c", the time in milliseconds, a counter,
// a fingerprint of the process and random characters, in base 36 — 25 characters. Like Prisma's, they sort by the
// time they were made (then by the counter, within a millisecond of one process), so that everything that breaks
// ties by id orders these rows as it orders the rest.
import { randomFillSync } from 'node:crypto';
import { hostname } from 'node:os';

const BASE = 36;
const BLOCK = 4;
const BLOCK_SIZE = BASE ** BLOCK;

const pad = (value: string, size: number): string => value.padStart(size, '0').slice(-size);

let counter = 0;

const fingerprint = (() => {
  const host = hostname();
  let sum = host.length + BASE;
  for (const char of host) sum += char.charCodeAt(0);
  return pad(process.pid.toString(BASE), 2) + pad(sum.toString(BASE), 2);
})();

// random bytes drawn 4 KiB at a time: one call into the generator per 512 ids instead of two per id
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomUInt32(): number {
  if (poolOffset + 4 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const value = pool.readUInt32BE(poolOffset);
  poolOffset += 4;
  return value;
}

function randomBlock(): string {
  return pad((randomUInt32() % BLOCK_SIZE).toString(BASE), BLOCK);
}

export function newId(): string {
  counter = counter < BLOCK_SIZE - 1 ? counter + 1 : 0;
  return `c${Date.now().toString(BASE)}${pad(counter.toString(BASE), BLOCK)}${fingerprint}${randomBlock()}${randomBlock()}`;
}
