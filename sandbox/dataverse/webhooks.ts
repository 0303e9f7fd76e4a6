import { randomUUID } from 'node:crypto';
import type { DataEvent, EmulatorContext } from './context';
import { createRecord } from './data/write';
import { toDataverseDate } from './data/values';
import { isLookupRef, type StoredRecord } from './model/types';
import { parseAuthValue, remoteExecutionContext, toWcfJson } from './remoteExecutionContext';
import { SDK_MESSAGES } from './solution/importComponents';

/**
 * Webhooks (reference/dataverse-solution.md §5): for each enabled step on a committed message and
 * table whose handler is a webhook service endpoint, POST the RemoteExecutionContext after the
 * reply, retry once on 502/503/504, and record the outcome as a system job (asyncoperation).
 */
const AUTH = { webhookKey: 4, httpHeader: 5, httpQueryString: 6 } as const;
const RETRIED = new Set([502, 503, 504]);
const ASYNC_STATUS = { succeeded: 30, failed: 31 } as const;
const ASYNC_STATE_COMPLETED = 3;
const TIMEOUT_MS = 60000;

export interface Delivery {
  stepId: string;
  url: string;
  entity: string;
  recordId: string;
  message: string;
  attempts: number;
  status: number | 'error';
  ok: boolean;
}

const MAX_PAYLOAD_BYTES = 256 * 1024;

