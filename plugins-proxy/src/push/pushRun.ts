/**
 * One push run over one or many sync rows of a connection: prepare, ensure, send exactly once, finish,
 * write back one changeset per document (docs/architecture.md#batching-and-push-runs).
 */
import type { Logger } from 'pino';
import type { BatchChangeset } from '../adapters/dataverse/batch';
import { applyChangesets } from '../adapters/dataverse/changesetRunner';
import type { DataverseClient } from '../adapters/dataverse/client';
import type { NewXeroLink } from '../adapters/dataverse/writeBack';
import type { Job, Store } from '../adapters/store/store';
import type { XeroGateway } from '../adapters/xero/gateway';
import { success } from '../domain';
import type { ConnectionNeedsAttention } from '../oauth/errors';
import type { JobOutcome } from '../jobs/outcomes';
import { ensureContact, ensureItems } from './ensure';
import { finishPush } from './finishPush';
import { batchIdempotencyKey, idempotencyKey } from './keys';
import {
  markInProgress,
  preparePush,
  rowAlreadySucceeded,
  type PrepareFailure,
  type PreparedPush,
} from './preparePush';
import {
  createDocuments,
  dynamicsRecordUrl,
  findSentDocuments,
  updateExisting,
  type SendDeps,
  type Sendable,
  type SendResult,
} from './send';
import { RowOutcomes } from './rowOutcomes';
import { XeroSideLoader } from './xeroSideLoader';

export interface PushDeps {
  dataverse: DataverseClient;
  gateway: XeroGateway;
  store: Store;
  /** Marks the connection row Needs attention and holds its jobs (connection health). */
  onNeedsAttention?: (error: ConnectionNeedsAttention) => Promise<void>;
  timeZone?: string;
  now?: () => Date;
  /** Test seam: runs after Xero accepted the documents and before the write-back (crash tests). */
  afterXeroSend?: (jobIds: readonly string[]) => Promise<void>;
  /** The Dynamics environment URL: new invoices carry their record's URL in Xero's Url. */
  dynamicsUrl?: string;
}

type Outcomes = Map<string, JobOutcome>;

/** Snapshot reads in flight at once: a bulk run reads its rows a few at a time. */
const PREPARE_CONCURRENCY = 4;

async function eachWithLimit<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** Runs with more documents than this skip the per-invoice online-URL call (finish.ts). */
const ONLINE_URL_MAX_DOCUMENTS = 5;

interface Live {
  push: PreparedPush;
  contactId?: string;
  links: NewXeroLink[];
  /** An earlier attempt reached the send step (the idempotency ledger has this row). */
  resumed?: boolean;
}

type Sent = { live: Live; result: SendResult; how: 'created' | 'updated' };

export class PushRun {
  private readonly loaders = new Map<string, XeroSideLoader>();
  private readonly now: () => Date;

  private readonly rows: RowOutcomes;

  constructor(
    private readonly deps: PushDeps,
    logger: Logger,
  ) {
    this.now = deps.now ?? (() => new Date());
    this.rows = new RowOutcomes({
      dataverse: deps.dataverse,
      onNeedsAttention: deps.onNeedsAttention,
      now: this.now,
      logger,
    });
  }

  private loader(connectionId: string): XeroSideLoader {
    let loader = this.loaders.get(connectionId);
    if (!loader) {
      loader = new XeroSideLoader(this.deps.gateway, connectionId);
      this.loaders.set(connectionId, loader);
    }
    return loader;
  }

