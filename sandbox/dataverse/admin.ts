import type { TokenService } from './auth';
import type { EmulatorContext } from './context';
import { DataverseError } from './errors';
import type { FaultInjector, FaultRule, LimitThresholds, RequestLog, ServiceProtection } from './limits';
import { importSolutionZip } from './solutionImport';
import type { WebhookDispatcher } from './webhooks';

/**
 * `/_admin/…`: test and demo controls that a real org does not have. Listens on 127.0.0.1 only and
 * needs no token.
 *   GET    /_admin/requests          request log: total, counts per "METHOD entityset", recent entries
 *   DELETE /_admin/requests          clear the log
 *   GET|PUT /_admin/limits           service protection thresholds {requestsPerWindow, windowSeconds, concurrentRequests}
 *   POST   /_admin/faults            add a fault {status?, delayMs?, count?, ratio?, path?, retryAfterSeconds?}
 *   GET|DELETE /_admin/faults        list or clear faults
 *   POST   /_admin/user-token        a token for the browser demo user {userId?, ttlSeconds?}
 *   POST   /_admin/import            body = a solution zip
 *   GET    /_admin/webhooks          webhook deliveries so far
 *   GET    /_admin/seeds             ids of the seeded records
 */
export interface AdminDeps {
  ctx: EmulatorContext;
  limits: ServiceProtection;
  faults: FaultInjector;
  log: RequestLog;
  tokens: TokenService;
  webhooks: WebhookDispatcher;
}

export interface AdminReply {
  status: number;
  body: unknown;
}

function jsonBody(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
}

export function handleAdmin(deps: AdminDeps, method: string, path: string, raw: Buffer): AdminReply {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /_admin/requests':
        return { status: 200, body: deps.log.snapshot() };
      case 'DELETE /_admin/requests':
        deps.log.clear();
        return { status: 204, body: null };
      case 'GET /_admin/limits':
        return { status: 200, body: deps.limits.thresholds };
      case 'PUT /_admin/limits':
      case 'POST /_admin/limits':
        return { status: 200, body: deps.limits.set(jsonBody(raw) as Partial<LimitThresholds>) };
      case 'GET /_admin/faults':
        return { status: 200, body: deps.faults.list() };
      case 'POST /_admin/faults':
        return { status: 200, body: deps.faults.add(jsonBody(raw) as FaultRule) };
      case 'DELETE /_admin/faults':
        deps.faults.clear();
        return { status: 204, body: null };
      case 'POST /_admin/user-token': {
        const body = jsonBody(raw);
        const userId = typeof body.userId === 'string' ? body.userId : deps.ctx.seeds.demoUserId;
        const ttl = typeof body.ttlSeconds === 'number' ? body.ttlSeconds : undefined;
        const token = deps.tokens.issue(userId, { ttlSeconds: ttl });
        return { status: 200, body: { token_type: 'Bearer', ...token, userId } };
      }
      case 'POST /_admin/import':
        return { status: 200, body: importSolutionZip(deps.ctx, raw) };
      case 'GET /_admin/webhooks':
        return { status: 200, body: deps.webhooks.deliveries };
      case 'GET /_admin/seeds':
        return { status: 200, body: deps.ctx.seeds };
      default:
        return { status: 404, body: { error: `No admin route ${route}` } };
    }
  } catch (e) {
    if (e instanceof DataverseError) return { status: e.status, body: e.toBody() };
    return { status: 400, body: { error: String(e) } };
  }
}
