/**
 * Security headers on every response. Pages (OAuth) set their own CSP and framing or declare `rendersPage`;
 * the rest must never be framed, sniffed, cached or load anything (docs/architecture.md).
 */
import type { FastifyInstance } from 'fastify';

export interface RouteSecurityConfig {
  readonly rendersPage?: boolean;
}

export const JSON_CONTENT_SECURITY_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    const config = request.routeOptions.config as RouteSecurityConfig | undefined;
    // A route that set its own policy (an HTML page) keeps it; everything else gets the strict one.
    if (!config?.rendersPage) {
      if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
      if (!reply.hasHeader('content-security-policy')) {
        reply.header('content-security-policy', JSON_CONTENT_SECURITY_POLICY);
      }
    }
    return payload;
  });
}
