/**
 * Sends each job to the handler for its kind. A kind with no handler in this build is held, not failed,
 * so the job resumes once a relay with that handler releases it.
 */
import type { JobKind } from '../adapters/store/store';
import { JobOutcomes, type JobHandler } from './outcomes';

export type JobHandlers = Partial<Record<JobKind, JobHandler>>;

export function routeJobsByKind(handlers: JobHandlers): JobHandler {
  return async (job, context) => {
    const handler = handlers[job.kind];
    if (!handler) return JobOutcomes.held(`This relay has no handler for ${job.kind} jobs yet.`);
    return handler(job, context);
  };
}
