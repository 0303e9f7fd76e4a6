/**
 * The whole webhook path over real HTTP: the Xero emulator signs and delivers its INVOICE event
 * to the relay's POST /xero/webhook, whose onEvents is the connection services' onXeroEvents, and
 * the payment recorded in Xero shows on the Dynamics invoice without any scheduled pull.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { COLUMNS, INVOICE_STATE, STATE_COLUMNS } from '../../../solution/names';
import { registerXeroWebhookRoute } from '../../src/routes/xeroWebhook';
import { startPullHarness, type PullHarness } from './pullHarness';

const WEBHOOK_KEY = 'pull-webhook-test-key';
let p: PullHarness;
let app: FastifyInstance;

beforeAll(async () => {
  p = await startPullHarness();
  app = Fastify();
  registerXeroWebhookRoute(app, {
    webhookKey: WEBHOOK_KEY,
    onEvents: (pulls) => p.services.onXeroEvents(pulls),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const intent = await p.h.xero.admin.configureWebhook({ url: `${url}/xero/webhook`, key: WEBHOOK_KEY });
  if (!intent?.ok) throw new Error('The relay did not pass Xero intent to receive');
}, 60_000);
afterAll(async () => {
  await p?.h.xero.admin.configureWebhook(null);
  await app?.close();
  await p?.stop();
});

it('shows a payment recorded in Xero on the Dynamics invoice once Xero delivers its webhook', async () => {
  const { invoiceId, xeroId } = await p.syncedInvoice();
  const recorded = p.h.xero.admin.recordPayment({ tenantId: p.h.tenantId, invoiceId: xeroId });
  expect(recorded.ok).toBe(true);
  await p.h.xero.admin.webhooksIdle();
  const invoice = await p.h.waitFor(
    'the payment on the Dynamics invoice',
    async () => {
      const row = await p.h.invoiceRow(invoiceId);
      return row[STATE_COLUMNS.stateCode] === INVOICE_STATE.paidComplete.statecode ? row : undefined;
    },
    10_000,
  );
  expect(invoice).toMatchObject({
    [COLUMNS.invoice.amountPaid]: 110,
    [COLUMNS.invoice.amountDue]: 0,
    [STATE_COLUMNS.statusCode]: INVOICE_STATE.paidComplete.statuscode,
  });
});
