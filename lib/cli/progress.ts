// What `npm start` prints while it works: lines that stay, and a progress line that a terminal redraws in place
// (carriage return, clear line) and a pipe or a log file gets as plain lines, one per update.

export type ProgressOut = {
  /** a line that stays */
  line: (text: string) => void;
  /** the current step's progress: redrawn on a terminal, a line of its own otherwise */
  progress: (text: string) => void;
};

export function progressOut({ log, stream }: { log: (line: string) => void; stream?: { isTTY?: boolean; write: (chunk: string) => unknown } }): ProgressOut {
  const isTTY = stream?.isTTY === true;
  let isShowing = false;
  const clear = () => {
    if (isShowing) stream?.write('\r\x1b[2K');
    isShowing = false;
  };
  return {
    line: (text) => {
      clear();
      log(text);
    },
    progress: (text) => {
      if (!isTTY) return log(text);
      stream?.write(`\r\x1b[2K${text}`);
      isShowing = true;
    },
  };
}

/** Seconds, one decimal: "2.3 s". */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
