import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FEATURES = ['auth', 'home', 'directory', 'roles', 'audit', 'accounts', 'settings', 'overview'];
const TAURI = { group: ['@tauri-apps/api', '@tauri-apps/api/*'], message: 'Only src/ipc/invoke.ts may import @tauri-apps/api.' };
// A copied secret must be cleared again; one module does both.
const CLIPBOARD = { group: ['@tauri-apps/plugin-clipboard-manager'], message: 'Use copySecret from src/ipc/clipboard.ts.' };

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
      'no-restricted-imports': ['error', { patterns: [TAURI, CLIPBOARD] }],
    },
  },
  {
    files: ['src/ipc/invoke.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CLIPBOARD] }] },
  },
  {
    files: ['src/ipc/clipboard.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TAURI] }] },
  },
  // Features do not import each other; src/app composes them.
  ...FEATURES.map((feature) => ({
    files: [`src/features/${feature}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            TAURI,
            CLIPBOARD,
            {
              group: FEATURES.filter((f) => f !== feature).flatMap((f) => [`**/features/${f}`, `**/features/${f}/**`, `../${f}`, `../${f}/**`]),
              message: 'Features do not import each other; compose them in src/app.',
            },
          ],
        },
      ],
    },
  })),
);
