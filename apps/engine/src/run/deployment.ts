// A whole SeldonDeployment on this machine: components for every graph node, an engine per
// predictor, and (with several predictors or a shadow) a front door that splits and mirrors
// traffic on the public ports, as Istio/Ambassador do in the cluster.
import { watch } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { EngineError } from '../errors.js';
import { RUN_DEFAULTS, type LocalRunOptions } from './options.js';
import { readManifest, validateManifest, defaultManifest, unknownFieldWarnings } from './manifest.js';
import {
  planDeployment,
  applyEndpoints,
  componentEnv,
  engineInvocation,
  annotationsFileText,
  predictionPath,
  ENGINE_PROMETHEUS_PATH,
  type DeploymentPlan,
  type NodeAddress,
  type NodePlan,
  type PredictorPlan,
} from './plan.js';
import { Supervisor } from './supervisor.js';
import { startProcessComponent, urlComponent, type StartedComponent } from './components.js';
import { loadInProcessComponent } from './in-process.js';
import { startPredictorEngine, type LocalEngine } from './engine-adapter.js';
import { startFrontDoor, type FrontDoor } from './front-door.js';
import { provisionModel, withModelPath, type ProvisionedModel } from './prepackaged.js';

/** A running predictor. */
export interface RunningPredictor {
  name: string;
  traffic: number;
  shadow: boolean;
  /** The predictor's own engine ports (the public ports when it is the only predictor). */
  httpPort: number;
  grpcPort: number;
  components: StartedComponent[];
}

/** A SeldonDeployment running locally. */
export interface LocalDeployment {
  plan: DeploymentPlan;
  /** Public REST port. */
  httpPort: number;
  /** Public gRPC port. */
  grpcPort: number;
  host: string;
  /** The live graph page is served at `/graph/` on the public REST port. */
  graphPage: boolean;
  predictors: RunningPredictor[];
  /** Present with several predictors or a shadow. */
  frontDoor?: FrontDoor;
  /** URLs, components and a ready-to-paste curl. */
  banner(): string;
  /** Stops the front door, the engines and every component; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Reads, validates, defaults and plans the manifest without starting anything: what would run.
 * Throws EngineError for an unreadable or invalid manifest or an unmapped node.
 */
export function planLocalDeployment(options: LocalRunOptions): DeploymentPlan {
  const manifestPath = resolvePath(options.manifestPath);
  const sdep = readManifest(manifestPath);
  const unknown = unknownFieldWarnings(sdep, manifestPath);
  try {
    validateManifest(sdep, manifestPath);
    const namespace = options.namespace ?? RUN_DEFAULTS.namespace;
    const plan = planDeployment(defaultManifest(sdep, namespace), {
      baseDir: dirname(manifestPath),
      namespace,
      overrides: options.components ?? {},
      isolation: options.isolation,
      kafkaBroker: options.kafkaBroker,
    });
    return { ...plan, warnings: [...unknown, ...plan.warnings] };
  } catch (err) {
    // A misspelled field is the likely cause of what failed (`componentSpec:` -> no container found).
    if (unknown.length === 0 || !(err instanceof EngineError)) throw err;
    throw new EngineError(err.code, `${err.message}\n${unknown.join('\n')}`, {
      where: manifestPath,
      cause: err,
    });
  }
}

/** Starts everything a SeldonDeployment needs on this machine. */
export async function startLocalDeployment(options: LocalRunOptions): Promise<LocalDeployment> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const host = options.host ?? RUN_DEFAULTS.host;
  const startTimeoutMs = options.startTimeoutMs ?? RUN_DEFAULTS.startTimeoutMs;
  const graphPage = options.graphPage ?? RUN_DEFAULTS.graphPage;
  const stopTimeoutMs = options.stopTimeoutMs ?? RUN_DEFAULTS.stopTimeoutMs;

  const plan = planLocalDeployment(options);
  for (const w of plan.warnings) log(`[runner] warning: ${w}`);

  const supervisor = new Supervisor({ stopTimeoutMs, log });
  const started: StartedComponent[] = [];
  const engines: LocalEngine[] = [];
  const watchers: Array<{ close(): void }> = [];
  const models: ProvisionedModel[] = [];
  const manifestDir = dirname(resolvePath(options.manifestPath));
  let frontDoor: FrontDoor | undefined;
  let closed: Promise<void> | undefined;

  const close = () =>
    (closed ??= (async () => {
      for (const w of watchers) w.close();
      await frontDoor?.close().catch((err: Error) => log(`[runner] front door: ${err.message}`));
      await Promise.all(
        engines.map((e) => e.close().catch((err: Error) => log(`[runner] engine: ${err.message}`))),
      );
      await Promise.all(
        started.map((c) => c.stop().catch((err: Error) => log(`[runner] ${c.node.name}: ${err.message}`))),
      );
      await supervisor.stopAll();
      await Promise.all(models.map((m) => m.release().catch(() => undefined)));
    })());

