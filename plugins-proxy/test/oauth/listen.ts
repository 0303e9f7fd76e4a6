/**
 * Real HTTP against a fastify app on 127.0.0.1, port 0. (`app.inject` cannot load under Jest here:
 * light-my-request requires cookie@2, which is ESM-only.)
 */
import type { FastifyInstance } from 'fastify';

export interface HttpReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app did not listen on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}

export async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<HttpReply> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: options.headers,
    body: options.body,
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}
