/**
 * The push job handler: every push job goes through the bulk batcher (a lone job is a batch of one after
 * a short gathering window) and one PushRun.
 */
import type { JobHandler } from '../jobs/outcomes';
import type { JobQueue } from '../jobs/jobQueue';
import { PushBatcher } from './pushBatcher';
import { PushRun, type PushDeps } from './pushRun';

export interface PushHandlerOptions {
  windowMs?: number;
  maxJobs?: number;
}

export function createPushHandler(
  deps: PushDeps,
  queue: JobQueue,
  options: PushHandlerOptions = {},
): JobHandler {
  const batcher = new PushBatcher({
    queue,
    run: (jobs, logger) => new PushRun(deps, logger).run(jobs),
    windowMs: options.windowMs,
    maxJobs: options.maxJobs,
  });
  return batcher.handle;
}
