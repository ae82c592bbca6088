// Makes the runtime that serves a component for a given set of parameters: on this thread (an
// instance of the class, factory or object) or on worker threads (each loads the module itself).
// The microservice builds once at start and again whenever the parameters change.
import { WrapperError } from '../errors.js';
import { loadComponentModule, resolveComponentUrl } from '../loader.js';
import { parseParameters, type ComponentParameters } from '../parameters.js';
import { createComponentRuntime, instantiateComponent, type ComponentRuntimeOptions } from '../runtime.js';
import type { ComponentModuleSpec, SeldonComponent, SeldonComponentClass } from '../types.js';
import type { WrapperMetrics } from './metrics.js';
import type { ServedComponent } from './reloadable.js';
import { WorkerPoolRuntime } from './workers.js';

export interface ComponentFactoryOptions {
  /** Worker threads; 0 = this thread. */
  workers: number;
  passthrough: boolean;
  env: NodeJS.ProcessEnv;
  /** Explicit parameters (win over the module spec's and the environment's). */
  parameters: ComponentParameters | undefined;
  runtimeOptions: ComponentRuntimeOptions;
  metrics: WrapperMetrics;
}

export interface ComponentFactory {
  /** The parameters the first build gets. */
  parameters: ComponentParameters;
  /** Builds an unloaded runtime; `undefined` for a plain object, which takes no parameters. */
  build: ((parameters: ComponentParameters) => ServedComponent) | undefined;
  /** The first build, with {@link ComponentFactory.parameters}. */
  initial: ServedComponent;
}

export function isModuleSpec(value: unknown): value is ComponentModuleSpec {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ComponentModuleSpec).module === 'string' &&
    !('predict' in value)
  );
}

function workerFactory(spec: ComponentModuleSpec, o: ComponentFactoryOptions): ComponentFactory {
  if (o.passthrough)
    throw new WrapperError(
      'SC_ERR_WRAPPER_BAD_OPTION',
      'PAYLOAD_PASSTHROUGH is not supported with workers > 0',
    );
  const { env, runtimeOptions: r } = o;
  const parameters = o.parameters ?? spec.parameters ?? parseParameters(env.PREDICTIVE_UNIT_PARAMETERS);
  const build = (p: ComponentParameters): ServedComponent => ({
    runtime: new WorkerPoolRuntime(
      o.workers,
      {
        module: resolveComponentUrl(spec.module),
        exportName: spec.exportName,
        parameters: p,
        runtimeOptions: {
          unitId: r.unitId ?? env.PREDICTIVE_UNIT_ID,
          unitImage: r.unitImage ?? env.PREDICTIVE_UNIT_IMAGE,
          includeMetricsInResponse:
            r.includeMetricsInResponse ??
            (env.INCLUDE_METRICS_IN_CLIENT_RESPONSE ?? 'true').toLowerCase() !== 'false',
          executorEnabled: r.executorEnabled ?? env.SELDON_EXECUTOR_ENABLED?.toLowerCase() !== 'false',
          modelMetadata: r.modelMetadata ?? env.MODEL_METADATA,
        },
      },
      o.metrics,
      r.onError,
    ),
  });
  return { parameters, build, initial: build(parameters) };
}

/** Resolves the component (importing a module spec) and returns how to serve it. */
export async function componentFactory(
  component: SeldonComponent | SeldonComponentClass | ComponentModuleSpec,
  o: ComponentFactoryOptions,
): Promise<ComponentFactory> {
  if (o.workers > 0) {
    if (!isModuleSpec(component)) {
      throw new WrapperError(
        'SC_ERR_WRAPPER_BAD_OPTION',
        'workers > 0 needs the component as a module spec {module, exportName} so each thread can load it',
      );
    }
    return workerFactory(component, o);
  }
  let target: SeldonComponent | SeldonComponentClass;
  let parameters = o.parameters;
  if (isModuleSpec(component)) {
    target = await loadComponentModule(component.module, component.exportName);
    parameters ??= component.parameters ?? parseParameters(o.env.PREDICTIVE_UNIT_PARAMETERS);
  } else {
    target = component;
  }
  const build = (p: ComponentParameters): ServedComponent => {
    const instance = instantiateComponent(target, p);
    return { instance, runtime: createComponentRuntime(instance, o.runtimeOptions) };
  };
  const initialParameters = parameters ?? {};
  return {
    parameters: initialParameters,
    build: typeof target === 'function' ? build : undefined,
    initial: build(initialParameters),
  };
}
