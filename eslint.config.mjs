// ESLint 9 flat config: typescript-eslint everywhere, the Power Apps checker rules on the code
// that runs inside Dynamics (pcf/ and webresources/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import powerApps from '@microsoft/eslint-plugin-power-apps';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'coverage/**',
      'test-results/**',
      '.sandbox/**',
      'pcf/out/**',
      'pcf/obj/**',
      'pcf/**/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['pcf/**/*.{ts,tsx}', 'webresources/**/*.ts'],
    plugins: { '@microsoft/power-apps': powerApps },
    rules: {
      ...powerApps.configs.paCheckerHosted.rules,
      '@microsoft/power-apps/avoid-loadtheme': 'error',
      '@microsoft/power-apps/avoid-ui-refreshribbon': 'error',
    },
  },
);
