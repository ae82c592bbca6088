import * as grpc from '@grpc/grpc-js';
import {
  PayloadError,
  decodeFeedback,
  decodeMessage,
  encodeMessage,
  seldonServices,
} from '@seldon-ts/payload';
import type { MethodDefinition, SeldonMessage } from '@seldon-ts/payload';
import { BatchError } from '../errors.js';
import type { ClientSettings, DeploymentClient, DeploymentResponse } from './client.js';
import type { JsonObject } from './json.js';

/**
 * gRPC transport: `seldon.protos.Seldon/Predict` and `/SendFeedback` on one HTTP/2 channel (calls
 * multiplex, so the worker count needs no extra connections). JSON requests are validated into
 * SeldonMessages by @seldon-ts/payload, and responses come back as proto3-JSON text.
 */
export function createGrpcClient(settings: ClientSettings): DeploymentClient {
  const options: grpc.ChannelOptions = {
    'grpc.max_receive_message_length': settings.maxResponseBytes,
    'grpc.max_send_message_length': -1,
  };
  let credentials: grpc.ChannelCredentials;
  if (settings.useSsl) {
    credentials = grpc.credentials.createSsl(null, null, null, { rejectUnauthorized: settings.sslVerify });
    if (!settings.sslVerify) options['grpc.ssl_target_name_override'] = settings.host.split(':')[0];
  } else {
    credentials = grpc.credentials.createInsecure();
  }
  const client = new grpc.Client(settings.host, credentials, options);
  const where = (method: string) => `gRPC ${settings.host} ${method}`;

  const baseMetadata = (): grpc.Metadata => {
    const metadata = new grpc.Metadata();
    if (settings.gatewayType !== 'seldon') {
      // Ingress gateways route gRPC on these metadata keys.
      metadata.set('seldon', settings.deploymentName);
      metadata.set('namespace', settings.namespace);
    }
    if (settings.callCredentialsToken !== '') metadata.set('x-auth-token', settings.callCredentialsToken);
    return metadata;
  };

  const call = <Req>(
    method: MethodDefinition<Req, SeldonMessage>,
    request: Req,
    metadata: grpc.Metadata,
  ): Promise<DeploymentResponse> =>
    new Promise((resolve, reject) => {
      client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        metadata,
        { deadline: Date.now() + settings.timeoutMs },
        (error, response) => {
          if (error) {
            reject(toBatchError(error, where(method.path), settings.timeoutMs));
            return;
          }
          try {
            const text = encodeMessage(response!);
            resolve({ message: JSON.parse(text) as JsonObject, text });
          } catch (e) {
            reject(
              new BatchError(
                'SC_ERR_BATCH_RESPONSE_INVALID',
                `${where(method.path)}: cannot encode the response as JSON: ${(e as Error).message}`,
                { cause: e },
              ),
            );
          }
        },
      );
    });

  return {
    async predict(message, puid) {
      const request = validate(() => decodeMessage(message), 'SeldonMessage');
      const metadata = baseMetadata();
      if (puid !== undefined) metadata.set('seldon-puid', puid);
      return call(seldonServices.Seldon.Predict, request, metadata);
    },
    async feedback(feedback) {
      const request = validate(() => decodeFeedback(feedback), 'Feedback');
      return call(seldonServices.Seldon.SendFeedback, request, baseMetadata());
    },
    close: async () => client.close(),
  };
}

/** Validation failures are the line's fault: not retried. */
function validate<T>(decode: () => T, what: string): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof PayloadError) {
      throw new BatchError('SC_ERR_BATCH_LINE_INVALID', `not a valid ${what} for gRPC: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}

function toBatchError(error: grpc.ServiceError, where: string, timeoutMs: number): BatchError {
  switch (error.code) {
    case grpc.status.DEADLINE_EXCEEDED:
      return new BatchError('SC_ERR_BATCH_REQUEST_TIMEOUT', `${where}: no answer within ${timeoutMs} ms`, {
        cause: error,
      });
    case grpc.status.UNAVAILABLE:
      return new BatchError('SC_ERR_BATCH_REQUEST_FAILED', `${where}: ${error.details || error.message}`, {
        cause: error,
      });
    default:
      return new BatchError(
        'SC_ERR_BATCH_RESPONSE_STATUS',
        `${where} answered ${grpc.status[error.code] ?? error.code}: ${error.details || error.message}`,
        { cause: error },
      );
  }
}
