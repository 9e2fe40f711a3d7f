// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Data flows one way: sources → model → views (app), and otlp → store → api on the server.
 * Each entry forbids a layer from importing the layers downstream of it.
 */
const layerRules = [
  {
    files: ['src/model/**/*.ts'],
    forbid: ['**/sources/**', '**/app/**', '**/views/**', '**/features/**', 'react', 'react-dom', 'react-router', '@tanstack/*', 'zustand', '**/server/**'],
    message: 'src/model is framework-free and upstream of everything: no React, no sources, no views, no server.',
  },
  {
    files: ['src/sources/**/*.ts'],
    forbid: ['**/app/**', '**/views/**', '**/features/**', 'react', 'react-dom', 'react-router', 'zustand', '**/server/**'],
    message: 'src/sources feeds the model; it must not import views or the server.',
  },
  {
    files: ['server/otlp/**/*.ts'],
    forbid: ['**/store/**', '**/api/**'],
    message: 'server/otlp only receives and decodes; store and api are downstream.',
  },
  {
    files: ['server/store/**/*.ts'],
    forbid: ['**/api/**'],
    message: 'server/store must not import server/api (direction: otlp → store → api).',
  },
  {
    files: ['server/**/*.ts'],
    forbid: ['**/src/app/**', '**/src/features/**', 'react', 'react-dom'],
    message: 'The server shares the model and importers, never the views.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tracescope/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // No `any` where types carry the meaning of the data.
    files: ['src/model/**/*.ts', 'src/sources/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  ...layerRules.map(({ files, forbid, message }) => ({
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: forbid, message }] }],
    },
  })),
);