  try {
    // 1. Components: child processes start concurrently; in-process modules load here.
    const perPredictor = new Map<string, StartedComponent[]>();
    const startOne = async (p: PredictorPlan, node: NodePlan): Promise<StartedComponent> => {
      if (node.modelUri !== undefined) await provisionNodeModel(node);
      const c = node.component;
      if (c.kind === 'url') return urlComponent(node);
      if (c.kind === 'module' && c.isolation === 'inprocess') {
        return loadInProcessComponent(
          node,
          componentEnv(plan, p, node, { httpPort: 0, grpcPort: 0, metricsPort: 0 }),
          options.importModule,
          log,
        );
      }
      return startProcessComponent(node, supervisor, (ports) => componentEnv(plan, p, node, ports));
    };
    // A prepackaged server's model, local or downloaded, becomes its `model_uri` parameter.
    const provisionNodeModel = async (node: NodePlan): Promise<void> => {
      const model = await provisionModel(node.modelUri!, manifestDir).catch((err: unknown) => {
        throw new EngineError(
          'SC_ERR_ENGINE_RUN_COMPONENT',
          `predictor "${node.predictor}" node "${node.name}": modelUri ${node.modelUri}: ${(err as Error).message}`,
          { where: node.name, cause: err },
        );
      });
      models.push(model);
      log(`[runner] ${node.predictor}/${node.name}: ${node.node.implementation} serves ${model.path}`);
      node.node = { ...node.node, parameters: withModelPath(node.node.parameters, model.path) };
    };
    await Promise.all(
      plan.predictors.map(async (p) => {
        const list = await Promise.all(
          p.nodes.map(async (n) => {
            const c = await startOne(p, n);
            started.push(c);
            return c;
          }),
        );
        perPredictor.set(p.name, list);
      }),
    );
    await Promise.all(started.map((c) => c.process?.waitReady(startTimeoutMs)));

    // 2. One engine per predictor. A lone predictor's engine takes the public ports itself.
    const needsFrontDoor = plan.predictors.length > 1;
    const running: RunningPredictor[] = [];
    for (const p of plan.predictors) {
      const components = perPredictor.get(p.name) ?? [];
      const addresses = new Map<string, NodeAddress>();
      const inProcess: Record<string, unknown> = {};
      for (const c of components) {
        if (c.address) addresses.set(c.node.name, c.address);
        if (c.runtime) inProcess[c.node.name] = c.runtime;
      }
      applyEndpoints(p.predictor, addresses, plan.transport);
      const invocation = engineInvocation(plan, p, {
        host: needsFrontDoor ? '127.0.0.1' : host,
        httpPort: needsFrontDoor ? 0 : (options.httpPort ?? RUN_DEFAULTS.httpPort),
        grpcPort: needsFrontDoor ? 0 : (options.grpcPort ?? RUN_DEFAULTS.grpcPort),
        gracefulTimeoutMs: stopTimeoutMs,
      });
      let engine: LocalEngine;
      try {
        engine = await startPredictorEngine({
          ...invocation,
          argv: [...invocation.argv, `--graph_page=${graphPage}`],
          exampleRequest: plan.exampleRequest,
          annotationsText: annotationsFileText(p),
          inProcess,
          log,
        });
      } catch (err) {
        // The runner's own errors already name the predictor; the engine's (a taken port, a Kafka
        // failure, a bad graph) are reported as this predictor's engine failing to start.
        if (err instanceof EngineError && err.code.startsWith('SC_ERR_ENGINE_RUN_')) throw err;
        const message = (err as Error).message;
        const hint = /EADDRINUSE/.test(message)
          ? ' (another program uses the port: pick others with --http-port/--grpc-port)'
          : /kafka/i.test(message) && !options.kafkaBroker
            ? ' (pass --kafka-broker HOST:PORT to use a broker on this machine)'
            : '';
        throw new EngineError(
          'SC_ERR_ENGINE_RUN_PROCESS',
          `predictor "${p.name}": the engine did not start: ${message}${hint}`,
          {
            where: p.name,
            cause: err,
          },
        );
      }
      engines.push(engine);
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
      engines.map((e, i) =>
        e.ready(startTimeoutMs).catch((err: Error) => {
          throw new EngineError(
            'SC_ERR_ENGINE_RUN_START_TIMEOUT',
            `predictor "${running[i].name}": graph not ready: ${err.message}`,
            { where: running[i].name, cause: err },
          );
        }),
      ),
    );

    // 3. The front door on the public ports.
    if (needsFrontDoor) {
      frontDoor = await startFrontDoor({
        backends: running.map((r) => ({ ...r })),
        host,
        httpPort: options.httpPort ?? RUN_DEFAULTS.httpPort,
        grpcPort: options.grpcPort ?? RUN_DEFAULTS.grpcPort,
        maxBodyBytes: options.maxBodyBytes ?? RUN_DEFAULTS.maxBodyBytes,
        graphPage,
        log,
      });
    }

    // 4. Reload on file change.
    if (options.watch) watchers.push(...watchComponents(started, log));

    const deployment: LocalDeployment = {
      plan,
      httpPort: frontDoor?.httpPort ?? running[0].httpPort,
      grpcPort: frontDoor?.grpcPort ?? running[0].grpcPort,
      host,
      graphPage,
      predictors: running,
      frontDoor,
      banner: () => banner(deployment),
      close,
    };
    return deployment;
  } catch (err) {
    await close();
    throw err;
  }
}

