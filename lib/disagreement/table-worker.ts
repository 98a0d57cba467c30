// A second thread for a cold map's statistics. The table parts of the map (reviewer pairs, alpha, implicit cruxes:
// lib/aggregation/map.ts) read only the rating table's ℓ, and take about half of the statistics' time at scale;
// on this thread they wait for nothing but the table, so they run there while the request's thread computes the
// rest (claim statistics, opinion groups, bridging, cruxes), and a cold map takes the longer of the two instead of
// their sum. One worker per process, started on first use, idle (and not keeping the process alive) between maps;
// requests queue in order. Until it is ready, or if it fails, the caller computes the parts itself: the answer is
// the same either way, only when it comes differs.
//
// The worker runs table-worker-entry.ts from the app's folder (the server, the CLI and the tests all run from it)
// through tsx, as the server itself does: the Next bundle of this file never includes the worker's code.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RatingTable, TableParts } from '../aggregation';

/** A request to the worker: a table's ids and ℓ matrix (copied: the caller's table stays whole). */
export type TableRequest = { id: number; claimIds: string[]; reviewerIds: string[]; logits: Float64Array; implicitCruxLimit?: number };
export type TableResponse = { ready: true } | { id: number; parts: TableParts } | { id: number; error: string };

type Pending = { resolve: (parts: TableParts) => void; reject: (error: Error) => void };

/**
 * The largest ℓ matrix sent to the worker (claims × reviewers cells; 8 bytes each, copied): 4 000 000 cells is 32 MB,
 * ten times the bench's 200 × 2 000. A larger table is computed on the request's thread rather than held twice.
 */
export const MAX_WORKER_CELLS = 4_000_000;

const entry = (): string => path.join(process.cwd(), 'lib', 'disagreement', 'table-worker-entry.ts');

class TableWorker {
  private worker: Worker | null = null;
  private ready = false;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** callers of whenReady, told once the worker is ready (true) or failed (false) */
  private waiting: ((ready: boolean) => void)[] = [];

  /** Starts the worker if it is not running; resolves true once it takes work, false when it cannot. */
  whenReady(): Promise<boolean> {
    if (this.failed) return Promise.resolve(false);
    if (this.worker === null) this.start();
    if (this.ready || this.failed) return Promise.resolve(this.ready);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private settle(ready: boolean): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve(ready);
  }

  /**
   * The table parts of `table`, computed on the worker; null when it cannot take them now (not started or not ready
   * yet: this call starts it; or failed) or the table is larger than `maxCells`: the caller computes them itself.
   */
  run(table: RatingTable, options: { implicitCruxLimit?: number; maxCells?: number } = {}): Promise<TableParts> | null {
    if (this.failed || table.logits.length > (options.maxCells ?? MAX_WORKER_CELLS)) return null;
    const worker = this.worker ?? this.start();
    if (!worker || !this.ready) return null;
    const id = this.nextId++;
    const request: TableRequest = { id, claimIds: table.claimIds, reviewerIds: table.reviewerIds, logits: table.logits, implicitCruxLimit: options.implicitCruxLimit };
    return new Promise<TableParts>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // while a request is out, the worker keeps the process alive (a CLI awaiting a map would otherwise exit)
      worker.ref();
      worker.postMessage(request);
    });
  }

  /** Starts the worker once it is asked for work; null when it cannot be started here. */
  private start(): Worker | null {
    const code = `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(pathToFileURL(entry()).href)});`;
    let worker: Worker;
    try {
      worker = new Worker(code, { eval: true, name: 'cruxmap-map-tables' });
    } catch (error) {
      this.fail(error);
      return null;
    }
    this.worker = worker;
    worker.on('message', (message: TableResponse) => {
      if ('ready' in message) {
        this.ready = true;
        this.settle(true);
        return;
      }
      const job = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if (!job) return;
      if ('parts' in message) job.resolve(message.parts);
      else job.reject(new Error(message.error));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fail(new Error(`the map's table worker stopped (exit code ${code})`));
    });
    // idle, it keeps no process alive (after the listeners: adding a 'message' listener refs the worker again)
    worker.unref();
    return worker;
  }

  /** From now on the callers compute the parts themselves; whatever was asked fails over to them too. */
  private fail(error: unknown): void {
    if (!this.failed) console.error("[map] the table worker is unavailable; maps compute their table parts on the request's thread:", error instanceof Error ? error.message : error);
    this.failed = true;
    this.ready = false;
    const worker = this.worker;
    this.worker = null;
    for (const job of this.pending.values()) job.reject(new Error('the table worker is unavailable'));
    this.pending.clear();
    this.settle(false);
    void worker?.terminate();
  }
}

const globalForWorker = globalThis as typeof globalThis & { cruxmapTableWorker?: TableWorker };
const tableWorker: TableWorker = (globalForWorker.cruxmapTableWorker ??= new TableWorker());

/**
 * Starts the worker ahead of the first map (the server does at start) and resolves once it takes work (true) or
 * cannot (false: maps then compute their table parts on the request's thread).
 */
export function startTableWorker(): Promise<boolean> {
  return tableWorker.whenReady();
}

/** The table parts of `table` on the worker, or null: see TableWorker.run. */
export function tablePartsBeside(table: RatingTable, options: { implicitCruxLimit?: number; maxCells?: number } = {}): Promise<TableParts> | null {
  return tableWorker.run(table, options);
}
