// What `npm start` prints while it works: lines that stay, and a progress line that a terminal redraws in place
// (carriage return, clear line) and a pipe or a log file gets as plain lines, one per update. A step that may
// run long without saying anything itself (creating the embedded database, Next compiling) gets a heartbeat:
// its elapsed time once nothing was printed for a while (a second on a terminal, ten in a pipe). The heartbeat
// runs in a worker thread writing straight to the output's file descriptor, because PGlite's initdb blocks this
// thread's event loop for tens of seconds on a busy machine.
import { Worker } from 'node:worker_threads';

export type ProgressOut = {
  /** a line that stays */
  line: (text: string) => void;
  /** the current step's progress: redrawn on a terminal, a line of its own otherwise */
  progress: (text: string) => void;
  /** Until the returned function is called: "<label> (N s)" as progress whenever the output has been quiet a while. */
  heartbeat: (label: string) => () => void;
};

type Stream = { isTTY?: boolean; fd?: number; write: (chunk: string) => unknown };

/** The heartbeat's thread: every 250 ms, when the output has been quiet `quietMs`, it writes the label and the time. */
const HEARTBEAT_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { fd, label, isTTY, quietMs, started, lastOutput } = workerData;
setInterval(() => {
  const now = Date.now();
  const last = Number(Atomics.load(lastOutput, 0));
  if (now - last < quietMs) return;
  const text = label + ' (' + ((now - started) / 1000).toFixed(1) + ' s)';
  writeSync(fd, isTTY ? '\\r\\x1b[2K' + text : text + '\\n');
  Atomics.store(lastOutput, 0, BigInt(now));
  Atomics.store(lastOutput, 1, 1n);
}, 250);
`;

export function progressOut({ log, stream }: { log: (line: string) => void; stream?: Stream }): ProgressOut {
  const isTTY = stream?.isTTY === true;
  let isShowing = false;
  // [0]: when anything was last printed (ms since the epoch); [1]: 1 when the heartbeat left a line to clear
  const lastOutput = new BigInt64Array(new SharedArrayBuffer(16));
  const printed = () => Atomics.store(lastOutput, 0, BigInt(Date.now()));
  printed();
  const clear = () => {
    if ((isShowing || Atomics.exchange(lastOutput, 1, 0n) === 1n) && isTTY) stream?.write('\r\x1b[2K');
    isShowing = false;
  };
  const progress = (text: string) => {
    printed();
    if (!isTTY) return log(text);
    stream?.write(`\r\x1b[2K${text}`);
    isShowing = true;
  };
  return {
    line: (text) => {
      clear();
      printed();
      log(text);
    },
    progress,
    heartbeat: (label) => {
      // only with a real file descriptor to write to (the process's own output, not a test's captured stream)
      if (stream?.fd === undefined) return () => {};
      const worker = new Worker(HEARTBEAT_SOURCE, {
        eval: true,
        workerData: { fd: stream.fd, label, isTTY, quietMs: isTTY ? 1_000 : 10_000, started: Date.now(), lastOutput },
      });
      worker.unref();
      return () => void worker.terminate();
    },
  };
}

/** Seconds, one decimal: "2.3 s". */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
