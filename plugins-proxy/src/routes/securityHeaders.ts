/**
 * Security headers on every response. Routes that render HTML pages (OAuth) declare
 * `config: { rendersPage: true }` and set their own CSP and framing rules; everything else is
 * JSON or text that must never be framed, sniffed, cached or allowed to load anything.
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
    if (!config?.rendersPage) {
      reply.header('x-frame-options', 'DENY');
      reply.header('content-security-policy', JSON_CONTENT_SECURITY_POLICY);
    }
    return payload;
  });
}
