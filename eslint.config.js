// ESLint (flat config): TypeScript's recommended rules, the React hooks rules, no unused code, and the
// layering written as import boundaries (README.md, "Layout"), so that breaking it is a lint error.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Every top-level folder of ours; each layer below says which of them it may not import. */
const OURS = ['domain', 'server', 'main', 'preload', 'renderer', 'scripts', 'bench', 'tests'];
const allBut = (...allowed) => OURS.filter((folder) => !allowed.includes(folder)).map((folder) => `./${folder}/**/*`);

/**
 * The desktop contract: the API type, the IPC channel names and the shortcut table the bridge owns.
 * main/, preload/ and renderer/ share it and nothing else across those three.
 */
const CONTRACT = ['**/preload/contract*', '**/preload/contract*/**'];

/**
 * One zone per layer: files under `target` may not import from `from`, `except` aside. Imports are
 * resolved first (through the tsconfigs), so `../../server/x` and `../server` are caught alike.
 * tests/ and bench/ drive every layer and may import anything.
 */
const zones = [
  { target: './domain', from: allBut('domain'), message: 'domain/ holds pure rules and imports nothing of ours.' },
  { target: './server', from: allBut('server', 'domain'), message: 'server/ imports domain/ only.' },
  {
    target: './main',
    from: allBut('main', 'domain'),
    except: CONTRACT,
    message: 'main/ imports domain/ and the desktop contract only.',
  },
  {
    target: './renderer',
    from: allBut('renderer', 'domain'),
    except: CONTRACT,
    message: 'renderer/ imports domain/ and the desktop contract only.',
  },
  {
    target: './preload',
    from: allBut('preload'),
    message: 'preload/ owns the desktop contract and imports nothing else of ours.',
  },
  // scripts/ (npm start, the installers) stand beside the app.
  { target: './scripts', from: allBut('scripts', 'domain'), message: 'scripts/ imports domain/ only.' },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'node_modules/**',
      'bench/results/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.test.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        // A leading underscore names what is deliberately left out: `{ password: _password, ...rest }`.
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // The rules of hooks and their dependency lists. Not the plugin's React Compiler rules (refs,
    // purity, immutability, set-state-in-effect…): this app is not compiled by the React Compiler, and
    // they flag patterns it uses on purpose (the last answer kept in a ref for the next live query, the
    // board controller handed the current lane order during render).
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Text rules: matching control characters (to refuse them, or to tell ASCII from the rest) is the point.
    files: ['domain/text.ts', 'renderer/jobs/jobRows.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // The test REST client reads JSON answers loosely on purpose (`answer.body.job.id`); tests type what they check.
    files: ['tests/integration/restClient.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['eslint.config.js'],
    languageOptions: { globals: { process: 'readonly' } },
  },
);
