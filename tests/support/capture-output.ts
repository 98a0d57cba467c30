// Everything the process prints while a function runs: console.* and direct writes to stdout/stderr, so a test
// can assert that a secret never reaches the logs.
import { formatWithOptions } from 'node:util';

const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Replaces `target[key]` and returns how to put the original back exactly (own property or inherited). */
function replace<T extends object>(target: T, key: keyof T & string, value: unknown): () => void {
  const own = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value, configurable: true, writable: true, enumerable: own?.enumerable ?? false });
  return () => {
    if (own) Object.defineProperty(target, key, own);
    else delete target[key];
  };
}

export async function captureOutput<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const write = (chunk: unknown): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    return true;
  };
  const restore = [
    ...consoleMethods.map((name) =>
      replace(console, name, (...args: unknown[]) => {
        chunks.push(formatWithOptions({ depth: Infinity }, ...args));
      }),
    ),
    replace(process.stdout, 'write', write),
    replace(process.stderr, 'write', write),
  ];
  try {
    const result = await run();
    return { result, output: chunks.join('\n') };
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}
