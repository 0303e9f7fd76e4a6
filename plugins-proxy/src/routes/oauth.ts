/**
 * The OAuth routes, thin over ConnectFlow: parse, call, render. The routes, their replies and who may
 * disconnect are in oauth/README.md.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConnectFlow } from '../oauth/connectFlow';
import type { ConnectOutcome, FlowRefusal } from '../oauth/flowTypes';
import { PAGE_SECURITY_HEADERS, renderChooserPage, renderErrorPage, renderSuccessPage } from '../oauth/pages';

export interface OAuthRouteDeps {
  readonly flow: ConnectFlow;
  readonly allowedOrigin?: string;
}

const FORM = 'application/x-www-form-urlencoded';

type Fields = Record<string, string | undefined>;

function fields(source: unknown): Fields {
  if (typeof source !== 'object' || source === null) return {};
  const result: Fields = {};
  for (const [key, value] of Object.entries(source)) if (typeof value === 'string') result[key] = value;
  return result;
}

function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).headers(PAGE_SECURITY_HEADERS).send(html);
}

function sendRefusal(reply: FastifyReply, refusal: FlowRefusal): FastifyReply {
  return sendPage(reply, refusal.status, renderErrorPage(refusal.title, refusal.message));
}

function sendOutcome(reply: FastifyReply, outcome: ConnectOutcome): FastifyReply {
  if (outcome.kind === 'connected') return sendPage(reply, 200, renderSuccessPage(outcome.tenantName));
  if (outcome.kind === 'chooseOrganisation')
    return sendPage(reply, 200, renderChooserPage(outcome.choices, outcome.ticket));
  return sendRefusal(reply, outcome);
}

/** 5xx pages stay generic; the details go to the log. */
function sendFailure(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  request.log.error({ err: error }, 'oauth route failed');
  return sendPage(
    reply,
    500,
    renderErrorPage(
      'Something went wrong',
      'The relay could not finish this step. Try again in a minute; if it keeps failing, ask your administrator to check the relay log.',
    ),
  );
}

export function registerOAuthRoutes(app: FastifyInstance, deps: OAuthRouteDeps): void {
  app.register(async (scope) => {
    if (!scope.hasContentTypeParser(FORM)) {
      scope.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      });
    }

    scope.get('/oauth/connect', async (request, reply) => {
      const query = fields(request.query);
      try {
        const result = await deps.flow.startConnect({
          connectionId: query.connection ?? '',
          nonce: query.nonce ?? '',
        });
        if (result.kind === 'refused') return sendRefusal(reply, result);
        return reply.code(302).header('cache-control', 'no-store').header('location', result.url).send();
      } catch (error) {
        return sendFailure(request, reply, error);
      }
    });

    scope.get('/oauth/callback', async (request, reply) => {
      const query = fields(request.query);
      try {
        return sendOutcome(
          reply,
          await deps.flow.handleCallback({ code: query.code, state: query.state, error: query.error }),
        );
      } catch (error) {
        return sendFailure(request, reply, error);
      }
    });

    scope.post('/oauth/choose', async (request, reply) => {
      const body = fields(request.body);
      try {
        return sendOutcome(reply, await deps.flow.chooseOrganisation(body.ticket ?? '', body.tenantId ?? ''));
      } catch (error) {
        return sendFailure(request, reply, error);
      }
    });

    scope.post('/oauth/disconnect', async (request, reply) => {
      const body = fields(request.body);
      const origin = request.headers.origin;
      if (deps.allowedOrigin && origin === deps.allowedOrigin) {
        reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      }
      reply.header('cache-control', 'no-store');
      try {
        const outcome = await deps.flow.disconnect({
          connectionId: body.connection ?? '',
          nonce: body.nonce ?? '',
        });
        if (outcome.kind === 'refused') return reply.code(outcome.status).send({ error: outcome.message });
        return reply.code(200).send({ status: 'disconnected', warning: outcome.warning });
      } catch (error) {
        request.log.error({ err: error }, 'oauth disconnect failed');
        return reply.code(500).send({ error: 'The relay could not disconnect; try again in a minute.' });
      }
    });
  });
}
