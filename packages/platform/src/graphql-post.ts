import type http from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import type express from 'express';
import { answerHttpError, BODY_LIMIT_BYTES, graphqlJsonBody } from './http-errors';
import type { Logger } from './logger';

/** A step of a GraphQL request on Node's own request and response, usable with and without Express. */
export type GraphqlStep = (req: GraphqlRequest, res: http.ServerResponse, next: (error?: unknown) => void) => unknown;

/** Node's request with the JSON body read (`undefined` for a GET). */
export type GraphqlRequest = http.IncomingMessage & { body?: unknown };

/** A GraphQL endpoint: the server's request listener now, its steps once Apollo Server has started. */
export interface GraphqlEndpoint {
  listener: http.RequestListener;
  /**
   * Mounts the request's steps: `beforeBody` (CORS, trace) and `afterBody` (request scope, Apollo) on the path
   * that skips Express, and the same around express.json on `app` for everything else.
   */
  serve(steps: { beforeBody: GraphqlStep[]; afterBody: GraphqlStep[] }): void;
}

/**
 * The HTTP handler of a GraphQL service. A POST of JSON to `path` (what the gateway, services, browsers and SDKs send)
 * runs the steps on Node's own request and response; everything else (GET, other content types or encodings, other
 * paths, CORS preflights) goes to `app` as before, where the same steps are mounted around express.json.
 *
 * Why not Express for the POST: its router, its body parser and the request and response prototypes it swaps in cost
 * about 95 µs of CPU a request on this machine — a small Apollo subgraph answered in 246 µs through express.json and
 * @as-integrations/express5, 151 µs without. The body is read as express.json would: at most BODY_LIMIT_BYTES (413),
 * UTF-8, an object or array at the top (400 otherwise), the same error answers.
 */
export function graphqlEndpoint(app: express.Express, options: { path: string; log: Logger; requestId: (req: http.IncomingMessage, res: http.ServerResponse) => string }): GraphqlEndpoint {
  let steps: GraphqlStep[] = [];
  const fail = (error: unknown, req: http.IncomingMessage, res: http.ServerResponse) => {
    if (res.headersSent) {
      options.log.error({ err: error }, 'GraphQL request failed after its answer began');
      res.destroy();
      return;
    }
    answerHttpError(error, req, res, options.log, options.requestId);
  };
  return {
    listener: (req, res) => {
      if (!isJsonPost(req, options.path)) {
        app(req, res);
        return;
      }
      readJsonBody(req, BODY_LIMIT_BYTES).then(
        (body) => runSteps(steps, Object.assign(req, { body }), res, (error) => fail(error, req, res)),
        (error: unknown) => fail(error, req, res),
      );
    },
    serve({ beforeBody, afterBody }) {
      steps = [...beforeBody, ...afterBody];
      const asExpress = (list: GraphqlStep[]) => list as express.RequestHandler[];
      app.use(options.path, ...asExpress(beforeBody), ...graphqlJsonBody(), ...asExpress(afterBody));
    },
  };
}

/** Runs each step in turn, the next when one calls `next()`; an error (thrown, rejected or passed on) ends it. */
function runSteps(steps: GraphqlStep[], req: GraphqlRequest, res: http.ServerResponse, fail: (error: unknown) => void): void {
  const step = (i: number) => (error?: unknown) => {
    if (error !== undefined) return fail(error);
    if (i === steps.length) return;
    try {
      const result = steps[i](req, res, step(i + 1));
      if (result instanceof Promise) result.catch(fail);
    } catch (thrown) {
      fail(thrown);
    }
  };
  step(0)();
}

/** A POST to `path` whose body is plain JSON: `application/json`, UTF-8 or no charset, not compressed. */
export function isJsonPost(req: http.IncomingMessage, path: string): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url ?? '';
  const query = url.indexOf('?');
  if ((query === -1 ? url : url.slice(0, query)) !== path) return false;
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const [type, ...parameters] = (req.headers['content-type'] ?? '').split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  return parameters.every((parameter) => {
    const [name, value] = parameter.split('=').map((part) => part.trim().toLowerCase());
    return name !== 'charset' || value === 'utf-8' || value === '"utf-8"';
  });
}

/** An HTTP-level refusal, in the form body-parser gives them (answerHttpError shapes both alike). */
const refusal = (status: number, type: string) => Object.assign(new Error(type), { status, type, expose: true });

/**
 * The request's JSON body, read as express.json({ limit }) reads it: 413 past the limit (at once when the declared
 * length says so), 400 for a body cut short or longer than declared, or that is not JSON with an object or array at
 * the top; an empty body is `{}`.
 */
export function readJsonBody(req: http.IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    if (declared !== undefined && declared > limit) {
      req.resume(); // let the rest go by, so the connection can answer
      reject(refusal(413, 'entity.too.large'));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      req.off('data', onData).off('end', onEnd).off('aborted', onAborted).off('error', onError);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        req.resume();
        finish(() => reject(refusal(413, 'entity.too.large')));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () =>
      finish(() => {
        if (declared !== undefined && received !== declared) return reject(refusal(400, 'request.size.invalid'));
        try {
          resolve(parseStrict((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8')));
        } catch (error) {
          reject(error);
        }
      });
    const onAborted = () => finish(() => reject(refusal(400, 'request.aborted')));
    const onError = () => finish(() => reject(refusal(400, 'request.aborted')));
    req.on('data', onData).on('end', onEnd).on('aborted', onAborted).on('error', onError);
  });
}

/** JSON.parse with body-parser's strict rule: an object or array at the top; an empty body is `{}`. */
function parseStrict(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return {};
  const first = /\S/.exec(body)?.[0];
  if (first !== '{' && first !== '[') throw refusal(400, 'entity.parse.failed');
  try {
    return JSON.parse(body);
  } catch {
    throw refusal(400, 'entity.parse.failed');
  }
}

/**
 * Apollo Server's answer to the request, written on Node's response (what @as-integrations/express5 does, without
 * Express): POST with the body read, GET with its query string; incremental answers are streamed.
 */
export function apolloStep<C extends BaseContext>(apollo: ApolloServer<C>, context: (req: GraphqlRequest) => Promise<C>): GraphqlStep {
  return async (req, res) => {
    await writeGraphqlResponse(res, await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: httpGraphqlRequestOf(req), context: () => context(req) }));
  };
}

/** Apollo Server's answer on Node's response: a complete one with its length, an incremental one streamed. */
export async function writeGraphqlResponse(res: http.ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** The request as Apollo Server reads it: method, headers (repeated ones joined), query string and body. */
export function httpGraphqlRequestOf(req: GraphqlRequest) {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '';
  const query = url.indexOf('?');
  return { method: (req.method ?? 'GET').toUpperCase(), headers, search: query === -1 ? '' : url.slice(query), body: req.body };
}
