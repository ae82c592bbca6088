import type { SerializedWrapperError } from '../errors.js';
import type { ComponentParameters } from '../parameters.js';
import type { ComponentMethod, CustomMetric } from '../types.js';

export interface WorkerInit {
  module: string;
  exportName: string | undefined;
  parameters: ComponentParameters;
  runtimeOptions: {
    unitId?: string;
    unitImage?: string;
    includeMetricsInResponse?: boolean;
    executorEnabled?: boolean;
    modelMetadata?: string | Record<string, unknown>;
  };
}

export interface WorkerRequest {
  id: number;
  method: ComponentMethod;
  arg: unknown;
}

export type WorkerReply =
  | { type: 'reply'; id: number; ok: true; result: unknown; metrics: [CustomMetric[], string][] }
  | {
      type: 'reply';
      id: number;
      ok: false;
      error: SerializedWrapperError;
      /** Stack of what the component threw, for the main thread's log. */
      stack: string | undefined;
      metrics: [CustomMetric[], string][];
    };

export type WorkerMessage =
  WorkerReply | { type: 'ready'; has: ComponentMethod[] } | { type: 'failed'; error: SerializedWrapperError };
