// What `npm start` prints while it works: lines that stay, and a progress line that a terminal redraws in place
// (carriage return, clear line) and a pipe or a log file gets as plain lines, one per update. A step that may
// run long without saying anything itself (creating the embedded database, Next compiling) gets a heartbeat:
// its elapsed time once nothing was printed for a while (a second on a terminal, ten in a pipe).

export type ProgressOut = {
  /** a line that stays */
  line: (text: string) => void;
  /** the current step's progress: redrawn on a terminal, a line of its own otherwise */
  progress: (text: string) => void;
  /** Until the returned function is called: "<label> (N s)" as progress whenever the output has been quiet a while. */
  heartbeat: (label: string) => () => void;
};

type Stream = { isTTY?: boolean; write: (chunk: string) => unknown };

export function progressOut({ log, stream }: { log: (line: string) => void; stream?: Stream }): ProgressOut {
  const isTTY = stream?.isTTY === true;
  let isShowing = false;
  let lastOutput = performance.now();
  const clear = () => {
    if (isShowing) stream?.write('\r\x1b[2K');
    isShowing = false;
  };
  const progress = (text: string) => {
    lastOutput = performance.now();
    if (!isTTY) return log(text);
    stream?.write(`\r\x1b[2K${text}`);
    isShowing = true;
  };
  return {
    line: (text) => {
      clear();
      lastOutput = performance.now();
      log(text);
    },
    progress,
    heartbeat: (label) => {
      const started = performance.now();
      const quietMs = isTTY ? 1_000 : 10_000;
      const timer = setInterval(() => {
        if (performance.now() - lastOutput >= quietMs) progress(`${label} (${seconds(performance.now() - started)})`);
      }, 1_000);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

/** Seconds, one decimal: "2.3 s". */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
