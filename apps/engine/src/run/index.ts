// `seldon-engine run <sdep.yaml>`: a whole SeldonDeployment on one machine.
import { startLocalDeployment } from './deployment.js';
import { describeError, watchManifest, type RunningDeployment } from './manifest-watch.js';
import { parseRunArgs, RUN_USAGE, type LocalRunOptions } from './options.js';
import { listenForStop } from './stop-signals.js';

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
  const opts = readRunArgs(argv);
  if (typeof opts === 'number') return opts;
  const log = (line: string) => process.stderr.write(line + '\n');
  const stop = listenForStop(log, opts.stopTimeoutMs ?? 5000);

  // A signal during start-up takes effect once the start has finished (or failed).
  const running: RunningDeployment = { current: undefined };
  try {
    log(`[runner] starting ${opts.manifestPath} ...`);
    running.current = await startLocalDeployment({ ...opts, log });
  } catch (err) {
    log(`seldon-engine run: ${describeError(err)}`);
    return 1;
  }
  process.stdout.write(running.current.banner() + '\n');
  const ports = { httpPort: running.current.httpPort, grpcPort: running.current.grpcPort };
  const watch = opts.watch ? watchManifest(opts, running, ports, stop.stopping, log) : undefined;

  await stop.received;
  log('[runner] stopping ...');
  await watch?.close();
  await running.current?.close();
  log('[runner] stopped');
  return 0;
}

/** The run options, or the exit code when there is nothing to run (help shown, or bad arguments). */
function readRunArgs(argv: string[]): LocalRunOptions | number {
  let options: LocalRunOptions | 'help';
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
  return options;
}
