// `seldon-engine run --watch`: a saved manifest restarts the deployment on the same public ports;
// one that does not plan keeps the previous version serving.
import { watch } from 'node:fs';
import { basename, dirname, resolve as resolvePath } from 'node:path';
import { EngineError } from '../errors.js';
import { planLocalDeployment, startLocalDeployment, type LocalDeployment } from './deployment.js';
import type { LocalRunOptions } from './options.js';

/** The deployment currently running (none between a stop and a successful restart). */
export interface RunningDeployment {
  current: LocalDeployment | undefined;
}

/** What stops the watch: no restart begins after it, and the one under way is awaited. */
export interface ManifestWatch {
  close(): Promise<void>;
}

/** The message of a failure, with its error code when it has one. */
export function describeError(err: unknown): string {
  return `${(err as Error).message}${err instanceof EngineError ? ` [${err.code}]` : ''}`;
}

/**
 * Watches the manifest; each change (debounced) restarts `running` unless `stopping()`. A restart
 * keeps the public `ports`, even when they were picked freely (port 0).
 */
export function watchManifest(
  opts: LocalRunOptions,
  running: RunningDeployment,
  ports: { httpPort: number; grpcPort: number },
  stopping: () => boolean,
  log: (line: string) => void,
): ManifestWatch {
  const manifestPath = resolvePath(opts.manifestPath);
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> = Promise.resolve();
  const restart = async () => {
    if (stopping()) return;
    try {
      planLocalDeployment(opts);
    } catch (err) {
      log(
        `[runner] ${opts.manifestPath} changed but cannot run; still serving the previous version: ${describeError(err)}`,
      );
      return;
    }
    log(`[runner] ${opts.manifestPath} changed; restarting the deployment`);
    await running.current?.close();
    running.current = undefined;
    if (stopping()) return;
    try {
      running.current = await startLocalDeployment({ ...opts, ...ports, log });
      process.stdout.write(running.current.banner() + '\n');
    } catch (err) {
      log(`[runner] the changed manifest did not start: ${describeError(err)}; fix it and save again`);
    }
  };
  const watcher = watch(dirname(manifestPath), { persistent: false }, (_event, file) => {
    if (file !== null && String(file) !== basename(manifestPath)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      restarting = restarting.then(restart);
    }, 200);
  });
  return {
    async close() {
      watcher.close();
      clearTimeout(timer);
      await restarting;
    },
  };
}
