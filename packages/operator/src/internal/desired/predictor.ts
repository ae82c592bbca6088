// Every object of one predictor, in the order they are applied and listed: graph ConfigMap, component
// Deployments (each followed by its autoscaler, PDB and node Services), svc-orch Deployment, predictor
// Service, Ambassador v2 Mappings, explainer objects, Istio DestinationRule.
import type { PredictorSpec } from '@seldon-ts/crd-types';
import { OperatorError } from '../../errors.js';
import type { KubeObject } from '../kube/client.js';
import { ambassadorV2Objects } from './ambassador.js';
import { autoscalingObjects } from './autoscaling.js';
import type { PredictorContext, SdepContext } from './context.js';
import { engineSeparatePod } from './defaulting.js';
import {
  componentDeployment,
  engineHostIndex,
  svcOrchDeployment,
  type DesiredDeploymentInfo,
} from './deployments.js';
import { explainerObjects } from './explainer.js';
import { enginePredictor, GRAPH_FILE, graphConfigMap, graphConfigMapName } from './graph-configmap.js';
import { predictorDestinationRule } from './istio.js';
import { predictorServiceName } from './names.js';
import { nodeServices, predictorAddress, predictorService, predictorServicePorts } from './services.js';

export interface DesiredServiceInfo {
  name: string;
  httpPort: number;
  grpcPort: number;
  explainerFor?: string;
}

/** One predictor's share of the desired state. */
export interface PredictorObjects {
  objects: KubeObject[];
  deployments: DesiredDeploymentInfo[];
  services: DesiredServiceInfo[];
  /** Set for the first predictor: `status.address.url`. */
  address: string | undefined;
}

export function predictorContext(
  ctx: SdepContext,
  predictor: PredictorSpec,
  pIndex: number,
): PredictorContext {
  const serviceName = predictorServiceName(ctx.sdep, predictor);
  const noEngine = predictor.annotations?.['seldon.io/no-engine'] === 'true';
  if (!noEngine && !ctx.config.engine.image) {
    throw new OperatorError(
      'SC_ERR_OPERATOR_NO_EXECUTOR_IMAGE',
      'Failed to find executor image from environment. Check EXECUTOR_CONTAINER_IMAGE_AND_VERSION or RELATED_IMAGE_EXECUTOR are set.',
    );
  }
  return {
    ...ctx,
    predictor,
    pIndex,
    serviceName,
    noEngine,
    useGraphFile: ctx.config.engine.graphDelivery === 'file' && !noEngine,
    graph: {
      configMap: graphConfigMapName(serviceName),
      data: { [GRAPH_FILE]: JSON.stringify(enginePredictor(predictor), null, 2) },
    },
  };
}

export function predictorObjects(ctx: PredictorContext): PredictorObjects {
  const { config } = ctx;
  const out: PredictorObjects = { objects: [], deployments: [], services: [], address: undefined };
  // The nodes' parameters join the engine's graph in this ConfigMap as the containers are built.
  if (ctx.useGraphFile) out.objects.push(graphConfigMap(ctx));
  addComponents(ctx, out);
  if (engineSeparatePod(ctx.sdep) && !ctx.noEngine) {
    const svcOrch = svcOrchDeployment(ctx);
    out.objects.push(svcOrch.object);
    out.deployments.push(svcOrch.info);
  }
  const ports = predictorServicePorts(ctx);
  out.objects.push(predictorService(ctx));
  out.services.push({ name: ctx.serviceName, httpPort: ports.http, grpcPort: ports.grpc });
  if (ctx.pIndex === 0) out.address = predictorAddress(ctx);
  if (config.ambassador.enabled && config.ambassador.version !== 'v1')
    out.objects.push(...ambassadorMappings(ctx));
  if (ctx.predictor.explainer?.type) addExplainer(ctx, out);
  if (config.istio.enabled) out.objects.push(predictorDestinationRule(ctx));
  return out;
}

/** Ambassador v2: the Mappings (and TLSContext) routing to the predictor Service. */
function ambassadorMappings(ctx: PredictorContext): KubeObject[] {
  const { sdep, predictor, pIndex, serviceName } = ctx;
  const ports = predictorServicePorts(ctx);
  return ambassadorV2Objects(
    {
      sdep,
      predictor,
      pIndex,
      service: serviceName,
      httpPort: ports.http,
      grpcPort: ports.grpc,
      explainer: false,
    },
    ctx.config.ambassador.singleNamespace,
    ctx.meta,
  );
}

/** Per componentSpec: its Deployment, autoscaler and PDB, and its node Services. */
function addComponents(ctx: PredictorContext, out: PredictorObjects): void {
  const engineIndex = engineHostIndex(ctx, engineSeparatePod(ctx.sdep));
  (ctx.predictor.componentSpecs ?? []).forEach((cs, j) => {
    const built = componentDeployment(cs, j, ctx, engineIndex);
    if (!built) return;
    out.objects.push(built.object);
    out.deployments.push(built.info);
    out.objects.push(...autoscalingObjects(cs, built.info.name, ctx));
    out.objects.push(...nodeServices(cs, ctx));
  });
}

function addExplainer(ctx: PredictorContext, out: PredictorObjects): void {
  const ex = explainerObjects(ctx);
  out.objects.push(ex.deployment.object, ex.service);
  out.deployments.push(ex.deployment.info);
  out.services.push({ name: ex.name, httpPort: ex.port, grpcPort: ex.port, explainerFor: ctx.serviceName });
  out.objects.push(...ex.ingress);
}
