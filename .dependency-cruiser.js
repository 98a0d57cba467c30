// Import cycles fail `npm run lint`: between modules anywhere, and between lib/'s folders. A folder cycle can close
// through files that form no module cycle (lib/a/x.ts imports lib/b/y.ts while lib/b/z.ts imports lib/a/w.ts), and
// it still means neither folder can be understood, tested or moved without the other. Type-only imports count.
// Left out, so that they close no false cycle through the folder `lib` (which holds every lib/ module): test files
// (nothing imports them; lib/richtext's tests render app/ components) and what prisma/seed.ts imports (lib/cli
// starts the seed, which loads lib/ modules like any other caller).
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'This module imports itself through the modules it imports. Move what both need to a module both can import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-lib-folders',
      severity: 'error',
      scope: 'folder',
      comment: 'Two of lib/\'s folders import each other, directly or through others. Move what both need to a folder both can import.',
      from: { path: '^lib/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '^prisma/'] },
    exclude: { path: ['^(node_modules|\\.next|lib/generated|\\.data)/', '\\.test\\.tsx?$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    skipAnalysisNotInRules: true,
  },
};
