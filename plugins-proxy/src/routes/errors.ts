/**
 * One place that turns errors into replies: 4xx with a short reason a caller can act on, 5xx
 * always generic (the details and the request id go to the log, never to the caller).
 */
import type { FastifyError, FastifyInstance } from 'fastify';

const CLIENT_MESSAGES: Record<number, string> = {
  413: 'The request body is larger than 1 MB.',
  415: 'Content-Type must be application/json.',
};

export function addErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply
        .code(status)
        .send({ error: 'The relay could not handle this request.', requestId: request.id });
    }
    request.log.info({ status, code: error.code }, 'request refused');
    return reply.code(status).send({ error: CLIENT_MESSAGES[status] ?? error.message });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'Not found.' }));
}