/** Restarts module components whose directory changes (debounced). */
function watchComponents(
  components: StartedComponent[],
  log: (line: string) => void,
): Array<{ close(): void }> {
  const byDir = new Map<string, StartedComponent[]>();
  for (const c of components) {
    if (c.node.component.kind !== 'module') continue;
    const dir = dirname(c.node.component.modulePath);
    byDir.set(dir, [...(byDir.get(dir) ?? []), c]);
  }
  const watchers: Array<{ close(): void }> = [];
  for (const [dir, list] of byDir) {
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    const reload = () => {
      if (closed) return;
      for (const c of list) {
        const name = `${c.node.predictor}/${c.node.name}`;
        if (c.process) {
          log(`[runner] ${name}: files changed in ${dir}; restarting`);
          void c.process.reload();
        } else if (c.reloadRuntime) {
          log(`[runner] ${name}: files changed in ${dir}; reloading`);
          c.reloadRuntime().catch((err: Error) =>
            log(`[runner] ${name}: reload failed, keeping the old version: ${err.message}`),
          );
        }
      }
    };
    try {
      const w = watch(dir, { persistent: false }, (_event, file) => {
        if (file && !/\.(m|c)?(t|j)s$|\.json$/.test(String(file))) return;
        clearTimeout(timer);
        timer = setTimeout(reload, 200);
      });
      // A reload scheduled just before close() must not restart a process of a stopped deployment.
      watchers.push({
        close() {
          closed = true;
          clearTimeout(timer);
          w.close();
        },
      });
    } catch (err) {
      log(`[runner] cannot watch ${dir}: ${(err as Error).message}`);
    }
  }
  return watchers;
}

function describe(c: StartedComponent): string {
  const comp = c.node.component;
  switch (comp.kind) {
    case 'module':
      return c.process
        ? `process pid ${c.process.pid ?? '?'}, REST :${c.address?.httpPort}, gRPC :${c.address?.grpcPort}  (${comp.source})`
        : `in-process  (${comp.source})`;
    case 'url':
      return `remote ${comp.source.replace(/^url:/, '')}`;
    case 'command':
      return `command pid ${c.process?.pid ?? '?'}, REST :${c.address?.httpPort}, gRPC :${c.address?.grpcPort}  (${comp.command})`;
  }
}

/** The start-up summary: public URLs, predictors, nodes and a curl to paste. */
function banner(d: LocalDeployment): string {
  const shownHost = d.host === '0.0.0.0' || d.host === '::' ? 'localhost' : d.host;
  const base = `http://${shownHost}:${d.httpPort}`;
  const path = predictionPath(d.plan);
  const lines = [
    `SeldonDeployment "${d.plan.name}" (namespace ${d.plan.namespace}, protocol ${d.plan.protocol}) is serving:`,
    `  REST  ${base}${path}`,
    `  gRPC  ${shownHost}:${d.grpcPort}`,
  ];
  // Metrics stay per engine, as Prometheus scrapes each engine pod in the cluster.
  if (d.graphPage) lines.push(`  Graph ${base}/graph/  (live figures and a try-it panel)`);
  if (d.frontDoor === undefined) lines.push(`  Metrics ${base}${ENGINE_PROMETHEUS_PATH}`);
  else
    for (const p of d.predictors)
      lines.push(
        `  Metrics http://127.0.0.1:${p.httpPort}${ENGINE_PROMETHEUS_PATH}  (predictor "${p.name}")`,
      );
  for (const p of d.predictors) {
    const role = p.shadow ? 'shadow' : `traffic ${d.predictors.length === 1 ? 100 : p.traffic}%`;
    lines.push(`  predictor "${p.name}" (${role}): engine REST :${p.httpPort}, gRPC :${p.grpcPort}`);
    for (const c of p.components) lines.push(`    node ${c.node.name}: ${describe(c)}`);
  }
  if (d.plan.serverType === 'kafka') {
    const first = d.plan.predictors[0];
    lines.push(
      `  Kafka: ${first.engineEnv.KAFKA_INPUT_TOPIC ?? '?'} -> ${first.engineEnv.KAFKA_OUTPUT_TOPIC ?? '?'} ` +
        `on ${first.engineEnv.KAFKA_BROKER ?? '?'}`,
    );
  }
  const body = d.plan.exampleRequest.replace(/'/g, `'\\''`);
  lines.push(
    '',
    'Try it:',
    `  curl -s ${base}${path} -H 'Content-Type: application/json' -d '${body}'`,
    '',
    'Ctrl-C stops everything.',
  );
  return lines.join('\n');
}
