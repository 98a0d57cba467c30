// ESLint with type information (typescript-eslint) and Next's rules.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import regexpPlugin from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.next/**', 'node_modules/**', 'lib/generated/**', '.data/**', 'next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  regexpPlugin.configs['flat/recommended'],
  {
    // User text goes through many of these patterns (the importer, search, anchoring): none may backtrack
    // super-linearly, whether on one match attempt or across the attempts of a global search.
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@next/next': nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The generated Prisma types are the database's shape; pages and components get theirs from lib/ (e.g. the
    // Role of lib/workspaces/schemas.ts), so a schema change stops at lib/'s DTOs instead of reaching the UI.
    files: ['app/**/*.ts', 'app/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)generated/prisma(/|$)',
              message: 'app/ does not import the generated Prisma types: import the type from lib/ (a schemas.ts or a DTO).',
            },
          ],
        },
      ],
    },
  },
  {
    // Only queries and mutations files touch the database (see STYLE.md): lib/db.ts is imported there, in
    // lib/database/ (the client's own plumbing), in tests, the bench and the seed, and where the CLI opens and
    // closes the database around a command. Dynamic import() counts too. Type-only imports are not access.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: [
      '**/queries.ts',
      '**/mutations.ts',
      '**/*-queries.ts',
      '**/*-mutations.ts',
      'lib/db.ts',
      'lib/database/**',
      '**/*.test.ts',
      '**/*.test.tsx',
      'tests/**',
      'prisma/**',
      'bin/**',
      'lib/cli/start-command.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@/lib/|(\\.\\.?/)+(lib/)?)db$',
              allowTypeImports: true,
              message: 'Only queries.ts/mutations.ts (or *-queries.ts/*-mutations.ts) files use the database client: move this access into one.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^(@\\/lib\\/|(\\.\\.?\\/)+(lib\\/)?)db$/]',
          message: 'Only queries.ts/mutations.ts (or *-queries.ts/*-mutations.ts) files use the database client: move this access into one.',
        },
      ],
    },
  },
  {
    // lib/env.ts parses the environment once; everything else reads it from there (see its opening comment).
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    ignores: ['lib/env.ts', 'bin/cruxmap.js', 'vitest.config.ts', 'tests/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings from lib/env.ts (env), not process.env.' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
