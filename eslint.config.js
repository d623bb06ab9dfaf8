// Layer rules (docs/design.md, "Layers"): ui → state → workers → ml → core; charts → core (types);
// cli → ml → core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const noTf = {
  group: ['@tensorflow/*'],
  message: 'tfjs lives in src/ml only (docs/design.md, Layers): core stays pure, ui talks to workers.',
};
const noReact = { group: ['react', 'react-dom', 'react/*'], message: 'React belongs to src/ui only.' };
const noDom = { group: ['d3', 'd3-*'], message: 'd3 belongs to src/charts only.' };
const layer = (name, groups) => ({
  group: groups,
  message: `${name} may not import this layer (docs/design.md: imports point one way).`,
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'public/data/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits or catches loses its error, and one handed where a
    // void callback is expected (an event handler) is never awaited. Each file is typed by the
    // tsconfig of its runtime; core files are in two, the first listed wins.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.core.json',
          './tsconfig.worker.json',
          './tsconfig.app.json',
          './tsconfig.node.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noTf,
            noReact,
            noDom,
            layer('core', [
              '**/ml/**',
              '**/workers/**',
              '**/state/**',
              '**/ui/**',
              '**/charts/**',
              '**/cli/**',
            ]),
            {
              group: ['node:*', 'fs', 'path'],
              message: 'core runs in browsers and workers too: no Node modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ml/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noReact,
            noDom,
            layer('ml', ['**/workers/**', '**/state/**', '**/ui/**', '**/charts/**', '**/cli/**']),
          ],
        },
      ],
    },
  },
  {
    files: ['src/workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noReact,
            noDom,
            layer('workers', ['**/state/**', '**/ui/**', '**/charts/**', '**/cli/**']),
          ],
        },
      ],
    },
  },
  {
    files: ['src/charts/**/*.ts', 'src/charts/**/*.tsx'],
    ignores: ['src/charts/react/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noTf,
            noReact,
            layer('charts', ['**/ml/**', '**/workers/**', '**/state/**', '**/ui/**', '**/cli/**']),
          ],
        },
      ],
    },
  },
  {
    files: ['src/state/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noTf,
            noReact,
            noDom,
            layer('state', ['**/ui/**', '**/charts/**', '**/cli/**', '**/ml/**']),
            {
              group: ['**/*.worker', '**/*.worker.ts'],
              message: 'state reaches workers through workers/client only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noTf,
            layer('ui', ['**/ml/**', '**/cli/**']),
            {
              group: ['**/*.worker', '**/*.worker.ts', '**/workers/**'],
              message: 'ui never imports a worker: go through state/jobs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noReact,
            noDom,
            layer('cli', ['**/ui/**', '**/state/**', '**/charts/**', '**/workers/**']),
          ],
        },
      ],
    },
  },
  {
    // Tests run in Node and may read fixtures from disk and use the CLI's loaders.
    files: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
