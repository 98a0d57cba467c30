// Small helpers the bench's sections share: percentiles of timings and how figures are printed.

/** The p-th percentile (0–100) of the samples, nearest-rank; 0 for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

export const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

export const perSecond = (count: number, elapsedMs: number): string => `${Math.round(count / (elapsedMs / 1000))}/s`;

export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

/** One line of the bench's results table; `met` says whether a figure with a target reached it. */
export type Figure = { figure: string; value: string; target: string; met?: 'yes' | 'no' };
