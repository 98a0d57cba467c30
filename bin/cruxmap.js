#!/usr/bin/env node
// `npx cruxmap`: runs the TypeScript CLI through tsx, so it shares lib/ with the app without a build step.
import { register } from 'tsx/esm/api';

register();
await import('./cruxmap.ts');
