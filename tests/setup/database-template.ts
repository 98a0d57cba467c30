// Integration and API global setup: one migrated template database per run, that every test file's database is
// copied from (tests/setup/database.ts), dropped when the run ends. Both projects' setups run in one process
// and share it: made once (two of Prisma's WASM schema engines at once in one process panic), dropped after the
// last project's teardown.
import type { TestProject } from 'vitest/node';
import { createDatabaseTemplate, type DatabaseTemplate } from '../support/database-template';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: DatabaseTemplate;
  }
}

type Shared = { made: ReturnType<typeof createDatabaseTemplate>; users: number };
const holder = globalThis as typeof globalThis & { cruxmapDatabaseTemplate?: Shared };

export default async function setup(project: TestProject) {
  const shared = (holder.cruxmapDatabaseTemplate ??= { made: createDatabaseTemplate(process.env.DATABASE_URL), users: 0 });
  shared.users += 1;
  const { template, drop } = await shared.made;
  project.provide('databaseTemplate', template);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete holder.cruxmapDatabaseTemplate;
    await drop();
  };
}
