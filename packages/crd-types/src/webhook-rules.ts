// The reference admission webhook's semantic rules (06 §7), run by `validateSeldonDeployment` on
// a structurally valid SeldonDeployment. Rules are checked, and violations reported, in the
// reference's order: spec-wide enums, kafka, predictor count, each predictor and its nodes,
// endpoint types, traffic.

import type { CrdErrorCode } from './errors.js';
import { findContainer, walkGraph, type VisitedNode } from './graph.js';
import { isPrepackaged, type PredictorServersConfig } from './prepackaged.js';
import type { PredictorSpec, SeldonDeployment } from './types.js';
import { ANNOTATION_NO_ENGINE, ANNOTATION_SVC_NAME } from './annotations.js';
import type { ValidationError } from './validate.js';

const PROTOCOLS = new Set(['', 'seldon', 'tensorflow', 'kfserving', 'v2']);
const TRANSPORTS = new Set(['', 'rest', 'grpc']);
const SERVER_TYPES = new Set(['', 'rpc', 'kafka']);
const KAFKA_ENVS = ['KAFKA_BROKER', 'KAFKA_INPUT_TOPIC', 'KAFKA_OUTPUT_TOPIC'];
const NO_TENSORFLOW = new Set([
  'SKLEARN_SERVER',
  'XGBOOST_SERVER',
  'MLFLOW_SERVER',
  'HUGGINGFACE_SERVER',
  'ONNX_SERVER',
]);
const MODEL_URI_OPTIONAL = new Set(['HUGGINGFACE_SERVER']);

/** Records one violation; `value` is the offending value, when the reference reports one. */
type Report = (code: CrdErrorCode, path: string, value: string | number | undefined, message: string) => void;

/** Names already seen across predictors, for the duplicate rules, and the endpoint types used. */
interface PredictorsSeen {
  predictorNames: Set<string>;
  svcNames: Set<string>;
  endpointTypes: Set<string>;
}

/** Every webhook rule violated by `sdep`, in the reference's order. */
export function semanticErrors(sdep: SeldonDeployment, servers: PredictorServersConfig): ValidationError[] {
  const errors: ValidationError[] = [];
  const report: Report = (code, path, value, message) =>
    errors.push(value === undefined ? { path, message, code } : { path, message, code, value });
  const spec = sdep.spec;
  const predictors = spec.predictors;
  const protocol = spec.protocol ?? '';
  const transport = spec.transport ?? '';

  checkSpecEnums(report, protocol, transport, spec.serverType ?? '');
  if (spec.serverType === 'kafka') checkKafkaEnvs(report, predictors);
  checkPredictorCount(report, predictors, transport);
  const seen: PredictorsSeen = { predictorNames: new Set(), svcNames: new Set(), endpointTypes: new Set() };
  predictors.forEach((p, i) => {
    const predictorPath = `spec.predictors[${i}]`;
    const nodes = walkGraph(p.graph, `${predictorPath}.graph`);
    checkPredictor(report, p, predictorPath, nodes.length, seen);
    for (const visited of nodes) {
      if (visited.node.endpoint?.type) seen.endpointTypes.add(visited.node.endpoint.type);
      checkNode(report, p, visited, protocol, servers);
    }
  });
  checkEndpointTypes(report, seen.endpointTypes, transport);
  checkTraffic(report, predictors);
  return errors;
}

function checkSpecEnums(report: Report, protocol: string, transport: string, serverType: string): void {
  if (!PROTOCOLS.has(protocol)) report('SC_ERR_CRD_RULE_PROTOCOL', 'spec', protocol, 'Invalid protocol');
  if (!TRANSPORTS.has(transport)) report('SC_ERR_CRD_RULE_TRANSPORT', 'spec', transport, 'Invalid transport');
  if (!SERVER_TYPES.has(serverType))
    report('SC_ERR_CRD_RULE_SERVER_TYPE', 'spec', serverType, 'Invalid serverType');
}

/** A kafka deployment needs the broker and both topics in every predictor's svcOrchSpec env. */
function checkKafkaEnvs(report: Report, predictors: PredictorSpec[]): void {
  predictors.forEach((p, i) => {
    const names = new Set((p.svcOrchSpec?.env ?? []).map((e) => e.name));
    if (!KAFKA_ENVS.every((n) => names.has(n))) {
      report(
        'SC_ERR_CRD_RULE_KAFKA_ENV',
        `spec.predictors[${i}]`,
        p.name,
        'For kafka please supply svcOrchSpec envs KAFKA_BROKER, KAFKA_INPUT_TOPIC, KAFKA_OUTPUT_TOPIC',
      );
    }
  });
}

function checkPredictorCount(report: Report, predictors: PredictorSpec[], transport: string): void {
  if (predictors.length === 1 && predictors[0].shadow === true) {
    report(
      'SC_ERR_CRD_RULE_SHADOW_ALONE',
      'spec.predictors[0]',
      predictors[0].name,
      'Shadow can not exist as only predictor',
    );
  }
  if (predictors.length === 0) {
    report('SC_ERR_CRD_RULE_NO_PREDICTORS', 'spec', transport, 'Graph contains no predictors');
  }
}

