// `seldon-engine run <sdep.yaml>`: a whole SeldonDeployment on one machine.
import { RunError } from './errors.js';
import { parseRunArgs, RUN_USAGE } from './options.js';
import { startLocalDeployment } from './deployment.js';

export { startLocalDeployment } from './deployment.js';
export type { LocalDeployment, RunningPredictor } from './deployment.js';
export { RUN_OPTIONS, RUN_DEFAULTS, RUN_USAGE, parseRunArgs } from './options.js';
export type { LocalRunOptions, RunOptionSpec } from './options.js';
export { RunError, RUN_ERRORS } from './errors.js';
export type { RunErrorCode } from './errors.js';
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
 * Entry point of `seldon-engine run ...` (argv: the arguments after `run`). Runs until SIGINT or
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
  const log = (line: string) => process.stderr.write(line + '\n');
  // Signals that arrive while starting stop the start-up instead of being lost.
  let stopRequested: (() => void) | undefined;
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    let received = false;
    const onSignal = (sig: NodeJS.Signals) => {
      // Stopping is bounded by --stop-timeout-ms; later signals must not kill the runner half-way
      // and orphan its component processes.
      if (received) {
        log(`[runner] ${sig}: already stopping (at most ${options.stopTimeoutMs ?? 5000} ms per component)`);
        return;
      }
      received = true;
      resolve(sig);
      stopRequested?.();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  let deployment;
  try {
    log(`[runner] starting ${options.manifestPath} ...`);
    const starting = startLocalDeployment({ ...options, log });
    deployment = await Promise.race([starting, stopped.then(() => starting)]);
  } catch (err) {
    const where = err instanceof RunError ? ` [${err.code}]` : '';
    log(`seldon-engine run: ${(err as Error).message}${where}`);
    return 1;
  }
  process.stdout.write(deployment.banner() + '\n');
  await new Promise<void>((resolve) => {
    stopRequested = resolve;
    void stopped.then(() => resolve());
  });
  log('[runner] stopping ...');
  await deployment.close();
  log('[runner] stopped');
  return 0;
}
