// What a failed gRPC call means for the graph. @grpc/grpc-js reports everything as a status: the
// node's own non-OK answers, and the ones it makes up itself (no connection, a dropped
// connection, a message over the limit, a deadline, an answer that is not gRPC). The latter are
// told apart by their code and grpc-js's wording, and mapped to the executor's codes.
import { status as GrpcCode, type ServiceError } from '@grpc/grpc-js';
import { GraphError } from '../errors.js';
import { grpcToHttpStatus } from '@seldon-ts/payload/json';

/** Where the failed call went. */
export interface GrpcFailureContext {
  readonly nodeName: string;
  /** `host:port/package.Service/Method`. */
  readonly target: string;
  readonly maxMessageBytes: number;
  /** The call's deadline (epoch ms), if any. */
  readonly deadline: number | undefined;
  /** The node sent response headers before the status. */
  readonly answered: boolean;
  /** The client gave up waiting for a connection after connectTimeoutMs (the call was withdrawn unsent). */
  readonly connectTimedOut: number | undefined;
}

/** grpc-js's own statuses for a node that answered something other than a gRPC answer. */
const NOT_GRPC =
  /^(Received RST_STREAM|Received HTTP status code|Response message parsing error|No status information received|Stream closed before sending status|No message received|Too many responses received)/;

/**
 * `connect`: no connection was made, so nothing was sent. `closed`: the connection went away
 * before the node answered anything (a node restarting, or its connection closing as the call
 * was sent), retried once, as the REST client does for a keep-alive connection closed under a call.
 */
export type GrpcRetry = 'connect' | 'closed' | undefined;

/** The error for a failed call (other than a cancellation by the caller, which the caller reports). */
export function grpcFailure(
  err: ServiceError,
  ctx: GrpcFailureContext,
): { readonly error: GraphError; readonly retry: GrpcRetry } {
  const { nodeName, target } = ctx;
  const details = err.details ?? err.message;
  const unreachable = (why: string, retry: GrpcRetry) => ({
    error: new GraphError(
      'SC_ERR_GRAPH_NODE_UNREACHABLE',
      `calling node ${nodeName} at ${target} failed: ${why}`,
      {
        nodeName,
        cause: err,
      },
    ),
    retry,
  });
  if (ctx.connectTimedOut !== undefined)
    return unreachable(`no connection within ${ctx.connectTimedOut} ms (connectTimeoutMs)`, 'connect');
  switch (err.code) {
    case GrpcCode.UNAVAILABLE:
      if (details.startsWith('No connection established')) return unreachable(details, 'connect');
      if (!ctx.answered) return unreachable(details, 'closed');
      break;
    case GrpcCode.CANCELLED:
      // Not the caller's cancellation (reported before this): the stream was reset under the call.
      if (!ctx.answered)
        return unreachable(`the connection was reset before the node answered (${details})`, 'closed');
      break;
    case GrpcCode.RESOURCE_EXHAUSTED:
      if (/^Received message (larger than max|that decompresses to a size larger than)/.test(details))
        return {
          error: new GraphError(
            'SC_ERR_GRAPH_MESSAGE_TOO_LARGE',
            `response of node ${nodeName} (${target}) exceeds maxMessageBytes (${ctx.maxMessageBytes} bytes)`,
            { nodeName, grpcStatus: GrpcCode.RESOURCE_EXHAUSTED, cause: err },
          ),
          retry: undefined,
        };
      break;
    case GrpcCode.DEADLINE_EXCEEDED:
      if (ctx.deadline !== undefined && Date.now() >= ctx.deadline - 1)
        return {
          error: new GraphError(
            'SC_ERR_GRAPH_NODE_TIMEOUT',
            `node ${nodeName} (${target}) did not answer before the call's deadline`,
            { nodeName, cause: err },
          ),
          retry: undefined,
        };
      break;
  }
  if (NOT_GRPC.test(details))
    return {
      error: new GraphError(
        'SC_ERR_GRAPH_NODE_BAD_RESPONSE',
        `node ${nodeName} (${target}) did not answer as a gRPC server: ${details}`,
        { nodeName, cause: err },
      ),
      retry: undefined,
    };
  return {
    error: new GraphError(
      'SC_ERR_GRAPH_NODE_ERROR_RESPONSE',
      `node ${nodeName} (${target}) failed: ${details || `gRPC status ${err.code}`}`,
      { nodeName, grpcStatus: err.code, httpStatus: grpcToHttpStatus(err.code) },
    ),
    retry: undefined,
  };
}
