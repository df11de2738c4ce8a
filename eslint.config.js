import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'resources/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Only the Electron glue may import 'electron'; the renderer never imports main-process code.
    files: ['electron/services/**', 'electron/db/**', 'electron/core/**', 'electron/host/**', 'electron/divisions/**', 'shared/**', 'renderer/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: '只有 electron/shell、main.ts、preload.ts 可以引用 electron' }] }] },
  },
  {
    files: ['renderer/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/electron/**'], message: '界面只能引用 shared/，不能引用主进程代码' }] }] },
  },
  {
    // Playwright fixtures take `{}` and call `use`; neither is React.
    files: ['tests/e2e/**'],
    rules: { 'no-empty-pattern': 'off', 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
);
