// What a failed REST exchange means for the graph: the GraphError to report and whether the call
// may be sent again (only when the node cannot have processed it).
import { GrpcStatus } from '@seldon-ts/payload/json';
import { GraphError } from '../errors.js';
import { isConnectFailure } from '../internal/net.js';
import type { ExchangeFailure } from './rest-exchange.js';

/** Where the failed call went, and the limits it ran under (named in messages). */
export interface RestFailureContext {
  readonly nodeName: string;
  /** `http://host:port/path`. */
  readonly url: string;
  readonly maxMessageBytes: number;
  readonly maxHeaderBytes: number;
  readonly answerTimeoutMs: number;
  readonly maxAnswerMs: number;
  /** The request's headers (undici's flat `[name, value, ...]` list), to name one undici refused. */
  readonly headers?: readonly string[];
}

/**
 * `connect`: the connection failed before the request was sent (refused, DNS, connect timeout).
 * `closed`: the connection was closed or reset before any answer byte, which on a reused
 * keep-alive connection is the node's idle timeout racing the call (retried once).
 */
export type RestRetry = 'connect' | 'closed' | undefined;

/** The error for a failed exchange (other than a cancellation, which the caller reports). */
export function restFailure(
  failure: ExchangeFailure,
  ctx: RestFailureContext,
): { readonly error: GraphError; readonly retry: RestRetry } {
  const { nodeName, url } = ctx;
  if (failure.kind === 'too-large')
    return {
      error: new GraphError(
        'SC_ERR_GRAPH_MESSAGE_TOO_LARGE',
        `response of node ${nodeName} from ${url} exceeds maxMessageBytes (${ctx.maxMessageBytes} bytes)`,
        { nodeName, grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED },
      ),
      retry: undefined,
    };
  if (failure.kind === 'deadline')
    return {
      error: new GraphError(
        'SC_ERR_GRAPH_NODE_TIMEOUT',
        `node ${nodeName} at ${url} did not finish its answer within ${ctx.maxAnswerMs} ms (maxAnswerMs)`,
        { nodeName },
      ),
      retry: undefined,
    };
  const cause = failure.cause as { code?: unknown; message?: string; socket?: { bytesRead?: number } };
  const code = typeof cause?.code === 'string' ? cause.code : '';
  const bad = (what: string): { error: GraphError; retry: undefined } => ({
    error: new GraphError('SC_ERR_GRAPH_NODE_BAD_RESPONSE', `node ${nodeName} at ${url} sent ${what}`, {
      nodeName,
      cause,
    }),
    retry: undefined,
  });
  switch (code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return {
        error: new GraphError(
          'SC_ERR_GRAPH_NODE_TIMEOUT',
          `node ${nodeName} at ${url} sent nothing for ${ctx.answerTimeoutMs} ms (answerTimeoutMs)`,
          { nodeName, cause },
        ),
        retry: undefined,
      };
    case 'UND_ERR_HEADERS_OVERFLOW':
      return bad(`an answer head over maxHeaderBytes (${ctx.maxHeaderBytes} bytes)`);
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return bad(`a body that does not match its Content-Length`);
    case 'UND_ERR_INVALID_ARG':
      return {
        error: new GraphError(
          'SC_ERR_GRAPH_BAD_PAYLOAD',
          `cannot call node ${nodeName}: ${cause.message}${badHeaderName(ctx.headers, cause.message)} (nothing was sent)`,
          { nodeName, cause },
        ),
        retry: undefined,
      };
    case 'UND_ERR_CLOSED':
    case 'UND_ERR_DESTROYED':
      return {
        error: new GraphError('SC_ERR_GRAPH_CLOSED', 'REST node client is closed', { nodeName }),
        retry: undefined,
      };
  }
  if ((cause as { name?: string })?.name === 'HTTPParserError' || code.startsWith('HPE_'))
    return bad(`an invalid HTTP/1.1 answer: ${cause.message ?? code}`);
  if (code === 'UND_ERR_SOCKET' && /^bad (response|upgrade)$/.test(cause.message ?? ''))
    return bad('an answer the client cannot read (an unrequested 100 Continue or 101 Switching Protocols)');
  if (isConnectFailure(cause)) return { error: unreachable(ctx, describe(cause), cause), retry: 'connect' };
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
    if (failure.answerStarted)
      return {
        error: unreachable(ctx, 'the node closed the connection in the middle of its answer', cause),
        retry: undefined,
      };
    // undici reports a close with the socket's byte counts: bytes read before this call mean the
    // connection was a reused keep-alive one. A reset carries no counts and is retried the same way.
    const reused = code !== 'UND_ERR_SOCKET' || (cause.socket?.bytesRead ?? 0) > 0;
    return {
      error: unreachable(ctx, 'the node closed the connection without answering', cause),
      retry: reused ? 'closed' : undefined,
    };
  }
  return { error: unreachable(ctx, describe(cause ?? failure), cause), retry: undefined };
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** undici's "invalid header key" does not say which: the first name that is not a token. */
function badHeaderName(headers: readonly string[] | undefined, message: string | undefined): string {
  if (message !== 'invalid header key' || headers === undefined) return '';
  for (let i = 0; i < headers.length; i += 2)
    if (!TOKEN.test(headers[i]!)) return ` ${JSON.stringify(headers[i])}`;
  return '';
}

function unreachable(ctx: RestFailureContext, why: string, cause: unknown): GraphError {
  return new GraphError(
    'SC_ERR_GRAPH_NODE_UNREACHABLE',
    `calling node ${ctx.nodeName} at ${ctx.url} failed: ${why}`,
    {
      nodeName: ctx.nodeName,
      cause,
    },
  );
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e?.code ? `${e.code} ${e.message ?? ''}`.trim() : String(e?.message ?? err);
}
