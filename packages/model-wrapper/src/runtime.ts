import {
  buildAggregateResponse,
  buildFeedbackResponse,
  buildResponse,
  buildRouteResponse,
  type Feedback,
  type SeldonMessage,
  type SeldonMessageList,
  type SeldonModelMetadata,
} from '@seldon-ts/payload';
import { WrapperError, toWrapperError } from './errors.js';
import type { ComponentParameters } from './parameters.js';
import {
  checkMetrics,
  extractInput,
  namesOf,
  responseOptions,
  toResponsePayload,
  unwrap,
  type ShapingContext,
} from './internal/shaping.js';
import { METRIC_METHOD } from './internal/metrics.js';
import { metadataDefaults, parseModelMetadataEnv, validateMetadata } from './internal/metadata.js';
import type {
  ComponentInput,
  ComponentMethod,
  CustomMetric,
  SeldonComponent,
  SeldonComponentClass,
} from './types.js';
import { NdArray } from './ndarray.js';

/** Where a runtime records custom metrics (the metrics port's store, or a worker's outbox). */
export interface MetricsRecorder {
  record(metrics: readonly CustomMetric[], method: string): void;
}

/** What {@link ComponentRuntimeOptions.onError} receives for each failed call. */
export interface ComponentErrorReport {
  /** The node name (`PREDICTIVE_UNIT_ID`), when known. */
  readonly unitId: string | undefined;
  /** The endpoint method that failed (`predict`, `transformInput`...). */
  readonly method: string;
  /** The error the caller is answered with. */
  readonly error: WrapperError;
  /**
   * True for a server-side failure (HTTP status >= 500: the component threw something other than
   * a 4xx `SeldonMicroserviceError`); false for a user error (bad request, 4xx).
   */
  readonly serverError: boolean;
  /** Stack of what the component threw (or of the wrapper error), for logs. */
  readonly stack: string | undefined;
}

/** Options of {@link createComponentRuntime}. Defaults come from the environment (05 §1). */
export interface ComponentRuntimeOptions {
  /** Constructor parameters when `component` is a class. Default: `{}`. */
  parameters?: ComponentParameters;
  /** Node name (`meta.requestPath` key, feedback routing). Default: env `PREDICTIVE_UNIT_ID`. */
  unitId?: string;
  /** Image (`meta.requestPath` value, metadata defaults). Default: env `PREDICTIVE_UNIT_IMAGE`. */
  unitImage?: string;
  /** Echo custom metrics in `meta.metrics`. Default: env `INCLUDE_METRICS_IN_CLIENT_RESPONSE` (true unless `false`). */
  includeMetricsInResponse?: boolean;
  /** Record feedback metrics. Default: env `SELDON_EXECUTOR_ENABLED` (true unless `false`). */
  executorEnabled?: boolean;
  /** Metadata overriding `initMetadata()` (JSON or YAML text, or an object). Default: env `MODEL_METADATA`. */
  modelMetadata?: string | Record<string, unknown>;
  /** Where custom metrics go. Default: nowhere (they are still validated and echoed). */
  metrics?: MetricsRecorder;
  /** Environment to read defaults from. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /**
   * Called once for each call that fails (the library logs nothing itself; the CLIs log server
   * errors at ERROR and user errors at DEBUG). Default: none.
   */
  onError?: (report: ComponentErrorReport) => void;
}

/**
 * The reference Python wrapper's method and attribute names (05 §3) and the names this wrapper
 * uses. A component written with the Python names would otherwise be served with the defaults
 * (identity transformers, empty predictions) without a word.
 */
export const PYTHON_METHOD_NAMES: Readonly<Record<string, string>> = {
  predict_raw: 'predictRaw',
  predict_rest: 'predictRaw',
  predict_grpc: 'predictRaw',
  transform_input: 'transformInput',
  transform_input_raw: 'transformInputRaw',
  transform_input_rest: 'transformInputRaw',
  transform_input_grpc: 'transformInputRaw',
  transform_output: 'transformOutput',
  transform_output_raw: 'transformOutputRaw',
  transform_output_rest: 'transformOutputRaw',
  transform_output_grpc: 'transformOutputRaw',
  route_raw: 'routeRaw',
  route_rest: 'routeRaw',
  route_grpc: 'routeRaw',
  aggregate_raw: 'aggregateRaw',
  aggregate_rest: 'aggregateRaw',
  aggregate_grpc: 'aggregateRaw',
  send_feedback: 'sendFeedback',
  send_feedback_raw: 'sendFeedbackRaw',
  send_feedback_rest: 'sendFeedbackRaw',
  send_feedback_grpc: 'sendFeedbackRaw',
  health_status: 'healthStatus',
  health_status_raw: 'healthStatusRaw',
  init_metadata: 'initMetadata',
  class_names: 'classNames',
};

