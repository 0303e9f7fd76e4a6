/**
 * The troubleshooting page is generated from the code's message catalogues, and the messages
 * other pages quote by hand must still be the code's, word for word.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MESSAGES } from '../../plugins-proxy/src/domain/findings';
import { needsAttentionMessage, type NeedsAttentionReason } from '../../plugins-proxy/src/oauth/errors';
import { ATTENTION_CAUSES, DOCS_DIR, slugOf } from '../../scripts/build-docs';
import { pageNamed, REPO_ROOT, textOf } from './support';

describe('the troubleshooting page', () => {
  it('lists every code of the pre-flight finding catalogue with its fix', () => {
    const html = pageNamed('troubleshooting').html;
    const missing = Object.entries(MESSAGES)
      .filter(([code]) => !html.includes(`<h3 id="${slugOf(code)}"><code>${code}</code></h3>`))
      .map(([code]) => code);
    expect(missing).toEqual([]);
    const fixes = Object.values(MESSAGES)
      .map((entry) => entry.fix)
      .filter((fix) => !fix.includes('{'));
    for (const fix of fixes) expect(textOf(html)).toContain(fix);
  });

  it('lists every connection message the relay writes when a connection needs attention', () => {
    const html = pageNamed('troubleshooting').html;
    for (const reason of Object.keys(ATTENTION_CAUSES) as NeedsAttentionReason[]) {
      const message = needsAttentionMessage('‹connection›', reason);
      expect(textOf(html)).toContain(message);
    }
  });

  it('starts with the hand-written introduction', () => {
    const intro = readFileSync(path.join(DOCS_DIR, 'troubleshooting.intro.md'), 'utf8');
    expect(pageNamed('troubleshooting').title).toBe(/^# (.+)$/m.exec(intro)?.[1]);
    expect(pageNamed('troubleshooting').html).toContain('id="messages-from-xero"');
  });
});

/**
 * Messages the pages quote by hand, because the code keeps them inline rather than in a
 * catalogue: each must still be what the code says, word for word.
 */
const QUOTED_BY_HAND: readonly { page: string; quote: string; source: string }[] = [
  {
    page: 'troubleshooting.intro.md',
    quote: 'has no customer: set Customer and sync again.',
    source: 'plugins-proxy/src/adapters/dataverse/snapshotReader.ts',
  },
  {
    page: 'troubleshooting.intro.md',
    quote: 'names no Xero connection and there is no default connection: set Connection on',
    source: 'plugins-proxy/src/adapters/dataverse/snapshotReader.ts',
  },
  {
    page: 'troubleshooting.intro.md',
    quote: 'was not found in Dynamics 365.',
    source: 'plugins-proxy/src/adapters/dataverse/snapshotReader.ts',
  },
  {
    page: 'troubleshooting.intro.md',
    quote: 'The relay hit an unexpected error; it will try again.',
    source: 'plugins-proxy/src/jobs/workerLoop.ts',
  },
  {
    page: 'troubleshooting.intro.md',
    quote: 'Disconnected in Dynamics; Xero clean-up was',
    source: 'plugins-proxy/src/oauth/disconnect.ts',
  },
  ...['This link cannot be used'].map((quote) => ({
    page: 'troubleshooting.intro.md',
    quote,
    source: 'plugins-proxy/src/oauth/nonceGate.ts',
  })),
  ...[
    'Sign-in not accepted',
    'Xero did not connect',
    'No organisation authorised',
    'Choice expired',
    'Organisation already connected',
  ].map((quote) => ({
    page: 'troubleshooting.intro.md',
    quote,
    source: 'plugins-proxy/src/oauth/connectFlow.ts',
  })),
  {
    page: 'syncing.md',
    quote: 'Queued for Xero. The Xero tab shows',
    source: 'webresources/scripts/invoiceRibbon.ts',
  },
  {
    page: 'syncing.md',
    quote: 'Could not queue the invoice for Xero: ',
    source: 'webresources/scripts/invoiceRibbon.ts',
  },
  { page: 'connecting-to-xero.md', quote: 'Connected to', source: 'plugins-proxy/src/oauth/pages.ts' },
];

describe('messages the pages quote by hand', () => {
  const flat = (text: string) => text.replace(/\s+/g, ' ');
  it.each(QUOTED_BY_HAND)('"$quote" is still what $source says', ({ page, quote, source }) => {
    expect(flat(readFileSync(path.join(REPO_ROOT, source), 'utf8'))).toContain(quote);
    expect(flat(readFileSync(path.join(DOCS_DIR, page), 'utf8'))).toContain(quote.trim());
  });
});
