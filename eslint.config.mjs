// ESLint 9 flat config: typescript-eslint everywhere, the Power Apps checker rules on the code
// that runs inside Dynamics (pcf/ and webresources/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import powerApps from '@microsoft/eslint-plugin-power-apps';

// The relay's layers (docs/architecture.md): what each folder of plugins-proxy/src may not import.
const RELAY = 'plugins-proxy/src';
const folders = (...names) => names.map((name) => `**/${name}/*`);
const layer = (files, group, message) => ({
  files: [`${RELAY}/${files}/**/*.ts`],
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] },
});
const relayLayers = [
  layer(
    'domain',
    [
      ...folders(
        'adapters',
        'jobs',
        'push',
        'routes',
        'relay',
        'connections',
        'pull',
        'oauth',
        'xeroWebhooks',
      ),
      '**/config',
      '**/logger',
      '**/metrics',
      '**/relayMetrics',
      'node:*',
      'pino',
      'fastify',
    ],
    'The domain is pure: it imports only solution/names and its own modules.',
  ),
  layer(
    'adapters',
    folders('push', 'jobs', 'routes', 'relay', 'connections', 'pull'),
    'Adapters never import the push, jobs, routes or the wiring that uses them.',
  ),
  layer(
    'jobs',
    [
      ...folders('push', 'routes', 'relay', 'connections', 'pull'),
      '**/adapters/dataverse/*',
      '**/adapters/xero/*',
    ],
    'The job queue and worker know jobs and the store only, never Dataverse, Xero or the push.',
  ),
  layer(
    'routes',
    folders('push', 'relay', 'pull'),
    'Routes parse, verify and enqueue; the work lives elsewhere.',
  ),
  layer(
    'push',
    folders('routes', 'relay'),
    'The push pipeline never reaches back to the routes or the wiring.',
  ),
];

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
  ...relayLayers,
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
