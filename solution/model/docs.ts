import { COMPONENTS } from '../names';
import { webResourceArtifactPath } from './platform';
import type { WebResource } from './types';

/**
 * The embedded documentation as web resources: docs/<page>.md is rendered by
 * scripts/build-docs.ts into dist/webresources/stl_/docs/<page>.html, with one style sheet.
 * The list is data here (the model stays free of the renderer); a test keeps it equal to what
 * the docs build writes, so a page added to docs/ without a line here fails the tests.
 */
const DOCS_PREFIX = 'stl_/docs/';

const PAGES: readonly (readonly [page: string, title: string])[] = [
  ['getting-started', 'Getting started'],
  ['installing', 'Installing and configuring'],
  ['connecting-to-xero', 'Connecting to Xero'],
  ['defaults', 'Defaults'],
  ['gl-codes-and-tax-rates', 'GL codes and tax rates'],
  ['syncing', 'Syncing invoices, bills and credit notes'],
  ['write-ins-and-bundles', 'Write-ins and bundles'],
  ['invoice-numbers', 'Invoice numbers'],
  ['emailing', 'Emailing from Xero'],
  ['payments', 'Payments'],
  ['bulk-sync', 'Bulk sync'],
  ['dashboard', 'The Stellarise dashboards'],
  ['sync-history', 'Sync history'],
  ['troubleshooting', 'Troubleshooting'],
  ['upgrading', 'Upgrading'],
  ['sales-hub', 'The Sales Hub area'],
  ['sync-rules', 'How an invoice becomes a Xero document'],
  ['snapshot', 'The invoice snapshot'],
];

function page(name: string, displayName: string, description: string): WebResource {
  return {
    name,
    displayName,
    description,
    type: 'html',
    source: { from: 'artifacts', path: webResourceArtifactPath(name) },
  };
}

export const DOCS_WEB_RESOURCES: readonly WebResource[] = [
  page(
    COMPONENTS.docsPage,
    'Stellarise documentation',
    'The user guide, shown in the Documentation area of the app.',
  ),
  ...PAGES.map(([name, title]) =>
    page(
      `${DOCS_PREFIX}${name}.html`,
      `Stellarise documentation: ${title}`,
      `The user guide page "${title}".`,
    ),
  ),
  {
    name: `${DOCS_PREFIX}docs.css`,
    displayName: 'Stellarise documentation style',
    description: 'The style sheet of the user guide pages.',
    type: 'css',
    source: { from: 'artifacts', path: webResourceArtifactPath(`${DOCS_PREFIX}docs.css`) },
  },
];
