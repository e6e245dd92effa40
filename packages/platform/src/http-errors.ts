import type http from 'node:http';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from './logger';
import { INTERNAL_ERROR_MESSAGE } from './graphql/format-error';

/** The largest request body a service reads (the gateway and every subgraph). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

type Shaped = { status: number; message: string; extensions: Record<string, unknown> };

/** One error in GraphQL's response shape, so clients read every failure the same way. */
function send(res: http.ServerResponse, { status, message, extensions }: Shaped): void {
  const body = JSON.stringify({ errors: [{ message, extensions }] });
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * The JSON body parser for /graphql, then a check that a body was read: a POST that is not JSON (text/plain, a
 * form) gets 415 BAD_REQUEST here instead of Apollo's plain-text 500 about a missing `req.body`.
 */
export function graphqlJsonBody(): RequestHandler[] {
  return [
    express.json({ limit: BODY_LIMIT_BYTES }),
    (req, res, next) => {
      if (req.method === 'POST' && req.body === undefined) {
        send(res, { status: 415, message: 'Send the operation as JSON, with content-type: application/json.', extensions: { code: 'BAD_REQUEST' } });
        return;
      }
      // Apollo's express integration wants the property to exist, even for a GET without a body.
      if (!('body' in req)) (req as { body?: unknown }).body = undefined;
      next();
    },
  ];
}

/** What a body-parser (or other HTTP-level) failure tells the client; a 5xx is a bug and says nothing more. */
function shapeOf(error: unknown): Shaped | undefined {
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (status === 413) {
    return { status, message: `The request body is larger than the limit of ${BODY_LIMIT_BYTES} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE', limit: BODY_LIMIT_BYTES } };
  }
  if (type === 'entity.parse.failed') return { status: 400, message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } };
  if (status === 415) return { status, message: 'Send the request body as UTF-8 JSON.', extensions: { code: 'BAD_REQUEST' } };
  return { status, message: 'The request could not be read.', extensions: { code: 'BAD_REQUEST' } };
}

/**
 * Mounted last on the gateway's and every subgraph's app: an unknown path is a JSON 404, and errors below
 * GraphQL (body over the limit, malformed JSON, a broken stream) answer JSON in GraphQL's error shape with the
 * right status, never Express's HTML page with a stack. `requestId` names the request for an unexpected failure.
 */
export function graphqlHttpFallbacks(log: Logger, requestId: RequestIdOf): [RequestHandler, ErrorRequestHandler] {
  const notFound: RequestHandler = (_req, res) => send(res, { status: 404, message: 'Not found. The API is at /graphql.', extensions: { code: 'NOT_FOUND' } });
  const errors: ErrorRequestHandler = (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    answerHttpError(error, req, res, log, requestId);
  };
  return [notFound, errors];
}

type RequestIdOf = (req: http.IncomingMessage, res: http.ServerResponse) => string;

/**
 * The answer to an error below GraphQL, on Node's own request and response (the Express fallback and the
 * Express-free POST path both use it): the client's mistake with its 4xx, anything else a logged, bare 500.
 */
export function answerHttpError(error: unknown, req: http.IncomingMessage, res: http.ServerResponse, log: Logger, requestId: RequestIdOf): void {
  const path = (req.url ?? '').split('?')[0];
  const shaped = shapeOf(error);
  if (shaped) {
    log.debug({ err: error, path }, 'request refused before GraphQL');
    send(res, shaped);
    return;
  }
  const id = requestId(req, res);
  log.error({ err: error, path, requestId: id }, 'unexpected error below GraphQL');
  send(res, { status: 500, message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: id } });
}
