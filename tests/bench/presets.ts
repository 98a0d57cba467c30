// What the bench generator can make; a module of its own, with no imports, so that run.ts can check its flags
// before anything opens a database.
export const presets = ['scale', 'demo'] as const;
export type Preset = (typeof presets)[number];
