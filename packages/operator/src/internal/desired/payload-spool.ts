// The engine's payload-log spool in a pod: when a graph node has a `logger`, the engine writes its
// request/response events to segment files before sending them (docs/engine.md, "Payload logs that
// are not lost"). The operator gives it an emptyDir for them, which outlives a restart of the
// engine container (a crash, an OOM kill, a liveness failure) but not the pod: events spooled when
// a pod is deleted are delivered only if the engine drains them within the grace period.
import type { EnvVar, PodSpec, VolumeMount } from '@seldon-ts/crd-types';
import { walkGraph } from '@seldon-ts/crd-types';
import type { PredictorContext } from './context.js';

export const SPOOL_VOLUME = 'seldon-payload-spool';
export const SPOOL_PATH = '/var/spool/seldon-payloads';
/** The engine's variable naming the spool directory (`--log_spool_dir`). */
const SPOOL_ENV = 'LOGGER_SPOOL_DIR';
/**
 * The emptyDir's size limit: the engine's default spool budget (1 GiB, `--log_spool_max_bytes`) and
 * room for the segment being written and the cursor file.
 */
const SPOOL_SIZE_LIMIT = '1152Mi';

/** True when a node of the predictor's graph logs payloads. */
export function logsPayloads(ctx: PredictorContext): boolean {
  return walkGraph(ctx.predictor.graph).some(({ node }) => node.logger !== undefined);
}

/** The spool variable, unless the user's env or annotations already set it (empty turns the spool off). */
export function spoolEnv(ctx: PredictorContext, env: readonly EnvVar[]): EnvVar[] {
  if (!logsPayloads(ctx) || env.some((v) => v.name === SPOOL_ENV)) return [];
  return [{ name: SPOOL_ENV, value: SPOOL_PATH }];
}

export function spoolMounts(ctx: PredictorContext): VolumeMount[] {
  return logsPayloads(ctx) ? [{ name: SPOOL_VOLUME, mountPath: SPOOL_PATH }] : [];
}

/** The emptyDir behind the spool, in the engine's pod. */
export function addSpoolVolume(pod: PodSpec, ctx: PredictorContext): void {
  if (!logsPayloads(ctx)) return;
  const volumes = (pod.volumes ??= []);
  if (!volumes.some((v) => v.name === SPOOL_VOLUME))
    volumes.push({ name: SPOOL_VOLUME, emptyDir: { sizeLimit: SPOOL_SIZE_LIMIT } });
}