/**
 * Refuses a component that defines a Python-style name (`transform_input`) without the camelCase
 * one (`transformInput`): it would be silently ignored.
 * @throws WrapperError `SC_ERR_WRAPPER_PYTHON_METHOD_NAME`
 */
export function checkComponentMethodNames(component: object): void {
  const c = component as Record<string, unknown>;
  const found = Object.keys(PYTHON_METHOD_NAMES).filter(
    (py) => c[py] !== undefined && c[PYTHON_METHOD_NAMES[py]] === undefined,
  );
  if (found.length === 0) return;
  const parts = found.map((py) => `${py} (the Python wrapper's name): rename it ${PYTHON_METHOD_NAMES[py]}`);
  throw new WrapperError('SC_ERR_WRAPPER_PYTHON_METHOD_NAME', `component defines ${parts.join('; ')}`);
}

/**
 * A component served in-process: the same behaviour as the REST/gRPC endpoints, with payload
 * objects in and out and no socket. Errors are thrown as {@link WrapperError}.
 */
export interface ComponentRuntime {
  /** Calls the component's `load()` once (later calls wait for the same promise). */
  load(): Promise<void>;
  /** True once `load()` resolved. */
  readonly ready: boolean;
  /** Whether the component implements an endpoint itself (rather than the reference's default). */
  has(method: ComponentMethod): boolean;
  predict(message: SeldonMessage): Promise<SeldonMessage>;
  transformInput(message: SeldonMessage): Promise<SeldonMessage>;
  transformOutput(message: SeldonMessage): Promise<SeldonMessage>;
  route(message: SeldonMessage): Promise<SeldonMessage>;
  /** Accepts a SeldonMessageList or the bare list the executor sends. */
  aggregate(messages: SeldonMessageList | readonly SeldonMessage[]): Promise<SeldonMessage>;
  sendFeedback(feedback: Feedback): Promise<SeldonMessage>;
  /** `/health/status`: the health hook's value shaped like a prediction. */
  health(): Promise<SeldonMessage>;
  /** Validated model metadata. @throws `SC_ERR_WRAPPER_BAD_METADATA` */
  metadata(): Promise<SeldonModelMetadata>;
  /** Releases resources (worker threads). */
  close(): Promise<void>;
}

type AnyFn = (...args: unknown[]) => unknown;

function isClass(value: unknown): value is SeldonComponentClass {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

function envBool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 't'].includes(value.toLowerCase());
}