/** Over 256 KB, Dataverse drops ParentContext, InputParameters and the images (§5.1). */
function payloadFor(context: Record<string, unknown>): { body: string; sizeExceeded: boolean } {
  const full = toWcfJson(context);
  if (Buffer.byteLength(full) <= MAX_PAYLOAD_BYTES) return { body: full, sizeExceeded: false };
  const trimmed = {
    ...context,
    ParentContext: null,
    InputParameters: [],
    PreEntityImages: [],
    PostEntityImages: [],
  };
  return { body: toWcfJson(trimmed), sizeExceeded: true };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** An Update step with filtering attributes fires only when one of them changed. */
function touchesFilteringAttributes(step: StoredRecord, event: DataEvent): boolean {
  const attributes = typeof step.filteringattributes === 'string' ? step.filteringattributes.split(',') : [];
  const wanted = attributes.map((a) => a.trim().toLowerCase()).filter(Boolean);
  if (event.message !== 'Update' || wanted.length === 0) return true;
  return wanted.some((a) => a in event.record);
}

export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly log: (line: string) => void,
  ) {}

  /** Schedules the deliveries for committed events; returns at once. */
  dispatch(events: DataEvent[]): void {
    for (const event of events) {
      for (const { step, endpoint } of this.stepsFor(event)) {
        const job = this.deliver(event, step, endpoint).catch((e) =>
          this.log(`webhook delivery crashed: ${String(e)}`),
        );
        this.inFlight.add(job);
        void job.finally(() => this.inFlight.delete(job));
      }
    }
  }

  /** Resolves when every scheduled delivery (and any it caused) has finished. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private stepsFor(event: DataEvent): { step: StoredRecord; endpoint: StoredRecord }[] {
    const messageId = SDK_MESSAGES[event.message];
    const found: { step: StoredRecord; endpoint: StoredRecord }[] = [];
    for (const { record: step } of this.ctx.store.all('sdkmessageprocessingstep')) {
      if (step.statecode !== 0 || !isLookupRef(step.sdkmessageid) || step.sdkmessageid.id !== messageId)
        continue;
      if (!touchesFilteringAttributes(step, event)) continue;
      const filter = isLookupRef(step.sdkmessagefilterid)
        ? this.ctx.store.get('sdkmessagefilter', step.sdkmessagefilterid.id)
        : undefined;
      if (filter?.record.primaryobjecttypecode !== event.entity) continue;
      const endpoint = isLookupRef(step.eventhandler)
        ? this.ctx.store.get('serviceendpoint', step.eventhandler.id)
        : undefined;
      if (!endpoint || typeof endpoint.record.url !== 'string' || !endpoint.record.url) continue;
      found.push({ step, endpoint: endpoint.record });
    }
    return found;
  }

  private async deliver(event: DataEvent, step: StoredRecord, endpoint: StoredRecord): Promise<void> {
    const operationId = randomUUID();
    const { body, sizeExceeded } = payloadFor(remoteExecutionContext(this.ctx, event, step, operationId));
    const auth = parseAuthValue(endpoint.authvalue as string | null);
    const url = new URL(String(endpoint.url));
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'x-ms-dynamics-organization': new URL(this.ctx.orgUrl()).host,
      'x-ms-dynamics-entity-name': event.entity,
      'x-ms-dynamics-request-name': event.message,
      'x-ms-correlation-request-id': event.correlationId,
      ...(sizeExceeded ? { 'x-ms-dynamics-msg-size-exceeded': 'true' } : {}),
    };
    if (endpoint.authtype === AUTH.httpHeader) Object.assign(headers, auth);
    if (endpoint.authtype === AUTH.webhookKey) url.searchParams.set('code', String(endpoint.authvalue ?? ''));
    if (endpoint.authtype === AUTH.httpQueryString)
      for (const [k, v] of Object.entries(auth)) url.searchParams.set(k, v);
    let attempts = 0;
    let status: number | 'error' = 'error';
    let detail = '';
    // A sandbox never calls out: a URL off this machine (e.g. the solution's placeholder) fails at once.
    const local = isLoopback(url.hostname);
    if (!local) detail = `the emulator only delivers to 127.0.0.1/localhost, not ${url.hostname}`;
    while (local && attempts < 2) {
      attempts += 1;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        status = res.status;
        await res.arrayBuffer();
      } catch (e) {
        status = 'error';
        detail = String(e);
      }
      if (typeof status === 'number' && RETRIED.has(status) && attempts < 2) continue;
      break;
    }
    const ok = typeof status === 'number' && status >= 200 && status < 300;
    this.deliveries.push({
      stepId: String(step.sdkmessageprocessingstepid),
      url: url.toString(),
      entity: event.entity,
      recordId: event.id,
      message: event.message,
      attempts,
      status,
      ok,
    });
    this.log(
      `webhook ${event.message} ${event.entity} ${event.id} → ${url.origin}${url.pathname}: ${status} after ${attempts} attempt(s)`,
    );
    if (!ok || step.asyncautodelete !== true)
      this.recordSystemJob(event, step, operationId, ok, status, detail);
  }

  private recordSystemJob(
    event: DataEvent,
    step: StoredRecord,
    id: string,
    ok: boolean,
    status: number | 'error',
    detail: string,
  ): void {
    const message = ok
      ? ''
      : `Webhook call failed: the endpoint returned ${status === 'error' ? `no response (${detail})` : `HTTP ${status}`}.`;
    const now = toDataverseDate(Date.now());
    const table = this.ctx.model.table('asyncoperation')!;
    this.ctx.store.transaction(() =>
      createRecord(
        this.ctx,
        table,
        {
          asyncoperationid: id,
          name: String(step.name ?? ''),
          operationtype: 1,
          statecode: ASYNC_STATE_COMPLETED,
          statuscode: ok ? ASYNC_STATUS.succeeded : ASYNC_STATUS.failed,
          message: message || null,
          friendlymessage: message || null,
          errorcode: ok ? null : -2147204719,
          primaryentitytype: event.entity,
          regardingobjectid: event.id,
          correlationid: event.correlationId,
          startedon: now,
          completedon: now,
          retrycount: 0,
          'owningextensionid_sdkmessageprocessingstep@odata.bind': `/sdkmessageprocessingsteps(${String(step.sdkmessageprocessingstepid)})`,
        },
        { userId: event.userId, correlationId: event.correlationId },
      ),
    );
    // The job's own Create is committed too; hand it on like any other change.
    this.dispatch(this.ctx.pendingEvents.splice(0));
  }
}
