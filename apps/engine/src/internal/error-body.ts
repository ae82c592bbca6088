// Turns any failure into what the client sees: a node's own error passes through verbatim (status
// and body, as the reference does); everything else becomes the executor's Seldon status JSON with
// our stable code in `reason`.
import { isGraphError } from '@seldon-ts/graph-executor';
import { GrpcStatus } from '@seldon-ts/payload/json';
import { EngineError } from '../errors.js';

export interface RenderedError {
  status: number;
  grpcStatus: number;
  code: string;
  message: string;
  contentType: string;
  body: Uint8Array | string;
}

export function statusBody(httpStatus: number, info: string, reason: string): string {
  return JSON.stringify({ status: { code: httpStatus, info, reason, status: 'FAILURE' } });
}

export function errorResponse(err: unknown): RenderedError {
  if (isGraphError(err) && err.code === 'SC_ERR_GRAPH_NODE_ERROR_RESPONSE' && err.body) {
    return {
      status: err.httpStatus,
      grpcStatus: err.grpcStatus,
      code: err.code,
      message: err.message,
      contentType: err.body.contentType || 'application/json',
      body: err.body.bytes(),
    };
  }
  if (isGraphError(err) || err instanceof EngineError) {
    return {
      status: err.httpStatus,
      grpcStatus: err.grpcStatus,
      code: err.code,
      message: err.message,
      contentType: 'application/json',
      body: statusBody(err.httpStatus, err.message, err.code),
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    status: 500,
    grpcStatus: GrpcStatus.UNKNOWN,
    code: 'SC_ERR_ENGINE_INTERNAL',
    message,
    contentType: 'application/json',
    body: statusBody(500, message, 'SC_ERR_ENGINE_INTERNAL'),
  };
}
