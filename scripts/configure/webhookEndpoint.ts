/**
 * Points the solution's webhook service endpoint at the relay (`<relay>/dataverse/webhook`) with
 * the shared secret in an HTTP header. The secret cannot ship in a solution, so it is set here:
 * the given one, or the one set on an earlier run (kept), or a new one on the first run.
 */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import { eq } from '../../plugins-proxy/src/adapters/dataverse/odata';
import { COMPONENTS, CUSTOMIZATION_TABLES, SERVICE_ENDPOINT_AUTH_TYPES } from '../../solution/names';
import {
  fingerprintIn,
  generateSecret,
  httpHeaderAuthValue,
  secretFingerprint,
  withFingerprint,
} from './authValue';
import { ConfigureError, type StepResult } from './steps';

type Row = Record<string, unknown>;
const SE = CUSTOMIZATION_TABLES.serviceEndpoint;
const STEP = `Webhook ${COMPONENTS.webhookEndpoint}`;

export function webhookUrlFor(relayUrl: string): string {
  return `${relayUrl.replace(/\/+$/, '')}/dataverse/webhook`;
}

export interface WebhookResult extends StepResult {
  /** Set only when this run made the secret: print it once, the relay needs it. */
  readonly generatedSecret?: string;
}

export async function pointWebhook(
  client: DataverseClient,
  relayUrl: string,
  secret: string | undefined,
): Promise<WebhookResult> {
  const [endpoint] = await client.query<Row>(SE.entitySet, {
    select: [SE.primaryId, SE.url, SE.authType, SE.description],
    filter: eq(SE.primaryName, COMPONENTS.webhookEndpoint),
  });
  if (!endpoint)
    throw new ConfigureError(`${STEP}: this org has no such service endpoint; import the solution first.`);
  const url = webhookUrlFor(relayUrl);
  const description = typeof endpoint[SE.description] === 'string' ? String(endpoint[SE.description]) : '';
  const storedFingerprint = fingerprintIn(description);
  const generatedSecret = !secret && !storedFingerprint ? generateSecret() : undefined;
  const newSecret = secret ?? generatedSecret;
  const secretChanges = newSecret !== undefined && secretFingerprint(newSecret) !== storedFingerprint;
  const urlChanges = endpoint[SE.url] !== url;
  const authTypeChanges = endpoint[SE.authType] !== SERVICE_ENDPOINT_AUTH_TYPES.httpHeader;
  if (!secretChanges && !urlChanges && !authTypeChanges)
    return { step: STEP, changed: false, detail: `already ${url} with the same secret` };
  if (authTypeChanges && !newSecret)
    throw new ConfigureError(
      `${STEP}: the endpoint needs a secret; pass --secret or DATAVERSE_WEBHOOK_SECRET.`,
    );
  await client.update(`${SE.entitySet}(${String(endpoint[SE.primaryId])})`, {
    [SE.url]: url,
    [SE.authType]: SERVICE_ENDPOINT_AUTH_TYPES.httpHeader,
    ...(secretChanges && newSecret
      ? {
          [SE.authValue]: httpHeaderAuthValue(COMPONENTS.webhookAuthHeader, newSecret),
          [SE.description]: withFingerprint(description, newSecret),
        }
      : {}),
  });
  const what = [
    urlChanges ? `url ${url}` : '',
    secretChanges ? 'secret' : '',
    authTypeChanges ? 'HttpHeader auth' : '',
  ]
    .filter(Boolean)
    .join(', ');
  return { step: STEP, changed: true, detail: `set ${what}`, generatedSecret };
}
