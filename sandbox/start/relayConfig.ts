/**
 * The relay's configuration for the sandbox, built as the environment a deployed relay would have
 * (so it goes through the same loadConfig checks), pointed at the two emulators.
 */
import path from 'node:path';
import { loadConfig, type Config } from '../../plugins-proxy/src/config';
import type { DataverseEmulator } from '../dataverse';
import type { XeroEmulator } from '../xero';
import type { SandboxSecrets } from './secrets';

export interface RelayConfigInput {
  readonly dataverse: DataverseEmulator;
  readonly xero: XeroEmulator;
  readonly relayPort: number;
  readonly dataDir: string;
  readonly secrets: SandboxSecrets;
  readonly logLevel?: string;
  readonly paymentsIntervalMs?: number;
}

export function relayUrlFor(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export function sandboxRelayEnv(input: RelayConfigInput): Record<string, string> {
  const { dataverse, xero, secrets } = input;
  return {
    HOST: '127.0.0.1',
    PORT: String(input.relayPort),
    PUBLIC_URL: relayUrlFor(input.relayPort),
    DATAVERSE_URL: dataverse.url,
    ENTRA_TENANT_ID: dataverse.tenantId,
    ENTRA_CLIENT_ID: dataverse.clientId,
    ENTRA_CLIENT_SECRET: dataverse.clientSecret,
    ENTRA_AUTHORITY_METADATA: dataverse.authorityMetadata,
    XERO_CLIENT_ID: xero.clientId,
    XERO_CLIENT_SECRET: xero.clientSecret,
    XERO_WEBHOOK_KEY: secrets.xeroWebhookKey,
    XERO_API_BASE_URL: xero.apiBasePath,
    XERO_IDENTITY_BASE_URL: xero.identityUrl,
    XERO_LOGIN_BASE_URL: xero.url,
    XERO_CONNECTIONS_URL: `${xero.url}/connections`,
    DATAVERSE_WEBHOOK_SECRET: secrets.dataverseWebhookSecret,
    ENCRYPTION_KEY: secrets.encryptionKey,
    ENCRYPTION_KEY_ID: secrets.encryptionKeyId,
    DATABASE_URL: `sqlite:${path.join(input.dataDir, 'relay.db')}`,
    LOG_LEVEL: input.logLevel ?? 'warn',
    // The webhook and the nudge announce every row; the reconciler is only the safety net.
    RECONCILER_INTERVAL_MS: '15000',
    // Payments also arrive at once through the Xero webhook; the scheduled pull is the safety net.
    PAYMENTS_INTERVAL_MS: String(input.paymentsIntervalMs ?? 5000),
  };
}

export function sandboxRelayConfig(input: RelayConfigInput): Config {
  return loadConfig(sandboxRelayEnv(input));
}
