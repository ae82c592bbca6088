// A whole SeldonDeployment on this machine: components for every graph node, an engine per
// predictor, and (with several predictors or a shadow) a front door that splits and mirrors
// traffic on the public ports, as Istio/Ambassador do in the cluster.
import { dirname, resolve as resolvePath } from 'node:path';
import { EngineError } from '../errors.js';
import { banner } from './banner.js';
import type { StartedComponent } from './components.js';
import { watchComponents } from './component-watch.js';
import type { LocalEngine } from './engine-adapter.js';
import { startFrontDoor, type FrontDoor } from './front-door.js';
import type { LocalDeployment, RunningPredictor } from './local-deployment.js';
import { readManifest, validateManifest, defaultManifest, unknownFieldWarnings } from './manifest.js';
import { RUN_DEFAULTS, type LocalRunOptions } from './options.js';
import { planDeployment, type DeploymentPlan } from './plan.js';
import type { ProvisionedModel } from './prepackaged.js';
import { startComponents } from './start-components.js';
import { startEngines } from './start-engines.js';
import { Supervisor } from './supervisor.js';

export type { LocalDeployment, RunningPredictor } from './local-deployment.js';

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

/** Everything a deployment started, in the order it is stopped. */
interface Started {
  watchers: Array<{ close(): void }>;
  frontDoor?: FrontDoor;
  engines: LocalEngine[];
  components: StartedComponent[];
  supervisor: Supervisor;
  models: ProvisionedModel[];
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

  const started: Started = {
    watchers: [],
    engines: [],
    components: [],
    supervisor: new Supervisor({ stopTimeoutMs, log }),
    models: [],
  };
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= stopAll(started, log));

  try {
    // 1. Components, 2. one engine per predictor, 3. the front door, 4. reload on file change.
    const perPredictor = await startComponents(
      {
        plan,
        supervisor: started.supervisor,
        manifestDir: dirname(resolvePath(options.manifestPath)),
        importModule: options.importModule,
        log,
        started: started.components,
        models: started.models,
      },
      startTimeoutMs,
    );
    const behindFrontDoor = plan.predictors.length > 1;
    const running = await startEngines(
      { plan, options, host, graphPage, stopTimeoutMs, behindFrontDoor, log, engines: started.engines },
      perPredictor,
      startTimeoutMs,
    );
    if (behindFrontDoor)
      started.frontDoor = await startPublicFrontDoor(options, running, host, graphPage, log);
    if (options.watch) started.watchers.push(...watchComponents(started.components, log));

    const frontDoor = started.frontDoor;
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

/** The front door on the public ports, in front of the predictors' engines. */
function startPublicFrontDoor(
  options: LocalRunOptions,
  running: RunningPredictor[],
  host: string,
  graphPage: boolean,
  log: (line: string) => void,
): Promise<FrontDoor> {
  return startFrontDoor({
    backends: running.map((r) => ({ ...r })),
    host,
    httpPort: options.httpPort ?? RUN_DEFAULTS.httpPort,
    grpcPort: options.grpcPort ?? RUN_DEFAULTS.grpcPort,
    maxBodyBytes: options.maxBodyBytes ?? RUN_DEFAULTS.maxBodyBytes,
    graphPage,
    log,
  });
}

/** Stops what started, outside in: watchers, front door, engines, components, models. */
async function stopAll(started: Started, log: (line: string) => void): Promise<void> {
  for (const w of started.watchers) w.close();
  await started.frontDoor?.close().catch((err: Error) => log(`[runner] front door: ${err.message}`));
  await Promise.all(
    started.engines.map((e) => e.close().catch((err: Error) => log(`[runner] engine: ${err.message}`))),
  );
  await Promise.all(
    started.components.map((c) =>
      c.stop().catch((err: Error) => log(`[runner] ${c.node.name}: ${err.message}`)),
    ),
  );
  await started.supervisor.stopAll();
  await Promise.all(started.models.map((m) => m.release().catch(() => undefined)));
}
