/**
 * One push run over one or many sync rows of a connection: prepare each row, ensure contacts and
 * items, send exactly once (updates one by one, creates in batches of 50), then email, online URL
 * and the write-back in `$batch` requests with one changeset per document, so one bad document
 * fails alone with its own message. Returns one JobOutcome per job.
 */
import type { Logger } from 'pino';
import { COLUMNS, TABLES } from '../../../solution/names';
import { keySegment } from '../adapters/dataverse/odata';
import type { BatchChangeset } from '../adapters/dataverse/batch';
import { applyChangesets } from '../adapters/dataverse/changesetRunner';
import type { DataverseClient } from '../adapters/dataverse/client';
import { failureChangeset, type NewXeroLink } from '../adapters/dataverse/writeBack';
import type { Job, Store } from '../adapters/store/store';
import type { XeroGateway } from '../adapters/xero/gateway';
import { JobOutcomes, type JobOutcome } from '../sync/jobOutcome';
import { ensureContact, ensureItems } from './ensure';
import { errorOutcome, gaveUpMessage } from './errorOutcome';
import { finishPush } from './finish';
import { batchIdempotencyKey, idempotencyKey } from './keys';
import { markInProgress, preparePush, type PrepareFailure, type PreparedPush } from './prepare';
import { createDocuments, updateExisting, type Sendable, type SendResult } from './send';
import { XeroSideLoader } from './xeroSide';

export interface PushDeps {
  dataverse: DataverseClient;
  gateway: XeroGateway;
  store: Store;
  /** The queue's limit: at the last attempt a transient failure is final and written to the row. */
  maxAttempts: number;
  timeZone?: string;
  now?: () => Date;
  /** Test seam: runs after Xero accepted the documents and before the write-back (crash tests). */
  afterXeroSend?: (jobIds: readonly string[]) => Promise<void>;
}

type Outcomes = Map<string, JobOutcome>;

/** Runs with more documents than this skip the per-invoice online-URL call (finish.ts). */
const ONLINE_URL_MAX_DOCUMENTS = 5;

interface Live {
  push: PreparedPush;
  contactId?: string;
  links: NewXeroLink[];
}

export class PushRun {
  private readonly outcomes: Outcomes = new Map();
  private readonly loaders = new Map<string, XeroSideLoader>();
  private readonly now: () => Date;

  constructor(
    private readonly deps: PushDeps,
    private readonly logger: Logger,
  ) {
    this.now = deps.now ?? (() => new Date());
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
    for (const job of jobs) {
      const startedOn = this.now();
      try {
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
        if (result.ok) prepared.push({ push: result.push, links: [] });
        else await this.fail(result.failure);
      } catch (error) {
        await this.onError({ job, startedOn, invoiceId: job.invoiceId ?? undefined, messages: [] }, error);
      }
    }
    const byConnection = new Map<string, Live[]>();
    for (const live of prepared) {
      const list = byConnection.get(live.push.connectionId) ?? [];
      list.push(live);
      byConnection.set(live.push.connectionId, list);
    }
    for (const [connectionId, lives] of byConnection) await this.send(connectionId, lives);
    return this.outcomes;
  }

