// The local runner's entry points for the public API. They load src/run/ on first call so that
// `import 'seldon-engine'` stays as light as the engine alone (the runner brings model-wrapper and
// the TypeScript loader with it).
import type { LocalDeployment, LocalRunOptions } from './run/index.js';

/**
 * Starts a whole SeldonDeployment on this machine (what `seldon-engine run` does): an engine per
 * predictor and a local component for every graph node. Throws an {@link EngineError} with an
 * `SC_ERR_ENGINE_RUN_*` code naming the predictor, node or file when it cannot start.
 */
export async function startLocalDeployment(options: LocalRunOptions): Promise<LocalDeployment> {
  const run = await import('./run/index.js');
  return run.startLocalDeployment(options);
}

/**
 * The `seldon-engine run` command (argv: the arguments after `run`). Installs SIGINT, SIGTERM and
 * SIGHUP handlers, serves until one arrives, and resolves with the exit code: 0 after a clean stop,
 * 1 when the deployment could not start, 2 for bad arguments.
 */
export async function runCommand(argv: string[]): Promise<number> {
  const run = await import('./run/index.js');
  return run.runCommand(argv);
}
