// 07 §3.2: what the operator adds to the container of a graph node (a model, router, combiner or
// transformer the user wrote): ports, probes, preStop and the PREDICTIVE_UNIT_* / MLSERVER_* env.
import type { Container, PredictiveUnit, PredictorSpec, SeldonDeployment } from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../../config.js';
import { addPortIfAbsent, setEnvIfAbsent } from './container.js';
import { deliverParameters, type GraphParameters } from './parameters-delivery.js';
import { tcpProbe } from './pod.js';
import { MODELS_PATH } from './storage-initializer.js';

/** A node container as the operator completes it. */
export interface NodeContainerSource {
  sdep: SeldonDeployment;
  predictor: PredictorSpec;
  config: OperatorConfig;
  /** Parameters through the graph ConfigMap (file delivery); absent: a literal env value. */
  parametersFromGraph: GraphParameters | undefined;
}

export function decorateNodeContainer(c: Container, node: PredictiveUnit, src: NodeContainerSource): void {
  const { http, grpc, useGrpc } = nodePorts(node, src.sdep);
  addPortIfAbsent(c, 'http', http);
  addPortIfAbsent(c, 'grpc', grpc);
  const probePort = useGrpc ? grpc : http;
  c.livenessProbe ??= tcpProbe(probePort, 60);
  c.readinessProbe ??= tcpProbe(probePort, 20);
  // 5 s longer than the engine's 10 s: a node keeps serving while the engine drains its clients
  // (`--idle_drain`), so no request in a rolling update meets a node that has already stopped.
  c.lifecycle ??= { preStop: { exec: { command: ['/bin/sh', '-c', '/bin/sleep 15'] } } };
  setNodeEnv(c, node, src);
}

function nodePorts(node: PredictiveUnit, sdep: SeldonDeployment) {
  return {
    http: node.endpoint!.httpPort!,
    grpc: node.endpoint!.grpcPort!,
    useGrpc: node.endpoint?.type === 'GRPC' || sdep.spec.transport === 'grpc',
  };
}

/** Each variable is set only when absent: the reference's helper wiped the whole env list instead. */
function setNodeEnv(c: Container, node: PredictiveUnit, src: NodeContainerSource): void {
  const { sdep, predictor, config, parametersFromGraph } = src;
  const { http, grpc, useGrpc } = nodePorts(node, sdep);
  const metricsPort = (c.ports ?? []).find((p) => p.name === config.nodePorts.metricsPortName)?.containerPort;
  setEnvIfAbsent(c, 'PREDICTIVE_UNIT_SERVICE_PORT', String(useGrpc ? grpc : http));
  setEnvIfAbsent(c, 'PREDICTIVE_UNIT_HTTP_SERVICE_PORT', String(http));
  setEnvIfAbsent(c, 'MLSERVER_HTTP_PORT', String(http));
  setEnvIfAbsent(c, 'PREDICTIVE_UNIT_GRPC_SERVICE_PORT', String(grpc));
  setEnvIfAbsent(c, 'MLSERVER_GRPC_PORT', String(grpc));
  if (parametersFromGraph) deliverParameters(c, node, parametersFromGraph);
  else if (node.parameters && node.parameters.length > 0)
    setEnvIfAbsent(c, 'PREDICTIVE_UNIT_PARAMETERS', JSON.stringify(node.parameters));
  if (node.modelUri) setEnvIfAbsent(c, 'MLSERVER_MODEL_URI', MODELS_PATH);
  setEnvIfAbsent(c, 'PREDICTIVE_UNIT_ID', c.name);
  setEnvIfAbsent(c, 'MLSERVER_MODEL_NAME', c.name);
  if (c.image) setEnvIfAbsent(c, 'PREDICTIVE_UNIT_IMAGE', c.image);
  setEnvIfAbsent(c, 'PREDICTOR_ID', predictor.name);
  setEnvIfAbsent(c, 'PREDICTOR_LABELS', JSON.stringify(predictor.labels ?? {}));
  setEnvIfAbsent(c, 'SELDON_DEPLOYMENT_ID', sdep.metadata.name!);
  setEnvIfAbsent(c, 'SELDON_EXECUTOR_ENABLED', 'true');
  if (metricsPort !== undefined) {
    setEnvIfAbsent(c, 'PREDICTIVE_UNIT_METRICS_SERVICE_PORT', String(metricsPort));
    setEnvIfAbsent(c, 'MLSERVER_METRICS_PORT', String(metricsPort));
  }
  setEnvIfAbsent(c, 'PREDICTIVE_UNIT_METRICS_ENDPOINT', config.engine.prometheusPath);
  setEnvIfAbsent(c, 'MLSERVER_METRICS_ENDPOINT', config.engine.prometheusPath);
}
