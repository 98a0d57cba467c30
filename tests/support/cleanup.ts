// What a process that starts servers (the bench, the e2e tests) must undo even when it is interrupted (Ctrl-C,
// SIGTERM): stop the servers it started and drop its throwaway databases. A step is registered while its resource
// exists; on a signal every registered step runs (for at most 20 s in all) before the process exits.
const steps = new Set<() => Promise<void>>();
let isInstalled = false;
let wasInterrupted = false;

/** True once a signal has started the clean-up: failures after it are the clean-up's doing. */
export const isInterrupted = (): boolean => wasInterrupted;

async function runAllAndExit(): Promise<never> {
  const pending = [...steps];
  steps.clear();
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 20_000).unref());
  await Promise.race([Promise.allSettled(pending.map((step) => step())), timeout]);
  process.exit(130);
}

/** Registers a step to run if the bench is interrupted; returns a function that unregisters it. */
export function onInterrupt(step: () => Promise<void>): () => void {
  if (!isInstalled) {
    isInstalled = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        wasInterrupted = true;
        console.error(`\nbench: ${signal}, cleaning up…`);
        void runAllAndExit();
      });
    }
  }
  steps.add(step);
  return () => steps.delete(step);
}
