// `seldon-engine run <sdep.yaml>`: a whole SeldonDeployment on one machine.
import { EngineError } from '../errors.js';
import { parseRunArgs, RUN_USAGE } from './options.js';
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve as resolvePath } from 'node:path';
import { startLocalDeployment, planLocalDeployment, type LocalDeployment } from './deployment.js';

export { startLocalDeployment, planLocalDeployment } from './deployment.js';
export type { LocalDeployment, RunningPredictor } from './deployment.js';
export { RUN_OPTIONS, RUN_DEFAULTS, RUN_USAGE, parseRunArgs } from './options.js';
export type { LocalRunOptions, RunOptionSpec } from './options.js';
export {
  parseLocalComponent,
  LOCAL_COMPONENT_ANNOTATION_PREFIX,
  LOCAL_REQUEST_ANNOTATION,
} from './local-component.js';
export type { LocalComponent, Isolation } from './local-component.js';
export { startFrontDoor } from './front-door.js';
export type { FrontDoor, FrontDoorBackend, FrontDoorOptions } from './front-door.js';
export { Supervisor } from './supervisor.js';
export type { ProcessSpec, SupervisorOptions, SupervisedProcess } from './supervisor.js';

/**
 * Entry point of `seldon-engine run ...` (argv: the arguments after `run`). Runs until SIGINT, SIGHUP or
 * SIGTERM, then stops everything and resolves with the exit code: 0 after a clean stop, 1 when the
 * deployment could not start, 2 for bad arguments.
 */
export async function runCommand(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseRunArgs(argv);
  } catch (err) {
    process.stderr.write(`seldon-engine run: ${(err as Error).message}\n\n${RUN_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(RUN_USAGE);
    return 0;
  }
  const opts = options;
  const log = (line: string) => process.stderr.write(line + '\n');
  const describeError = (err: unknown) =>
    `${(err as Error).message}${err instanceof EngineError ? ` [${err.code}]` : ''}`;
  let stopping = false;
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (sig: NodeJS.Signals) => {
      // Stopping is bounded by --stop-timeout-ms; later signals must not kill the runner half-way
      // and orphan its component processes.
      if (stopping) {
        log(`[runner] ${sig}: already stopping (at most ${opts.stopTimeoutMs ?? 5000} ms per component)`);
        return;
      }
      stopping = true;
      resolve(sig);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // A closed terminal must not orphan command: components (they have no parent guard).
    process.on('SIGHUP', onSignal);
  });

  // A signal during start-up takes effect once the start has finished (or failed).
  let current: LocalDeployment | undefined;
  try {
    log(`[runner] starting ${opts.manifestPath} ...`);
    current = await startLocalDeployment({ ...opts, log });
  } catch (err) {
    log(`seldon-engine run: ${describeError(err)}`);
    return 1;
  }
  process.stdout.write(current.banner() + '\n');
  // A restart keeps the public ports, even when they were picked freely (port 0).
  const ports = { httpPort: current.httpPort, grpcPort: current.grpcPort };

  // --watch: a saved manifest restarts the deployment; one that does not plan keeps the old one.
  let watcher: FSWatcher | undefined;
  let watchTimer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> = Promise.resolve();
  if (opts.watch) {
    const manifestPath = resolvePath(opts.manifestPath);
    const restart = async () => {
      if (stopping) return;
      try {
        planLocalDeployment(opts);
      } catch (err) {
        log(
          `[runner] ${opts.manifestPath} changed but cannot run; still serving the previous version: ${describeError(err)}`,
        );
        return;
      }
      log(`[runner] ${opts.manifestPath} changed; restarting the deployment`);
      await current?.close();
      current = undefined;
      if (stopping) return;
      try {
        current = await startLocalDeployment({ ...opts, ...ports, log });
        process.stdout.write(current.banner() + '\n');
      } catch (err) {
        log(`[runner] the changed manifest did not start: ${describeError(err)}; fix it and save again`);
      }
    };
    watcher = watch(dirname(manifestPath), { persistent: false }, (_event, file) => {
      if (file !== null && String(file) !== basename(manifestPath)) return;
      clearTimeout(watchTimer);
      watchTimer = setTimeout(() => {
        restarting = restarting.then(restart);
      }, 200);
    });
  }

  await stopped;
  watcher?.close();
  clearTimeout(watchTimer);
  log('[runner] stopping ...');
  await restarting;
  await current?.close();
  log('[runner] stopped');
  return 0;
}