  private async send(connectionId: string, lives: Live[]): Promise<void> {
    const loader = this.loader(connectionId);
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
          await this.fail(this.failureOf(live.push, contact.messages));
          continue;
        }
        live.contactId = contact.value.contactId;
        if (contact.value.link) live.links.push(contact.value.link);
        ready.push(live);
      } catch (error) {
        await this.onError(this.failureOf(live.push, []), error);
      }
    }
    ready = await this.withItems(connectionId, loader, ready);
    const updates = ready.filter((l) => l.push.existingXeroId);
    const creates = ready.filter((l) => !l.push.existingXeroId);
    const sent: { live: Live; result: SendResult; how: 'created' | 'updated' }[] = [];
    for (const live of updates) {
      try {
        sent.push({
          live,
          result: await updateExisting(this.sendDeps(), this.sendable(live)),
          how: 'updated',
        });
      } catch (error) {
        await this.onError(this.failureOf(live.push, []), error);
      }
    }
    if (creates.length) {
      try {
        const results = await createDocuments(
          this.sendDeps(),
          creates.map((l) => this.sendable(l)),
        );
        results.forEach((result, i) => sent.push({ live: creates[i], result, how: 'created' }));
      } catch (error) {
        for (const live of creates) await this.onError(this.failureOf(live.push, []), error);
      }
    }
    await this.deps.afterXeroSend?.(sent.map((s) => s.live.push.job.id));
    await this.writeBack(loader, sent);
  }

  private async withItems(connectionId: string, loader: XeroSideLoader, ready: Live[]): Promise<Live[]> {
    if (!ready.some((l) => l.push.mapping.items.length)) return ready;
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
        const refused = live.push.mapping.items.flatMap((b) => {
          const code = String(b.Code ?? '');
          const why = items.refused.get(code.toLowerCase());
          return why ? [`Xero refused to create the item ${code}:`, ...why] : [];
        });
        if (refused.length) await this.fail(this.failureOf(live.push, refused));
        else {
          live.links.push(...items.links[i]);
          kept.push(live);
        }
      }
      return kept;
    } catch (error) {
      for (const live of ready) await this.onError(this.failureOf(live.push, []), error);
      return [];
    }
  }

  private async writeBack(
    loader: XeroSideLoader,
    sent: { live: Live; result: SendResult; how: 'created' | 'updated' }[],
  ): Promise<void> {
    const succeeded: { live: Live; changeset: BatchChangeset }[] = [];
    const shortCode = sent.length ? (await loader.organisationFacts()).shortCode : undefined;
    for (const { live, result, how } of sent) {
      if (!result.ok) {
        await this.fail(this.failureOf(live.push, result.messages));
        continue;
      }
      const changeset = await finishPush(this.deps.gateway, {
        push: live.push,
        document: result.document,
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
      for (const { live } of succeeded) await this.onError(this.failureOf(live.push, []), error);
      return;
    }
    for (const [i, answer] of answers.entries()) {
      const { live } = succeeded[i];
      if (answer.ok) this.outcomes.set(live.push.job.id, JobOutcomes.succeeded());
      else await this.onError(this.failureOf(live.push, []), answer.error);
    }
  }

  private sendable(live: Live): Sendable {
    return { push: live.push, contactId: live.contactId! };
  }

  private sendDeps() {
    return { gateway: this.deps.gateway, store: this.deps.store, now: () => this.now().getTime() };
  }

  private failureOf(push: PreparedPush, messages: string[]): PrepareFailure {
    return {
      job: push.job,
      startedOn: push.startedOn,
      invoiceId: push.invoiceId,
      messages,
      findings: push.mapping.findings,
    };
  }

  /** Best effort: tells the row's reader why the job waits; the job's own state is in the store. */
  private async note(job: Job, message: string): Promise<void> {
    try {
      await this.deps.dataverse.update(keySegment(TABLES.syncHistory, job.id), {
        [COLUMNS.syncHistory.message]: message,
      });
    } catch (error) {
      this.logger.warn({ err: error, jobId: job.id }, 'could not note the wait on the sync row');
    }
  }

  /** Writes the failure to the history row and the invoice, and records the final outcome. */
  private async fail(failure: PrepareFailure): Promise<void> {
    const changeset = failureChangeset({
      invoiceId: failure.invoiceId,
      syncHistoryId: failure.job.id,
      messages: failure.messages,
      findings: failure.findings,
      timings: { startedOn: failure.startedOn, completedOn: this.now() },
      attempts: failure.job.attempts,
      outcome: failure.outcome,
    });
    try {
      const [answer] = await applyChangesets(this.deps.dataverse, [changeset]);
      if (answer && !answer.ok) throw answer.error;
      this.outcomes.set(failure.job.id, JobOutcomes.failed(failure.messages.join('\n')));
    } catch (error) {
      this.logger.warn({ err: error, jobId: failure.job.id }, 'writing the failure to Dynamics 365 failed');
      const outcome = errorOutcome(error);
      this.outcomes.set(
        failure.job.id,
        outcome.type === 'retry'
          ? JobOutcomes.retry(outcome.afterMs, outcome.message)
          : JobOutcomes.failed(failure.messages.join('\n')),
      );
    }
  }

  /**
   * A thrown error: retry while attempts remain (the row stays In progress), hold for a
   * connection that needs a person, else fail with the service's words.
   */
  private async onError(failure: PrepareFailure, error: unknown): Promise<void> {
    const outcome = errorOutcome(error);
    const { job } = failure;
    if (outcome.type === 'held') {
      this.outcomes.set(job.id, JobOutcomes.held(outcome.message));
      await this.note(job, `Waiting for the Xero connection: ${outcome.message}`);
      return;
    }
    if (outcome.type === 'retry' && job.attempts < this.deps.maxAttempts) {
      this.logger.warn({ jobId: job.id, reason: outcome.message }, 'transient failure; will retry');
      this.outcomes.set(job.id, JobOutcomes.retry(outcome.afterMs, outcome.message));
      return;
    }
    const messages =
      outcome.type === 'retry'
        ? [gaveUpMessage(job.attempts, outcome.message)]
        : [...failure.messages, ...outcome.messages];
    await this.fail({ ...failure, messages });
  }
}
