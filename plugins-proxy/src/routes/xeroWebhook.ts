/**
 * `POST /xero/webhook`: verify, acknowledge, then hand the events on; Xero wants 200 with no body within 5
 * seconds, so `onEvents` runs after the reply (docs/architecture.md#xero-webhooks).
 */
import type { FastifyInstance } from 'fastify';
import type { TargetedPull } from '../xeroWebhooks/events';
import { parseWebhookPayload } from '../xeroWebhooks/events';
import { isValidXeroSignature } from '../xeroWebhooks/signature';

export interface XeroWebhookRouteOptions {
  readonly webhookKey: string;
  readonly onEvents: (pulls: TargetedPull[]) => Promise<void> | void;
}

export const XERO_WEBHOOK_PATH = '/xero/webhook';

export function registerXeroWebhookRoute(app: FastifyInstance, options: XeroWebhookRouteOptions): void {
  if (!options.webhookKey) throw new Error('The Xero webhook route needs a webhook key (XERO_WEBHOOK_KEY)');
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post(XERO_WEBHOOK_PATH, async (request, reply) => {
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.headers['x-xero-signature'];
      if (
        !isValidXeroSignature(
          options.webhookKey,
          rawBody,
          typeof signature === 'string' ? signature : undefined,
        )
      ) {
        request.log.warn('xero webhook signature mismatch');
        return reply.code(401).send();
      }
      const payload = parseWebhookPayload(rawBody);
      if (!payload.ok) {
        // Signed by Xero but unreadable: acknowledge (a retry would not read better) and log.
        request.log.warn({ reason: payload.failure }, 'xero webhook payload ignored');
        return reply.code(200).send();
      }
      const { pulls } = payload.value;
      if (pulls.length > 0) {
        const log = request.log;
        setImmediate(() => {
          Promise.resolve()
            .then(() => options.onEvents(pulls))
            .catch((error: unknown) => log.error({ err: error }, 'xero webhook events were not queued'));
        });
      }
      return reply.code(200).send();
    });
  });
}
