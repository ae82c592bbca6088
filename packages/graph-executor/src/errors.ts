import { GrpcStatus, SeldonError } from '@seldon-ts/payload/json';
import type { SeldonErrorSpec, SeldonStatusBody, SeldonStatusForm } from '@seldon-ts/payload/json';
import type { GraphPayload } from './payload.js';

/** One entry of the error catalogue. */
export interface GraphErrorSpec extends SeldonErrorSpec {
  /** What it means and how to solve it (the docs table is checked against this). */
  readonly description: string;
}

/**
 * The error catalogue of @seldon-ts/graph-executor. Codes are stable: match on `error.code`, never on
 * the message. HTTP statuses follow the reference executor, which answers 500 for everything it
 * originates itself; the gRPC codes are chosen to be precise.
 */
export const graphErrors = {
  SC_ERR_GRAPH_INVALID_GRAPH: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    description:
      'The graph given to GraphExecutor is malformed (missing or duplicate node names, a node that needs a remote call has no endpoint, an unknown node binding). Fix the predictor spec.',
  },
  SC_ERR_GRAPH_INVALID_OPTIONS: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    description:
      'An option has an invalid value (negative timeout, unknown protocol). Fix the options object.',
  },
  SC_ERR_GRAPH_NO_NODE_CLIENT: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    description:
      "A node's transport (rest or grpc) has no node client: the executor makes none. Pass one in GraphExecutorInit.clients (RestNodeClient from @seldon-ts/graph-executor/rest, GrpcNodeClient from /grpc) or in the node's binding.",
  },
  SC_ERR_GRAPH_NODE_ERROR_RESPONSE: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.UNKNOWN,
    description:
      "A node answered with a non-success status. The error carries the node's own status and body (`httpStatus`, `grpcStatus`, `body`), which servers pass through verbatim.",
  },
  SC_ERR_GRAPH_NODE_UNREACHABLE: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    description:
      'The connection to a node could not be made (refused, DNS failure, reset before an answer). Check that the node is running and its endpoint host/port.',
  },
  SC_ERR_GRAPH_NODE_TIMEOUT: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.DEADLINE_EXCEEDED,
    description:
      'A node did not answer within its deadline (the node timeout or what was left of the graph deadline). The call was aborted. Raise the timeout or speed up the node.',
  },
  SC_ERR_GRAPH_CANCELLED: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.CANCELLED,
    description: 'The caller aborted the request (its AbortSignal fired); in-flight node calls were aborted.',
  },
  SC_ERR_GRAPH_NODE_BAD_RESPONSE: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    description:
      'A node answered 200 with a body that could not be used (not JSON where JSON is needed, not a valid protobuf message, a broken gRPC frame).',
  },
  SC_ERR_GRAPH_MESSAGE_TOO_LARGE: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    description: 'A node response is larger than `maxMessageBytes`. Raise the limit or shrink the payload.',
  },
  SC_ERR_GRAPH_DECODED_TOO_LARGE: {
    httpStatus: 413,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    description:
      'A content-encoded (gzip, deflate, br) payload decodes to more than `maxMessageBytes`; it is refused without being inflated whole.',
  },
  SC_ERR_GRAPH_BAD_ROUTE: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    description:
      'A router answered something that is not a route: it must be a SeldonMessage whose data.ndarray[0], data.tensor.values[0] or data.tftensor.intVal[0] is an integer, or a bare JSON array of integers.',
  },
  SC_ERR_GRAPH_ROUTE_OUT_OF_RANGE: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    description: 'A router chose a child index that does not exist (valid: -2, -1, 0..children-1).',
  },
  SC_ERR_GRAPH_NOT_JSON: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    description: 'Data is not JSON: a child output sent to a REST combiner is not valid JSON.',
  },
  SC_ERR_GRAPH_COMBINE_FAILED: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    description:
      'The built-in AVERAGE_COMBINER could not average its children: each child must answer numeric data.ndarray or data.tensor of the same shape.',
  },
  SC_ERR_GRAPH_BAD_PAYLOAD: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    description:
      'The request payload had to be looked at (routing, a change of transport, feedback routing) and could not be decoded. Send valid JSON or protobuf.',
  },
  SC_ERR_GRAPH_BAD_PARAMETER: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    description:
      'A built-in node parameter is invalid (RANDOM_ABTEST ratioA must parse as a float in [0,1]).',
  },
  SC_ERR_GRAPH_CHAINING_FAILED: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    description:
      'A tensorflow/v2 response could not be converted into the next request (no predictions/outputs/instances/inputs key).',
  },
  SC_ERR_GRAPH_MODEL_NOT_FOUND: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.NOT_FOUND,
    description:
      'Failed to find model: no node of the graph has that name (status and metadata of one model).',
  },
  SC_ERR_GRAPH_UNSUPPORTED: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.UNIMPLEMENTED,
    description:
      'The operation is not available for this node, transport or protocol (e.g. Seldon status over gRPC, tensorflow/v2 routers and combiners over gRPC, a tensorflow/v2 payload changing transport, an in-process component without that method).',
  },
  SC_ERR_GRAPH_CLOSED: {
    httpStatus: 503,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    description: 'The executor or node client was closed.',
  },
} as const satisfies Record<string, GraphErrorSpec>;

/** A stable error code of this package. */
export type GraphErrorCode = keyof typeof graphErrors;

/** Options of {@link GraphError}. */
export interface GraphErrorOptions {
  /** The graph node the error is about. */
  readonly nodeName?: string;
  /** Overrides the catalogue's HTTP status (node errors carry the node's status). */
  readonly httpStatus?: number;
  /** Overrides the catalogue's gRPC status (node errors carry the node's status). */
  readonly grpcStatus?: number;
  /** The node's error body, to be passed through verbatim by servers. */
  readonly body?: GraphPayload;
  readonly cause?: unknown;
}

/**
 * The only error class this package throws. Match on {@link GraphError.code}. For
 * `SC_ERR_GRAPH_NODE_ERROR_RESPONSE`, {@link GraphError.body} holds the node's answer to pass through.
 */
export class GraphError extends SeldonError<GraphErrorCode> {
  override readonly name = 'GraphError';
  readonly nodeName: string | undefined;
  readonly body: GraphPayload | undefined;

  constructor(code: GraphErrorCode, message: string, options: GraphErrorOptions = {}) {
    super(code, message, graphErrors[code], options);
    this.nodeName = options.nodeName;
    this.body = options.body;
  }

  /** The executor's error body (the default form here): see {@link SeldonError.toSeldonStatus}. */
  override toSeldonStatus(form: SeldonStatusForm = 'executor'): SeldonStatusBody {
    return super.toSeldonStatus(form);
  }

  /**
   * @deprecated Use `toSeldonStatus()`: the executor's error body,
   * `{"status":{"code":<httpStatus>,"info":<message>,"reason":<code>,"status":"FAILURE"}}`.
   */
  toStatusBody(): SeldonStatusBody {
    return this.toSeldonStatus('executor');
  }

  /** @deprecated Use {@link SeldonError.grpcStatus}; the same number. */
  get grpcCode(): number {
    return this.grpcStatus;
  }
}

/** True when `value` is a {@link GraphError} (also across duplicated copies of this package). */
export function isGraphError(value: unknown): value is GraphError {
  return (
    value instanceof GraphError ||
    (value instanceof Error &&
      (value as { name?: unknown }).name === 'GraphError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}
