// ESLint flat config: TypeScript-aware recommended rules, and the layers of DESIGN.md §6 as import
// rules (components → controllers → core → protocol / vision; node → protocol / vision; never the
// reverse). Formatting is Prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** `no-restricted-imports` patterns: what a folder may not import, with the reason shown on a violation. */
const layer = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });
const deny = (group, message) => ({ group, message });

const UP = ['..', '../..', '../../..', '../../../..'];
const upTo = (folders) => UP.flatMap((up) => folders.map((folder) => `${up}/${folder}/**`));
const nodeSide = deny(
  [
    'node:*',
    'fastify',
    '@fastify/*',
    'sharp',
    'onnxruntime-node',
    'pg',
    'ioredis',
    '@electric-sql/*',
    '**/node/src/**',
    '@openfaceio/node',
    '@openfaceio/node/*',
  ],
  'the library runs in browsers: it never imports the node or Node.js modules',
);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/models/',
      '**/dist/',
      '**/.cache/',
      'storybook-static/',
      'src/generated/',
      'node/console-ui/src/generated/',
      '**/bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', TextDecoder: 'readonly', Buffer: 'readonly', performance: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  // The contract imports nothing: both sides depend on it.
  layer(
    ['src/protocol/**'],
    [deny(['../*', 'lit', 'lit/*', 'xstate', '@lit/*', 'node:*'], 'src/protocol is types and constants only: it imports nothing')],
  ),
  // Isomorphic vision: runs under onnxruntime-web (worker) and onnxruntime-node; no UI, no flow, no Node.js.
  layer(
    ['src/vision/**'],
    [
      deny(
        [...upTo(['core', 'components', 'controllers', 'localization', 'protocol']), 'lit', 'lit/*', 'xstate'],
        'src/vision is the isomorphic engine: it depends on nothing but itself',
      ),
      nodeSide,
    ],
  ),
  // Core: framework-agnostic (no Lit), never the layers above it.
  layer(
    ['src/core/**'],
    [
      deny([...upTo(['components', 'controllers']), 'lit', 'lit/*'], 'src/core is framework-agnostic: no Lit, no components or controllers'),
      nodeSide,
    ],
  ),
  layer(['src/controllers/**'], [deny(upTo(['components']), 'controllers sit below the components'), nodeSide]),
  layer(['src/components/**', 'src/localization/**', 'src/axiam/**', 'src/*.ts'], [nodeSide]),
  // The console's browser code (the node's UI, bundled by node/scripts/build-console.mjs): Lit, the
  // contract at most; never the node's server code or Node.js.
  layer(
    ['node/console-ui/**'],
    [
      deny(
        ['node:*', 'fastify', '@fastify/*', '**/node/src/**', '../../src/**', '../../../src/**', 'openfaceio', 'openfaceio/src/*'],
        'the console is browser code: Lit and openfaceio/protocol only',
      ),
    ],
  ),
  // The node reaches the library only through its published entries.
  layer(
    ['node/src/**'],
    [
      deny(
        [...new Set(UP.flatMap((up) => [`${up}/../src/**`, `${up}/../../src/**`])), 'openfaceio/src/*', 'lit', 'lit/*', 'xstate'],
        'the node imports the library only as openfaceio/protocol and openfaceio/vision',
      ),
    ],
  ),
);
