import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Exactly one module talks to the backend.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@tauri-apps/api', '@tauri-apps/api/*'], message: 'Only src/ipc/invoke.ts may import @tauri-apps/api.' }] },
      ],
    },
  },
  {
    files: ['src/ipc/invoke.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Features do not import each other.
    files: ['src/features/auth/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/features/home', '**/features/home/**', '../home', '../home/**', '@tauri-apps/api*'] }] },
  },
  {
    files: ['src/features/home/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/features/auth', '**/features/auth/**', '../auth', '../auth/**', '@tauri-apps/api*'] }] },
  },
);
