import type { JsonObject } from './json.js';

/** What a deployment answered: the message, and its original one-line JSON text when there is one. */
export interface DeploymentResponse {
  readonly message: JsonObject;
  /**
   * The body exactly as received (newlines folded to spaces) when the transport had JSON text;
   * written unchanged when no metadata has to be added, so numbers keep their original form.
   */
  readonly text?: string;
}

/**
 * The narrow interface the pipeline talks to; REST and gRPC implement it. Each call is one attempt:
 * retries are the pipeline's business. Failures are `BatchError`s (retryable ones say so).
 */
export interface DeploymentClient {
  predict(message: JsonObject, puid: string | undefined): Promise<DeploymentResponse>;
  feedback(feedback: JsonObject): Promise<DeploymentResponse>;
  close(): Promise<void>;
}

/** Connection settings shared by the transports. */
export interface ClientSettings {
  readonly host: string;
  readonly gatewayType: 'ambassador' | 'istio' | 'seldon';
  readonly deploymentName: string;
  readonly namespace: string;
  readonly connections: number;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly useSsl: boolean;
  readonly sslVerify: boolean;
  readonly callCredentialsToken: string;
}
