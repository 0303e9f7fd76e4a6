/**
 * The relay under attack: the integration harness (both emulators, createRelay over real HTTP),
 * every log line kept in memory (level debug) so a test can search them for secrets, and
 * `footprint()`: what an attack could change (jobs, tokens, Xero calls, Dataverse rows).
 */
import { randomBytes } from 'node:crypto';
import { SYSTEM_TABLES, TABLES } from '../../../solution/names';
import { MsalTokenProvider } from '../../src/adapters/dataverse/tokenProvider';
import type { JobState } from '../../src/adapters/store/store';
import { createLogger, type Logger } from '../../src/logger';
import { TokenCipher } from '../../src/oauth/crypto';
import { openTokenSet } from '../../src/oauth/tokenSet';
import type { ConnectionServices } from '../../src/connections/connectionServices';
import type { TargetedPull } from '../../src/xeroWebhooks/events';
import { startHarness, type Harness } from '../integration/integrationHarness';

export interface SecurityHarness extends Harness {
  /** The relay's logger (collecting into logLines), for any second relay a test starts. */
  readonly logger: Logger;
  /** Every line the relay logged so far, raw JSON text. */
  readonly logLines: string[];
  /** Pulls the Xero webhook route handed on (after a valid signature only). */
  readonly pulls: TargetedPull[];
  /** Dataverse access tokens the relay obtained (each must stay out of the logs). */
  readonly dataverseTokens: string[];
  /** Extra values a test sent that must never be logged (signatures, forged secrets). */
  readonly sentSecrets: string[];
  readonly services: ConnectionServices;
  /** The configured secrets and the tokens the store holds, decrypted, each named for messages. */
  secretValues(): Promise<NamedSecret[]>;
  footprint(): Promise<Footprint>;
  /** Waits until the webhook pulls scheduled so far have finished. */
  settlePulls(): Promise<void>;
}

export interface NamedSecret {
  readonly what: string;
  readonly value: string;
}

export interface Footprint {
  readonly jobs: Record<JobState, number>;
  readonly tokenVersions: Record<string, number | null>;
  readonly xeroRequests: number;
  /** Every sync row, invoice and connection with its modifiedon: any write shows up here. */
  readonly dataverseRows: string[];
}

const WATCHED_TABLES = [TABLES.syncHistory, SYSTEM_TABLES.invoice, TABLES.connection];

async function dataverseRows(h: Harness): Promise<string[]> {
  const rows: string[] = [];
  for (const table of WATCHED_TABLES) {
    for (const row of await h.api.list(`${table.entitySet}?$select=${table.primaryId},modifiedon`)) {
      rows.push(`${table.logicalName} ${String(row[table.primaryId])} ${String(row.modifiedon)}`);
    }
  }
  return rows.sort();
}

export async function startSecurityHarness(): Promise<SecurityHarness> {
  const logLines: string[] = [];
  const pulls: TargetedPull[] = [];
  const dataverseTokens: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line) => void logLines.push(line) } });
  const h = await startHarness({ relay: { logger } });
  const config = h.config;
  const tokenProvider = new MsalTokenProvider({
    tenantId: config.entra.tenantId,
    clientId: config.entra.clientId,
    clientSecret: config.entra.clientSecret,
    resourceUrl: config.dataverseUrl,
    authorityMetadata: config.entra.authorityMetadata,
  });
  // The same relay again on the same store, now noting each Dataverse token it obtains.
  await h.relaunchRelay({
    dataverseTokenProvider: {
      getToken: async () => {
        const token = await tokenProvider.getToken();
        if (!dataverseTokens.includes(token)) dataverseTokens.push(token);
        return token;
      },
    },
  });
  const services = h.relay.connections;
  const onXeroEvents = services.onXeroEvents.bind(services);
  jest.spyOn(services, 'onXeroEvents').mockImplementation((received) => {
    pulls.push(...received);
    return onXeroEvents(received);
  });
  const cipher = new TokenCipher(config.encryption.current);

  const sentSecrets: string[] = [];
  const stopHarness = h.stop.bind(h);
  const connectionIds = async () =>
    (await h.api.list(`${TABLES.connection.entitySet}?$select=${TABLES.connection.primaryId}`)).map((row) =>
      String(row[TABLES.connection.primaryId]),
    );

  return Object.assign(h, {
    logger,
    logLines,
    pulls,
    dataverseTokens,
    sentSecrets,
    services,
    async secretValues() {
      const values: NamedSecret[] = [
        { what: 'DATAVERSE_WEBHOOK_SECRET', value: h.config.dataverseWebhookSecret },
        { what: 'XERO_WEBHOOK_KEY', value: h.config.xero.webhookKey },
        { what: 'XERO_CLIENT_SECRET', value: h.config.xero.clientSecret },
        { what: 'ENTRA_CLIENT_SECRET', value: h.config.entra.clientSecret },
        { what: 'ENCRYPTION_KEY', value: h.config.encryption.current.key.toString('base64') },
        ...dataverseTokens.map((value, i) => ({ what: `Dataverse access token #${i + 1}`, value })),
        ...sentSecrets.map((value, i) => ({ what: `value sent by a test #${i + 1}`, value })),
      ];
      for (const id of await connectionIds()) {
        const stored = await h.store.getToken(id);
        if (!stored) continue;
        const set = openTokenSet(cipher, id, stored.blob);
        values.push(
          { what: `Xero access token of ${id}`, value: set.accessToken },
          { what: `Xero refresh token of ${id}`, value: set.refreshToken },
        );
      }
      return values.filter((v) => v.value.length >= 8);
    },
    async footprint(): Promise<Footprint> {
      const tokenVersions: Record<string, number | null> = {};
      for (const id of await connectionIds())
        tokenVersions[id] = (await h.store.getToken(id))?.version ?? null;
      return {
        jobs: await h.store.countJobsByState(),
        tokenVersions,
        xeroRequests: h.xero.admin.requestLog().total,
        dataverseRows: await dataverseRows(h),
      };
    },
    async settlePulls() {
      await new Promise((resolve) => setImmediate(resolve));
      await services.stop();
    },
    async stop() {
      await stopHarness();
    },
  }) as SecurityHarness;
}

/** A fresh, unused, lower-case GUID. */
export function newGuid(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