  async run(jobs: readonly Job[]): Promise<Outcomes> {
    const prepared: Live[] = [];
    await eachWithLimit(jobs, PREPARE_CONCURRENCY, async (job) => {
      const startedOn = this.now();
      try {
        // A re-run after a takeover: a row the previous owner already finished is left as it is.
        const resumed = (await this.deps.store.getIdempotency(job.id)) !== null;
        if (resumed && (await rowAlreadySucceeded(this.deps.dataverse, job))) {
          this.rows.succeeded(job);
          return;
        }
        await markInProgress(this.deps.dataverse, job, startedOn);
        const result = await preparePush(
          {
            dataverse: this.deps.dataverse,
            loader: (id) => this.loader(id),
            timeZone: this.deps.timeZone,
            now: this.now,
          },
          job,
          startedOn,
        );
        if (result.ok) prepared.push({ push: result.value, links: [], resumed });
        else await this.rows.fail(result.failure);
      } catch (error) {
        await this.rows.onError(
          { job, startedOn, invoiceId: job.invoiceId ?? undefined, messages: [] },
          error,
        );
      }
    });
    // Same order whatever finished first, so batches (and their Idempotency-Keys) are stable.
    const order = new Map(jobs.map((job, index) => [job.id, index]));
    prepared.sort((a, b) => order.get(a.push.job.id)! - order.get(b.push.job.id)!);
    const byConnection = new Map<string, Live[]>();
    for (const live of prepared) {
      const list = byConnection.get(live.push.connectionId) ?? [];
      list.push(live);
      byConnection.set(live.push.connectionId, list);
    }
    for (const [connectionId, lives] of byConnection) await this.send(connectionId, lives);
    return this.rows.outcomes;
  }

  private async send(connectionId: string, all: Live[]): Promise<void> {
    const loader = this.loader(connectionId);
    const { recovered, lives, lookedUp } = await this.recoverSent(loader, all);
    let ready: Live[] = [];
    for (const live of lives) {
      try {
        const contact = await ensureContact(
          this.deps.gateway,
          loader,
          live.push,
          idempotencyKey('contact', live.push.job.id),
        );
        if (!contact.ok) {
          const { messages, outcome } = contact.failure;
          await this.rows.fail({ ...this.failureOf(live.push, messages), outcome });
          continue;
        }
        live.contactId = contact.value.contactId;
        if (contact.value.link) live.links.push(contact.value.link);
        ready.push(live);
      } catch (error) {
        await this.rows.onError(this.failureOf(live.push, []), error);
      }
    }
    ready = await this.withItems(connectionId, loader, ready);
    const updates = ready.filter((l) => l.push.existingXeroId);
    const creates = ready.filter((l) => !l.push.existingXeroId);
    const sent: Sent[] = [...recovered];
    for (const live of updates) {
      try {
        sent.push({
          live,
          result: await updateExisting(this.sendDeps(), this.sendable(live)),
          how: 'updated',
        });
      } catch (error) {
        await this.rows.onError(this.failureOf(live.push, []), error);
      }
    }
    if (creates.length) {
      try {
        const results = await createDocuments(
          this.sendDeps(),
          creates.map((l) => this.sendable(l)),
          lookedUp,
        );
        results.forEach((result, i) => sent.push({ live: creates[i], result, how: 'created' }));
      } catch (error) {
        for (const live of creates) await this.rows.onError(this.failureOf(live.push, []), error);
      }
    }
    await this.deps.afterXeroSend?.(sent.map((s) => s.live.push.job.id));
    await this.writeBack(loader, sent);
  }

  /**
   * Rows whose document an earlier attempt already put in Xero go straight to the write-back:
   * creating their contact or items again could only fail them (Xero refuses the duplicate).
   */
  private async recoverSent(
    loader: XeroSideLoader,
    all: Live[],
  ): Promise<{ recovered: Sent[]; lives: Live[]; lookedUp: Set<string> }> {
    const resumed = all.filter((l) => l.resumed && !l.push.existingXeroId);
    if (!resumed.length) return { recovered: [], lives: all, lookedUp: new Set() };
    let documents;
    try {
      documents = await findSentDocuments(
        this.sendDeps(),
        resumed.map((l) => l.push),
      );
    } catch (error) {
      for (const live of resumed) await this.rows.onError(this.failureOf(live.push, []), error);
      return { recovered: [], lives: all.filter((l) => !resumed.includes(l)), lookedUp: new Set() };
    }
    const recovered: Sent[] = [];
    // Their look-up found nothing: the create step need not ask Xero again.
    const lookedUp = new Set<string>();
    for (const [i, live] of resumed.entries()) {
      const document = documents[i];
      if (document === 'nothing') lookedUp.add(live.push.job.id);
      if (!document || document === 'nothing') continue;
      const contact = live.push.mapping.contact;
      // Only a contact the domain matched gives its link without a Xero call.
      if (contact.kind === 'use') {
        const ensured = await ensureContact(this.deps.gateway, loader, live.push, '');
        if (ensured.ok && ensured.value.link) live.links.push(ensured.value.link);
      }
      recovered.push({ live, result: success(document), how: 'created' });
    }
    const done = new Set(recovered.map((r) => r.live));
    return { recovered, lives: all.filter((l) => !done.has(l)), lookedUp };
  }

