/**
 * The configure run: relay URL variable, webhook endpoint and (optionally) the Sales Hub area,
 * against any org reachable with client credentials (a live org, or the sandbox's emulator).
 */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import { DataverseHttpClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import { DataverseError } from '../../plugins-proxy/src/adapters/dataverse/errors';
import {
  MsalTokenProvider,
  type TokenProvider,
} from '../../plugins-proxy/src/adapters/dataverse/tokenProvider';
import type { ConfigureOptions } from './args';
import { setRelayUrl } from './relayUrlVariable';
import { addSalesHubArea, type ActionCaller } from './salesHub';
import type { StepResult } from './steps';
import { pointWebhook } from './webhookEndpoint';

export interface ConfigureTarget {
  readonly client: DataverseClient;
  readonly callAction: ActionCaller;
}

export interface ConfigureReport {
  readonly steps: readonly StepResult[];
  readonly changed: boolean;
  readonly generatedSecret?: string;
}

export type ConfigureRequest = Pick<ConfigureOptions, 'relayUrl' | 'salesHub' | 'secret'>;

export async function configureOrg(
  target: ConfigureTarget,
  request: ConfigureRequest,
): Promise<ConfigureReport> {
  const steps: StepResult[] = [await setRelayUrl(target.client, request.relayUrl)];
  const webhook = await pointWebhook(target.client, request.relayUrl, request.secret);
  steps.push(webhook);
  if (request.salesHub) steps.push(await addSalesHubArea(target.client, target.callAction));
  return { steps, changed: steps.some((s) => s.changed), generatedSecret: webhook.generatedSecret };
}

/** POSTs an unbound action; a 404 "Resource not found" means the server does not have it. */
export function actionCaller(orgUrl: string, tokenProvider: TokenProvider): ActionCaller {
  return async (action, body) => {
    const response = await fetch(`${orgUrl}/api/data/v9.2/${action}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await tokenProvider.getToken()}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'OData-Version': '4.0',
        'OData-MaxVersion': '4.0',
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status === 404) return false;
    if (!response.ok) throw new DataverseError(response.status, 'action-failed', `${action} failed: ${text}`);
    return true;
  };
}

export function targetFor(options: Pick<ConfigureOptions, 'orgUrl' | 'credentials'>): ConfigureTarget {
  const tokenProvider = new MsalTokenProvider({ ...options.credentials, resourceUrl: options.orgUrl });
  return {
    client: new DataverseHttpClient({ url: options.orgUrl, tokenProvider }),
    callAction: actionCaller(options.orgUrl, tokenProvider),
  };
}

export function formatReport(report: ConfigureReport): string[] {
  const lines = report.steps.map((s) => `${s.changed ? 'changed  ' : 'unchanged'}  ${s.step}: ${s.detail}`);
  lines.push(report.changed ? 'Configured.' : 'Nothing to change: the org was already configured.');
  if (report.generatedSecret) {
    lines.push(
      `A new webhook secret was made. Give it to the relay as DATAVERSE_WEBHOOK_SECRET (it is not shown again):`,
      `  DATAVERSE_WEBHOOK_SECRET=${report.generatedSecret}`,
    );
  }
  return lines;
}