/** Instantiates a class with the parameters, or takes an object as the component itself. */
export function instantiateComponent(
  component: SeldonComponent | SeldonComponentClass,
  parameters: ComponentParameters = {},
): SeldonComponent {
  if (isClass(component)) {
    try {
      return new component(parameters);
    } catch (err) {
      throw new WrapperError(
        'SC_ERR_WRAPPER_BAD_COMPONENT',
        `Component constructor failed: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }
  if (typeof component === 'function') {
    const fn = component as unknown as (p: ComponentParameters) => SeldonComponent;
    // An ES5 constructor (methods on its prototype, as the old NodeJS wrapper's models) or a factory.
    const proto = (fn as { prototype?: object }).prototype;
    if (proto !== undefined && Object.getOwnPropertyNames(proto).length > 1) {
      return instantiateComponent(class extends (fn as unknown as SeldonComponentClass) {}, parameters);
    }
    const made = fn(parameters);
    if (typeof made !== 'object' || made === null) {
      throw new WrapperError('SC_ERR_WRAPPER_BAD_COMPONENT', 'Component factory must return an object');
    }
    return made;
  }
  if (typeof component !== 'object' || component === null) {
    throw new WrapperError(
      'SC_ERR_WRAPPER_BAD_COMPONENT',
      `Component must be a class or an object, got ${typeof component}`,
    );
  }
  return component;
}

class InProcessRuntime implements ComponentRuntime {
  private readonly c: SeldonComponent & Record<string, unknown>;
  private readonly ctx: ShapingContext;
  private readonly unitId: string | undefined;
  private readonly recorder: MetricsRecorder | undefined;
  private readonly executorEnabled: boolean;
  private readonly modelMetadataOption: ComponentRuntimeOptions['modelMetadata'];
  private readonly onError: ComponentRuntimeOptions['onError'];
  private loading: Promise<void> | undefined;
  private metadataResult: { ok: SeldonModelMetadata } | { error: string } | undefined;
  ready = false;

  constructor(component: SeldonComponent, options: ComponentRuntimeOptions) {
    checkComponentMethodNames(component);
    const env = options.env ?? process.env;
    this.onError = options.onError;
    this.c = component as SeldonComponent & Record<string, unknown>;
    this.unitId = options.unitId ?? env.PREDICTIVE_UNIT_ID;
    this.recorder = options.metrics;
    this.executorEnabled = options.executorEnabled ?? env.SELDON_EXECUTOR_ENABLED?.toLowerCase() !== 'false';
    this.modelMetadataOption = options.modelMetadata ?? env.MODEL_METADATA;
    const c = this.c;
    this.ctx = {
      classNames:
        c.classNames === undefined
          ? undefined
          : typeof c.classNames === 'function'
            ? () => (c.classNames as () => readonly string[]).call(c)
            : () => c.classNames as readonly string[],
      staticTags: typeof c.tags === 'function' ? () => c.tags!.call(c) : undefined,
      unitId: this.unitId,
      unitImage: options.unitImage ?? env.PREDICTIVE_UNIT_IMAGE,
      includeMetrics:
        options.includeMetricsInResponse ?? envBool(env.INCLUDE_METRICS_IN_CLIENT_RESPONSE, true),
    };
    this.imageForDefaults = this.ctx.unitImage;
  }

  private readonly imageForDefaults: string | undefined;

  load(): Promise<void> {
    this.loading ??= (async () => {
      try {
        if (typeof this.c.load === 'function') await this.c.load();
      } catch (err) {
        this.loading = undefined;
        throw new WrapperError(
          'SC_ERR_WRAPPER_BAD_COMPONENT',
          `Component load() failed: ${(err as Error).message}`,
          { cause: err },
        );
      }
      await this.computeMetadata();
      this.ready = true;
    })();
    return this.loading;
  }

  has(method: ComponentMethod): boolean {
    const c = this.c;
    const fn = (name: string): boolean => typeof c[name] === 'function';
    switch (method) {
      case 'predict':
        return fn('predictRaw') || fn('predict');
      case 'transformInput':
        return fn('transformInputRaw') || fn('transformInput');
      case 'transformOutput':
        return fn('transformOutputRaw') || fn('transformOutput');
      case 'route':
        return fn('routeRaw') || fn('route');
      case 'aggregate':
        return fn('aggregateRaw') || fn('aggregate');
      case 'sendFeedback':
        return fn('sendFeedbackRaw') || fn('sendFeedback');
      case 'health':
        return fn('healthStatusRaw') || fn('healthStatus');
      case 'metadata':
        return fn('initMetadata') || fn('metadata');
    }
  }

  /** Calls `metrics()` and records user + runtime metrics under `method`. */
  private collectMetrics(
    method: string,
    runtime: readonly CustomMetric[] | undefined,
  ): CustomMetric[] | undefined {
    let user: CustomMetric[] | undefined;
    if (typeof this.c.metrics === 'function') user = checkMetrics(this.c.metrics());
    if (this.recorder !== undefined) {
      if (user !== undefined && user.length > 0) this.recorder.record(user, method);
      if (runtime !== undefined && runtime.length > 0) this.recorder.record(runtime, method);
    }
    return user;
  }

  private async callRaw(name: string, arg: unknown, method: string): Promise<SeldonMessage> {
    const out = (await (this.c[name] as AnyFn).call(this.c, arg)) as SeldonMessage;
    if (typeof out !== 'object' || out === null) {
      throw new WrapperError(
        'SC_ERR_WRAPPER_BAD_RETURN',
        `${name} must return a SeldonMessage object, got ${typeof out}`,
      );
    }
    const rawMetrics = out.meta?.metrics;
    let metrics: CustomMetric[] | undefined;
    if (rawMetrics !== undefined)
      metrics = checkMetrics(rawMetrics.map((m) => ({ type: 'COUNTER', value: 0, ...m })));
    this.collectMetrics(method, metrics);
    if (!this.ctx.includeMetrics && out.meta?.metrics !== undefined) {
      const { metrics: _dropped, ...meta } = out.meta;
      return { ...out, meta };
    }
    return out;
  }

  private async highLevel(
    method: 'predict' | 'transformInput' | 'transformOutput',
    message: SeldonMessage,
  ): Promise<SeldonMessage> {
    const raw = `${method}Raw`;
    const metricMethod = METRIC_METHOD[method];
    if (typeof this.c[raw] === 'function') return this.callRaw(raw, message, metricMethod);
    const X = extractInput(message);
    const names = namesOf(message);
    let output: unknown;
    if (typeof this.c[method] === 'function') {
      output = await (this.c[method] as AnyFn).call(this.c, X, names, message.meta);
    } else {
      // Reference defaults: predict answers [], transformers are the identity.
      output = method === 'predict' ? [] : X;
    }
    const out = unwrap(output);
    const user = this.collectMetrics(metricMethod, out.runtimeMetrics);
    return buildResponse(toResponsePayload(out.value), message, responseOptions(this.ctx, out, user));
  }

  private async guard<T>(method: ComponentMethod, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const error = toWrapperError(err);
      // A metadata problem is a configuration error, reported once at startup by the CLI.
      if (this.onError !== undefined && method !== 'metadata') {
        const cause = error.cause;
        this.onError({
          unitId: this.unitId,
          method,
          error,
          serverError: error.httpStatus >= 500,
          stack: cause instanceof Error ? cause.stack : error.stack,
        });
      }
      throw error;
    }
  }

  predict(message: SeldonMessage): Promise<SeldonMessage> {
    return this.guard('predict', () => this.highLevel('predict', message));
  }

  transformInput(message: SeldonMessage): Promise<SeldonMessage> {
    return this.guard('transformInput', () => this.highLevel('transformInput', message));
  }

  transformOutput(message: SeldonMessage): Promise<SeldonMessage> {
    return this.guard('transformOutput', () => this.highLevel('transformOutput', message));
  }

  route(message: SeldonMessage): Promise<SeldonMessage> {
    return this.guard('route', async () => {
      if (typeof this.c.routeRaw === 'function')
        return this.callRaw('routeRaw', message, METRIC_METHOD.route);
      if (typeof this.c.route !== 'function') {
        throw new WrapperError('SC_ERR_WRAPPER_NOT_IMPLEMENTED', 'route is not implemented');
      }
      const X = extractInput(message);
      const routeValue = await this.c.route(X, namesOf(message));
      if (typeof routeValue !== 'number' || !Number.isInteger(routeValue)) {
        throw new WrapperError(
          'SC_ERR_WRAPPER_BAD_ROUTE',
          `Routing response must be int but got ${String(routeValue)}`,
        );
      }
      const user = this.collectMetrics(METRIC_METHOD.route, undefined);
      return buildRouteResponse(routeValue, message, responseOptions(this.ctx, undefined, user));
    });
  }

  aggregate(messages: SeldonMessageList | readonly SeldonMessage[]): Promise<SeldonMessage> {
    return this.guard('aggregate', async () => {
      const list: SeldonMessageList = Array.isArray(messages)
        ? { seldonMessages: messages as SeldonMessage[] }
        : (messages as SeldonMessageList);
      if (typeof this.c.aggregateRaw === 'function')
        return this.callRaw('aggregateRaw', list, METRIC_METHOD.aggregate);
      if (typeof this.c.aggregate !== 'function') {
        throw new WrapperError('SC_ERR_WRAPPER_NOT_IMPLEMENTED', 'aggregate is not implemented');
      }
      const msgs = list.seldonMessages ?? [];
      if (msgs.length === 0) {
        throw new WrapperError(
          'SC_ERR_WRAPPER_BAD_DATA',
          'Invalid request data type: aggregate needs at least one SeldonMessage',
        );
      }
      const Xs: ComponentInput[] = msgs.map((m) => extractInput(m));
      const namesList = msgs.map((m) => namesOf(m));
      const out = unwrap(await this.c.aggregate(Xs, namesList));
      const user = this.collectMetrics(METRIC_METHOD.aggregate, out.runtimeMetrics);
      return buildAggregateResponse(toResponsePayload(out.value), msgs, responseOptions(this.ctx, out, user));
    });
  }

  sendFeedback(feedback: Feedback): Promise<SeldonMessage> {
    return this.guard('sendFeedback', async () => {
      const reward = feedback.reward ?? 0;
      if (reward !== 0 && this.executorEnabled && this.recorder !== undefined) {
        this.recorder.record(
          [
            { key: 'seldon_api_model_feedback_reward', type: 'COUNTER', value: reward },
            { key: 'seldon_api_model_feedback', type: 'COUNTER', value: 1 },
          ],
          METRIC_METHOD.sendFeedback,
        );
      }
      if (typeof this.c.sendFeedbackRaw === 'function') {
        return this.callRaw('sendFeedbackRaw', feedback, METRIC_METHOD.sendFeedback);
      }
      const request = feedback.request ?? {};
      const X = hasData(request) ? extractInput(request) : new NdArray([], [0]);
      const truth =
        feedback.truth !== undefined && hasData(feedback.truth) ? extractInput(feedback.truth) : undefined;
      const routing = this.unitId !== undefined ? feedback.response?.meta?.routing?.[this.unitId] : undefined;
      let output: unknown;
      if (typeof this.c.sendFeedback === 'function') {
        output = await this.c.sendFeedback(X, namesOf(request), reward, truth, routing);
      }
      const out = unwrap(output);
      const user = this.collectMetrics(METRIC_METHOD.sendFeedback, out.runtimeMetrics);
      const payload = out.value === undefined || out.value === null ? null : toResponsePayload(out.value);
      return buildFeedbackResponse(payload, { ...feedback, request }, responseOptions(this.ctx, out, user));
    });
  }

  health(): Promise<SeldonMessage> {
    return this.guard('health', async () => {
      if (typeof this.c.healthStatusRaw === 'function')
        return this.callRaw('healthStatusRaw', undefined, METRIC_METHOD.health);
      const output = typeof this.c.healthStatus === 'function' ? await this.c.healthStatus() : 'healthy';
      const out = unwrap(output);
      const user = this.collectMetrics(METRIC_METHOD.health, out.runtimeMetrics);
      return buildResponse(toResponsePayload(out.value), {}, responseOptions(this.ctx, out, user));
    });
  }

  private async computeMetadata(): Promise<void> {
    try {
      let declared: unknown = {};
      const c = this.c;
      if (typeof c.initMetadata === 'function') declared = await c.initMetadata();
      else if (typeof c.metadata === 'function') declared = await (c.metadata as AnyFn).call(c);
      let fromEnv: unknown = {};
      const opt = this.modelMetadataOption;
      if (typeof opt === 'string' && opt.trim() !== '') fromEnv = await parseModelMetadataEnv(opt);
      else if (typeof opt === 'object' && opt !== null) fromEnv = opt;
      if (typeof declared !== 'object' || declared === null) {
        this.metadataResult = { error: 'initMetadata() must return an object' };
        return;
      }
      if (typeof fromEnv !== 'object' || fromEnv === null) {
        this.metadataResult = { error: 'MODEL_METADATA must be an object' };
        return;
      }
      const merged = { ...metadataDefaults(this.imageForDefaults), ...declared, ...fromEnv };
      const problem = validateMetadata(merged);
      this.metadataResult =
        problem === undefined ? { ok: merged as SeldonModelMetadata } : { error: problem };
    } catch (err) {
      this.metadataResult = { error: (err as Error).message };
    }
  }

  metadata(): Promise<SeldonModelMetadata> {
    return this.guard('metadata', async () => {
      if (this.metadataResult === undefined) await this.computeMetadata();
      const result = this.metadataResult!;
      if ('error' in result) {
        throw new WrapperError('SC_ERR_WRAPPER_BAD_METADATA', 'Model metadata unavailable', {
          cause: new Error(result.error),
        });
      }
      return result.ok;
    });
  }

  async close(): Promise<void> {
    // Nothing to release in-process.
  }
}

function hasData(m: SeldonMessage): boolean {
  return (
    m.data !== undefined ||
    m.jsonData !== undefined ||
    m.strData !== undefined ||
    m.binData !== undefined ||
    m.customData !== undefined
  );
}

/**
 * The in-process form of a microservice: what the REST and gRPC servers call, usable directly
 * (graph executor in-process transport, local runner). A class is instantiated once with
 * `options.parameters`.
 */
export function createComponentRuntime(
  component: SeldonComponent | SeldonComponentClass,
  options: ComponentRuntimeOptions = {},
): ComponentRuntime {
  return new InProcessRuntime(instantiateComponent(component, options.parameters), options);
}

/** The message text of the metadata problem, for logs. */
export function describeMetadataError(err: WrapperError): string {
  return err.cause instanceof Error ? err.cause.message : err.message;
}
