import { describe, it, expect } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import {
  GrpcStatus,
  PayloadError,
  SeldonError,
  grpcToHttpStatus,
  httpToGrpcStatus,
  isSeldonError,
} from '../src/index.js';
import { SeldonError as SeldonErrorAlone } from '@seldon-ts/payload/seldon-error';
import { GrpcStatus as GrpcStatusAlone } from '@seldon-ts/payload/grpc-status';

describe('GrpcStatus', () => {
  it('is the gRPC specification table, name for name and number for number as in @grpc/grpc-js', () => {
    const fromGrpcJs = Object.fromEntries(
      Object.entries(grpc.status).filter(([name]) => Number.isNaN(Number(name))),
    );
    expect(GrpcStatus).toEqual(fromGrpcJs);
  });

  it('maps HTTP statuses to gRPC statuses and back', () => {
    expect(httpToGrpcStatus(400)).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(httpToGrpcStatus(404)).toBe(GrpcStatus.NOT_FOUND);
    expect(httpToGrpcStatus(429)).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(httpToGrpcStatus(503)).toBe(GrpcStatus.UNAVAILABLE);
    expect(httpToGrpcStatus(502)).toBe(GrpcStatus.INTERNAL);
    expect(httpToGrpcStatus(418)).toBe(GrpcStatus.UNKNOWN);
    for (const http of [400, 401, 403, 404, 409, 429, 501, 503, 504])
      expect(grpcToHttpStatus(httpToGrpcStatus(http))).toBe(http);
    expect(grpcToHttpStatus(GrpcStatus.FAILED_PRECONDITION)).toBe(400);
    expect(grpcToHttpStatus(GrpcStatus.UNKNOWN)).toBe(500);
  });
});

describe('SeldonError', () => {
  const spec = { httpStatus: 400, grpcStatus: GrpcStatus.INVALID_ARGUMENT };

  it('takes code, statuses and reason from the catalogue entry, overrides from the options', () => {
    const cause = new Error('root');
    const err = new SeldonError('SC_ERR_X', 'bad x', spec, { cause });
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({
      name: 'SeldonError',
      code: 'SC_ERR_X',
      message: 'bad x',
      httpStatus: 400,
      grpcStatus: 3,
      reason: 'MICROSERVICE_BAD_DATA',
      cause,
    });
    expect('cause' in new SeldonError('SC_ERR_X', 'bad x', spec)).toBe(false);
    const over = new SeldonError('SC_ERR_X', 'm', spec, { httpStatus: 503, grpcStatus: 14 });
    expect([over.httpStatus, over.grpcStatus, over.reason]).toEqual([503, 14, 'MICROSERVICE_INTERNAL_ERROR']);
    const named = new SeldonError('SC_ERR_X', 'm', { ...spec, reason: 'MICROSERVICE_BAD_METRIC' });
    expect(named.reason).toBe('MICROSERVICE_BAD_METRIC');
    expect(new SeldonError('SC_ERR_X', 'm', spec, { reason: 'MINE' }).reason).toBe('MINE');
  });

  it('writes both Seldon status bodies', () => {
    const err = new SeldonError('SC_ERR_X', 'bad x', spec);
    expect(err.toSeldonStatus()).toEqual({
      status: { status: 1, info: 'bad x', code: -1, reason: 'MICROSERVICE_BAD_DATA' },
    });
    expect(err.toSeldonStatus('executor')).toEqual({
      status: { code: 400, info: 'bad x', reason: 'SC_ERR_X', status: 'FAILURE' },
    });
  });

  it('is the base of PayloadError, which keeps grpcCode as a deprecated alias', () => {
    const err = new PayloadError('SC_ERR_PAYLOAD_TOO_LARGE', '$', 'too big');
    expect(err).toBeInstanceOf(SeldonError);
    expect(err.grpcStatus).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(err.grpcCode).toBe(err.grpcStatus);
    expect(isSeldonError(err)).toBe(true);
  });

  it('isSeldonError recognises another copy by shape, and nothing else', () => {
    const copy = Object.assign(new Error('m'), { code: 'SC_ERR_X', httpStatus: 400, grpcStatus: 3 });
    expect(isSeldonError(copy)).toBe(true);
    expect(isSeldonError(Object.assign(new Error('m'), { code: 'ECONNRESET' }))).toBe(false);
    expect(isSeldonError({ code: 'SC_ERR_X', httpStatus: 400, grpcStatus: 3 })).toBe(false);
  });

  it('is importable without the codec, as the same class', () => {
    expect(SeldonErrorAlone).toBe(SeldonError);
    expect(GrpcStatusAlone).toBe(GrpcStatus);
  });
});
