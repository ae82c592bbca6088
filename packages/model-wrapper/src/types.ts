import type {
  Feedback,
  JsonObject,
  JsonValue,
  Meta,
  Metric,
  SeldonMessage,
  SeldonMessageList,
  SeldonModelMetadata,
} from '@seldon-ts/payload';
import type { NdArray } from './ndarray.js';
import type { ComponentParameters } from './parameters.js';

/**
 * The value a high-level method receives (01-payload §4.1):
 * - `data` (tensor / ndarray / tftensor) → {@link NdArray}
 * - `strData` → `string`
 * - `binData` → `Uint8Array` (decoded bytes)
 * - `jsonData` → the JSON value as-is
 * - `customData` (gRPC only) → the `Any` message in JSON form
 */
export type ComponentInput = NdArray | string | Uint8Array | JsonValue;

/** A custom metric (03 §4.1). TIMER values are milliseconds. */
export interface CustomMetric {
  key: string;
  type: 'COUNTER' | 'GAUGE' | 'TIMER';
  value: number;
  tags?: Record<string, string>;
}

/**
 * What a high-level method may return (01-payload §4.2):
 * - `NdArray`, a (nested) JS array or a numeric typed array → `data` (kind chosen by the request)
 * - `string` → `strData`; `Uint8Array`/`Buffer` → `binData`
 * - a plain object → `jsonData`
 * - a {@link SeldonResponse} → its `data`, plus runtime tags and metrics
 */
export type ComponentOutput =
  | NdArray
  | readonly unknown[]
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint8Array
  | string
  | JsonObject
  | SeldonResponse;

/** A return value with runtime tags and metrics (the reference's `SeldonResponse`). */
export class SeldonResponse {
  constructor(
    readonly data: Exclude<ComponentOutput, SeldonResponse>,
    readonly tags?: JsonObject,
    readonly metrics?: CustomMetric[],
  ) {}
}

/** Model metadata a component may declare (01-payload §5.1). */
export type ComponentMetadata = SeldonModelMetadata & { [key: string]: unknown };

type MaybePromise<T> = T | Promise<T>;

/**
 * The user contract: a class instance or plain object with any of these members. Every
 * member is optional; the endpoints a component lacks answer "not implemented" (or the
 * reference's default: identity for transformers, `[]` for predict... see the guide).
 *
 * High-level methods receive converted values; `*Raw` methods receive and return whole
 * payload messages and take precedence when both exist.
 */
export interface SeldonComponent {
  /** Called once before the server reports ready (per worker thread in worker mode). */
  load?(): MaybePromise<void>;
  /**
   * New parameters while serving (the node's parameters changed in the SeldonDeployment and the
   * operator's mounted file changed). With this method the instance stays and keeps its state;
   * without it, a class component is constructed anew with the new parameters, loaded, and
   * swapped in. A throw keeps the current parameters (and is logged).
   */
  updateParameters?(parameters: ComponentParameters): MaybePromise<void>;

  predict?(X: ComponentInput, names: string[], meta?: Meta): MaybePromise<ComponentOutput>;
  transformInput?(X: ComponentInput, names: string[], meta?: Meta): MaybePromise<ComponentOutput>;
  transformOutput?(X: ComponentInput, names: string[], meta?: Meta): MaybePromise<ComponentOutput>;
  /** -1 all children, -2 none (return the input), N the child index. */
  route?(X: ComponentInput, names: string[]): MaybePromise<number>;
  /** One entry per child response, in order. */
  aggregate?(Xs: ComponentInput[], namesList: string[][]): MaybePromise<ComponentOutput>;
  /** `routing` is `response.meta.routing[PREDICTIVE_UNIT_ID]` when the executor injected it. */
  sendFeedback?(
    X: ComponentInput,
    names: string[],
    reward: number,
    truth: ComponentInput | undefined,
    routing: number | undefined,
  ): MaybePromise<ComponentOutput | void | null | undefined>;
  healthStatus?(): MaybePromise<ComponentOutput>;
  /** Model metadata; `metadata()` is accepted as an alias. */
  initMetadata?(): MaybePromise<ComponentMetadata>;
  metadata?(): MaybePromise<ComponentMetadata>;
  /** Custom metrics recorded after every call (and echoed in `meta.metrics`). */
  metrics?(): CustomMetric[];
  /** Static tags merged into every response's `meta.tags`. */
  tags?(): JsonObject;
  /** Names for 2-D outputs (default `t:0..t:n-1`). */
  classNames?: readonly string[] | (() => readonly string[]);

  predictRaw?(message: SeldonMessage): MaybePromise<SeldonMessage>;
  transformInputRaw?(message: SeldonMessage): MaybePromise<SeldonMessage>;
  transformOutputRaw?(message: SeldonMessage): MaybePromise<SeldonMessage>;
  routeRaw?(message: SeldonMessage): MaybePromise<SeldonMessage>;
  aggregateRaw?(messages: SeldonMessageList): MaybePromise<SeldonMessage>;
  sendFeedbackRaw?(feedback: Feedback): MaybePromise<SeldonMessage>;
  healthStatusRaw?(): MaybePromise<SeldonMessage>;
}

/** A component class: instantiated once with the converted parameters. */
export type SeldonComponentClass = new (parameters: ComponentParameters) => SeldonComponent;

/** The endpoint methods a {@link ComponentRuntime} serves, in a fixed order. */
export const COMPONENT_METHODS = [
  'predict',
  'transformInput',
  'transformOutput',
  'route',
  'aggregate',
  'sendFeedback',
  'health',
  'metadata',
] as const;

/** One of {@link COMPONENT_METHODS}. */
export type ComponentMethod = (typeof COMPONENT_METHODS)[number];

/** The `--service-type` values (accepted, informational: every endpoint is always served). */
export type ServiceType =
  'MODEL' | 'ROUTER' | 'TRANSFORMER' | 'OUTPUT_TRANSFORMER' | 'COMBINER' | 'OUTLIER_DETECTOR';

/**
 * A component to load from a module (required for worker-thread mode, where each thread
 * imports it itself): `module` is a path or file URL of a `.js`, `.mjs` or `.ts` file.
 */
export interface ComponentModuleSpec {
  module: string;
  /** Named export; default: the default export. */
  exportName?: string;
  /** Constructor parameters; default: parsed from `PREDICTIVE_UNIT_PARAMETERS`. */
  parameters?: ComponentParameters;
}

/** Re-exported for components that implement raw methods. */
export type { Feedback, Meta, Metric, SeldonMessage, SeldonMessageList };