/** Rules on the predictor itself: engine-less graphs, duplicate predictor and service names. */
function checkPredictor(
  report: Report,
  p: PredictorSpec,
  predictorPath: string,
  nodeCount: number,
  seen: PredictorsSeen,
): void {
  const annotations = p.annotations ?? {};
  if (Object.hasOwn(annotations, ANNOTATION_NO_ENGINE) && nodeCount > 1) {
    report(
      'SC_ERR_CRD_RULE_NO_ENGINE_GRAPH',
      predictorPath,
      p.name,
      'Running without engine only valid for single element graphs',
    );
  }
  if (seen.predictorNames.has(p.name)) {
    report('SC_ERR_CRD_RULE_DUPLICATE_PREDICTOR', predictorPath, p.name, 'Duplicate predictor name');
  }
  seen.predictorNames.add(p.name);
  if (Object.hasOwn(annotations, ANNOTATION_SVC_NAME)) {
    const svcName = annotations[ANNOTATION_SVC_NAME];
    if (seen.svcNames.has(svcName)) {
      report(
        'SC_ERR_CRD_RULE_DUPLICATE_SVC_NAME',
        predictorPath,
        svcName,
        `Found duplicate service name in seldon.io/svc-name with value ${svcName}`,
      );
    }
    seen.svcNames.add(svcName);
  }
}

/** Rules on one graph node: its container or prepackaged server, and its logger. */
function checkNode(
  report: Report,
  p: PredictorSpec,
  { node, path }: VisitedNode,
  protocol: string,
  servers: PredictorServersConfig,
): void {
  const impl = node.implementation;
  if (impl === undefined || impl === 'UNKNOWN_IMPLEMENTATION') {
    if (!findContainer(p, node.name)) {
      report('SC_ERR_CRD_RULE_NO_CONTAINER', path, node.name, "Can't find container for Predictive Unit");
    }
    if (node.type === 'UNKNOWN_TYPE' && (node.methods ?? []).length === 0) {
      report(
        'SC_ERR_CRD_RULE_NO_METHODS',
        path,
        node.name,
        'Predictive Unit has no implementation methods defined. Change to a known type or add what methods it defines',
      );
    }
  } else if (isPrepackaged(node)) {
    const server = impl;
    if (!node.modelUri && !MODEL_URI_OPTIONAL.has(server)) {
      report(
        'SC_ERR_CRD_RULE_MODEL_URI',
        path,
        node.name,
        'Predictive unit modelUri required when using standalone servers',
      );
    }
    if (protocol === 'tensorflow' && NO_TENSORFLOW.has(server)) {
      report(
        'SC_ERR_CRD_RULE_TENSORFLOW_PROTOCOL',
        path,
        node.name,
        `Prepackaged server does not handle tensorflow protocol ${server}`,
      );
    }
    const container = findContainer(p, node.name)?.container;
    if (!container?.image && !Object.hasOwn(servers, server)) {
      report('SC_ERR_CRD_RULE_UNKNOWN_SERVER', path, node.name, `No entry in predictors map for ${server}`);
    }
  }
  if (node.logger && !node.logger.mode) {
    report('SC_ERR_CRD_RULE_LOGGER_MODE', path, node.logger.mode ?? '', 'No logger mode specified');
  }
}

/** Graph endpoint types must agree with each other and with `spec.transport`. */
function checkEndpointTypes(report: Report, endpointTypes: Set<string>, transport: string): void {
  if (endpointTypes.size > 1) {
    report(
      'SC_ERR_CRD_RULE_MULTIPLE_ENDPOINT_TYPES',
      'spec',
      '',
      'Multiple endpoint.types found - can only have 1 type in graph. Please use spec.transport',
    );
  } else if (endpointTypes.size === 1 && transport !== '') {
    const [only] = endpointTypes;
    if ((only === 'REST' && transport !== 'rest') || (only === 'GRPC' && transport !== 'grpc')) {
      report(
        'SC_ERR_CRD_RULE_MIXED_TRANSPORT',
        'spec',
        '',
        'Mixed transport types found. Remove graph endpoint.types if transport set at deployment level',
      );
    }
  }
}

/** At most one shadow, shadow traffic in [0, 100], and the other predictors' traffic summing to 100. */
function checkTraffic(report: Report, predictors: PredictorSpec[]): void {
  let trafficSum = 0;
  let shadows = 0;
  for (const p of predictors) {
    const traffic = p.traffic ?? 0;
    if (p.shadow === true) {
      shadows++;
      if (shadows > 1)
        report('SC_ERR_CRD_RULE_MULTIPLE_SHADOWS', 'spec', p.name, 'Multiple shadows are not allowed');
      if (traffic < 0 || traffic > 100) {
        report(
          'SC_ERR_CRD_RULE_SHADOW_TRAFFIC',
          'spec',
          p.name,
          'shadow traffic is illegal, the traffic number should be between [0, 100]',
        );
      }
    } else {
      trafficSum += traffic;
    }
  }
  if (trafficSum !== 100 && predictors.length - shadows > 1) {
    report(
      'SC_ERR_CRD_RULE_TRAFFIC_SUM',
      'spec',
      predictors[0].name,
      'Traffic must sum to 100 for multiple predictors',
    );
  }
  if (trafficSum > 0 && trafficSum < 100 && predictors.length === 1) {
    report(
      'SC_ERR_CRD_RULE_SINGLE_TRAFFIC',
      'spec',
      predictors[0].name,
      'Traffic must sum be 100 for a single predictor when set',
    );
  }
}
