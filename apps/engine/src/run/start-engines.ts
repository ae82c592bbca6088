// Step 2 of a local deployment: one engine per predictor, pointed at its components. A lone
// predictor's engine takes the public ports itself; with a front door the engines listen on
// 127.0.0.1 on free ports.
import { EngineError } from '../errors.js';
import type { StartedComponent } from './components.js';
import { startPredictorEngine, type LocalEngine } from './engine-adapter.js';
import type { RunningPredictor } from './local-deployment.js';
import { RUN_DEFAULTS, type LocalRunOptions } from './options.js';
import {
  applyEndpoints,
  annotationsFileText,
  engineInvocation,
  type DeploymentPlan,
  type NodeAddress,
  type PredictorPlan,
} from './plan.js';

/** How the engines are started. */
export interface EngineStart {
  plan: DeploymentPlan;
  options: LocalRunOptions;
  host: string;
  graphPage: boolean;
  stopTimeoutMs: number;
  /** Engines listen on private ports behind a front door. */
  behindFrontDoor: boolean;
  log: (line: string) => void;
  /** Every engine started, recorded so a failed start can stop them. */
  engines: LocalEngine[];
}

/** Starts the predictors' engines one after another, then waits until every graph is ready. */
export async function startEngines(
  start: EngineStart,
  perPredictor: Map<string, StartedComponent[]>,
  startTimeoutMs: number,
): Promise<RunningPredictor[]> {
  const running: RunningPredictor[] = [];
  for (const p of start.plan.predictors) {
    const components = perPredictor.get(p.name) ?? [];
    const engine = await startEngine(start, p, components);
    start.engines.push(engine);
    running.push({
      name: p.name,
      traffic: p.traffic,
      shadow: p.shadow,
      httpPort: engine.httpPort,
      grpcPort: engine.grpcPort,
      components,
    });
  }
  await Promise.all(
    start.engines.map((e, i) =>
      e.ready(startTimeoutMs).catch((err: Error) => {
        throw new EngineError(
          'SC_ERR_ENGINE_RUN_START_TIMEOUT',
          `predictor "${running[i].name}": graph not ready: ${err.message}`,
          { where: running[i].name, cause: err },
        );
      }),
    ),
  );
  return running;
}

async function startEngine(
  start: EngineStart,
  p: PredictorPlan,
  components: StartedComponent[],
): Promise<LocalEngine> {
  const { plan, options, behindFrontDoor } = start;
  const addresses = new Map<string, NodeAddress>();
  const inProcess: Record<string, unknown> = {};
  for (const c of components) {
    if (c.address) addresses.set(c.node.name, c.address);
    if (c.runtime) inProcess[c.node.name] = c.runtime;
  }
  applyEndpoints(p.predictor, addresses, plan.transport);
  const invocation = engineInvocation(plan, p, {
    host: behindFrontDoor ? '127.0.0.1' : start.host,
    httpPort: behindFrontDoor ? 0 : (options.httpPort ?? RUN_DEFAULTS.httpPort),
    grpcPort: behindFrontDoor ? 0 : (options.grpcPort ?? RUN_DEFAULTS.grpcPort),
    gracefulTimeoutMs: start.stopTimeoutMs,
  });
  try {
    return await startPredictorEngine({
      ...invocation,
      argv: [...invocation.argv, `--graph_page=${start.graphPage}`],
      exampleRequest: plan.exampleRequest,
      annotationsText: annotationsFileText(p),
      inProcess,
      log: start.log,
    });
  } catch (err) {
    throw engineStartError(err, p.name, options.kafkaBroker);
  }
}

/**
 * The runner's own errors already name the predictor; the engine's (a taken port, a Kafka failure,
 * a bad graph) are reported as this predictor's engine failing to start, with a hint where one helps.
 */
function engineStartError(err: unknown, predictor: string, kafkaBroker: string | undefined): unknown {
  if (err instanceof EngineError && err.code.startsWith('SC_ERR_ENGINE_RUN_')) return err;
  const message = (err as Error).message;
  const hint = /EADDRINUSE/.test(message)
    ? ' (another program uses the port: pick others with --http-port/--grpc-port)'
    : /kafka/i.test(message) && !kafkaBroker
      ? ' (pass --kafka-broker HOST:PORT to use a broker on this machine)'
      : '';
  return new EngineError(
    'SC_ERR_ENGINE_RUN_PROCESS',
    `predictor "${predictor}": the engine did not start: ${message}${hint}`,
    { where: predictor, cause: err },
  );
}