  private async withItems(connectionId: string, loader: XeroSideLoader, ready: Live[]): Promise<Live[]> {
    if (!ready.some((l) => l.push.mapping.models.items.length)) return ready;
    try {
      const ids = ready.map((l) => l.push.job.id);
      const key = ids.length === 1 ? idempotencyKey('items', ids[0]) : batchIdempotencyKey('items', ids);
      const items = await ensureItems(
        this.deps.gateway,
        loader,
        connectionId,
        ready.map((l) => l.push),
        key,
      );
      const kept: Live[] = [];
      for (const [i, live] of ready.entries()) {
        const refused = live.push.mapping.models.items.flatMap((item) => {
          const code = String(item.code ?? '');
          const why = items.refused.get(code.toLowerCase());
          return why ? [`Xero refused to create the item ${code}:`, ...why] : [];
        });
        if (refused.length) await this.rows.fail(this.failureOf(live.push, refused));
        else {
          live.links.push(...items.links[i]);
          kept.push(live);
        }
      }
      return kept;
    } catch (error) {
      for (const live of ready) await this.rows.onError(this.failureOf(live.push, []), error);
      return [];
    }
  }

  private async writeBack(loader: XeroSideLoader, sent: Sent[]): Promise<void> {
    const succeeded: { live: Live; changeset: BatchChangeset }[] = [];
    const shortCode = sent.length ? (await loader.organisationFacts()).shortCode : undefined;
    for (const { live, result, how } of sent) {
      if (!result.ok) {
        await this.rows.fail(this.failureOf(live.push, result.failure));
        continue;
      }
      const finishDeps = {
        gateway: this.deps.gateway,
        store: this.deps.store,
        now: () => this.now().getTime(),
      };
      const changeset = await finishPush(finishDeps, {
        push: live.push,
        document: result.value,
        links: live.links,
        shortCode,
        completedOn: this.now,
        how,
        fetchOnlineUrl: sent.length <= ONLINE_URL_MAX_DOCUMENTS,
      });
      succeeded.push({ live, changeset });
    }
    if (!succeeded.length) return;
    let answers;
    try {
      answers = await applyChangesets(
        this.deps.dataverse,
        succeeded.map((s) => s.changeset),
      );
    } catch (error) {
      for (const { live } of succeeded) await this.rows.onError(this.failureOf(live.push, []), error);
      return;
    }
    for (const [i, answer] of answers.entries()) {
      const { live } = succeeded[i];
      if (answer.ok) this.rows.succeeded(live.push.job);
      else await this.rows.onError(this.failureOf(live.push, []), answer.failure);
    }
  }

  private sendable(live: Live): Sendable {
    return { push: live.push, contactId: live.contactId! };
  }

  private sendDeps(): SendDeps {
    const { dynamicsUrl } = this.deps;
    return {
      gateway: this.deps.gateway,
      store: this.deps.store,
      now: () => this.now().getTime(),
      recordUrl: dynamicsUrl ? (push) => dynamicsRecordUrl(dynamicsUrl, push.invoiceId) : undefined,
    };
  }

  private failureOf(push: PreparedPush, messages: string[]): PrepareFailure {
    return {
      job: push.job,
      startedOn: push.startedOn,
      invoiceId: push.invoiceId,
      connectionId: push.connectionId,
      messages,
      findings: push.mapping.findings,
    };
  }
}
