// 07 §3.3: the executor (engine) container of a predictor, in the pod of its first local node or in
// its own svc-orch pod.
import type { Container, EnvVar, VolumeMount } from '@seldon-ts/crd-types';
import { intAnnotation } from './annotations.js';
import type { PredictorContext } from './context.js';
import { PODINFO_PATH, PODINFO_VOLUME } from './defaulting.js';
import { enginePredictor, GRAPH_FILE } from './graph-configmap.js';
import { GRAPH_VOLUME } from './parameters-delivery.js';
import { spoolEnv, spoolMounts } from './payload-spool.js';

export const ENGINE_CONTAINER = 'seldon-container-engine';

const ENGINE_ANNOTATION_PREFIX = 'seldon.io/engine-';

export function engineContainer(ctx: PredictorContext): Container {
  const e = ctx.config.engine;
  return {
    name: ENGINE_CONTAINER,
    image: e.image,
    imagePullPolicy: e.imagePullPolicy,
    args: engineArgs(ctx),
    env: engineEnv(ctx),
    // v1 also declares a `metrics` port on the same number; server-side apply keys container ports by
    // (containerPort, protocol), so that duplicate cannot be applied: metrics are served on `http`.
    ports: [
      { name: 'http', containerPort: e.httpPort, protocol: 'TCP' },
      { name: 'grpc', containerPort: e.grpcPort, protocol: 'TCP' },
    ],
    readinessProbe: engineProbe(ctx, '/ready'),
    livenessProbe: engineProbe(ctx, '/live'),
    resources: ctx.predictor.svcOrchSpec?.resources ?? {
      requests: { cpu: e.resources.cpuRequest, memory: e.resources.memoryRequest },
      limits: { cpu: e.resources.cpuLimit, memory: e.resources.memoryLimit },
    },
    ...(e.user !== undefined
      ? { securityContext: { runAsUser: e.user, runAsNonRoot: true, allowPrivilegeEscalation: false } }
      : {}),
    volumeMounts: engineVolumeMounts(ctx),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
}

/** The engine's command line (its flags are the reference executor's, plus `--file` for file delivery). */
function engineArgs({ sdep, predictor, config, useGraphFile }: PredictorContext): string[] {
  const e = config.engine;
  const queue = intAnnotation(sdep, 'seldon.io/executor-logger-queue-size', e.logWorkQueueSize);
  const writeTimeout = intAnnotation(sdep, 'seldon.io/executor-logger-write-timeout-ms', e.logWriteTimeoutMs);
  const args = [
    '--sdep',
    sdep.metadata.name!,
    '--namespace',
    sdep.metadata.namespace!,
    '--predictor',
    predictor.name,
    '--http_port',
    String(e.httpPort),
    '--grpc_port',
    String(e.grpcPort),
    '--protocol',
    sdep.spec.protocol || 'seldon',
    '--transport',
    sdep.spec.transport || 'rest',
    '--prometheus_path',
    e.prometheusPath,
    '--server_type',
    sdep.spec.serverType || 'rpc',
    '--log_work_buffer_size',
    String(queue),
    '--log_write_timeout_ms',
    String(writeTimeout),
    `--full_health_checks=${e.fullHealthChecks}`,
  ];
  // Kubernetes removes a terminating pod from the Service while SIGTERM is already on its way: the
  // engine keeps accepting for this long, then drains (docs/kubernetes.md "Rolling updates").
  if (e.shutdownDelaySeconds > 0) args.push(`--shutdown_delay=${e.shutdownDelaySeconds}s`);
  if (useGraphFile) args.push('--file', `${e.graphMountPath}/${GRAPH_FILE}`);
  return args;
}

/**
 * `ENGINE_PREDICTOR` (env delivery only), the request logger endpoint, the user's `svcOrchSpec.env`,
 * then one variable per `seldon.io/engine-<name>` annotation the user did not set (sorted).
 */
function engineEnv(ctx: PredictorContext): EnvVar[] {
  const { sdep, predictor, config, useGraphFile } = ctx;
  const env: EnvVar[] = [];
  if (!useGraphFile) {
    env.push({
      name: 'ENGINE_PREDICTOR',
      value: Buffer.from(JSON.stringify(enginePredictor(predictor))).toString('base64'),
    });
  }
  env.push({ name: 'REQUEST_LOGGER_DEFAULT_ENDPOINT', value: config.engine.requestLoggerDefaultEndpoint });
  const userEnv = predictor.svcOrchSpec?.env ?? [];
  for (const v of userEnv) env.push(v);
  const fromAnnotations = Object.entries(sdep.spec.annotations ?? {})
    .filter(([k]) => k.startsWith(ENGINE_ANNOTATION_PREFIX) && k !== 'seldon.io/engine-separate-pod')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [k, v] of fromAnnotations) {
    const name = k.slice(ENGINE_ANNOTATION_PREFIX.length).toUpperCase().replace(/-/g, '_');
    if (!userEnv.some((x) => x.name === name)) env.push({ name, value: v });
  }
  env.push(...spoolEnv(ctx, env));
  return env;
}

function engineVolumeMounts(ctx: PredictorContext): VolumeMount[] {
  const mounts: VolumeMount[] = [{ name: PODINFO_VOLUME, mountPath: PODINFO_PATH }];
  if (ctx.useGraphFile)
    mounts.push({ name: GRAPH_VOLUME, mountPath: ctx.config.engine.graphMountPath, readOnly: true });
  mounts.push(...spoolMounts(ctx));
  return mounts;
}

/** HTTP(S) probe of the engine's `/ready` or `/live` (HTTPS when the predictor serves TLS). */
function engineProbe({ predictor, config }: PredictorContext, path: string) {
  return {
    httpGet: {
      path,
      port: config.engine.httpPort,
      scheme: predictor.ssl?.certSecretName ? 'HTTPS' : 'HTTP',
    },
    initialDelaySeconds: 20,
    periodSeconds: 5,
    failureThreshold: 3,
    successThreshold: 1,
    timeoutSeconds: 60,
  };
}
