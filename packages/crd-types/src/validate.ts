import type { CrdErrorCode } from './errors.js';
import { validate as structuralValidate } from './generated/structural-validator.js';
import { findContainer, walkGraph } from './graph.js';
import { DEFAULT_PREDICTOR_SERVERS, isPrepackaged, type PredictorServersConfig } from './prepackaged.js';
import type { SeldonDeployment } from './types.js';
import { ANNOTATION_NO_ENGINE, ANNOTATION_SVC_NAME } from './annotations.js';

/** One violation. `path` uses Kubernetes field-path syntax (`spec.predictors[0].graph`). */
export interface ValidationError {
  path: string;
  message: string;
  code: CrdErrorCode;
  /** The offending value as the reference reports it (`Invalid value: <value>`), when there is one. */
  value?: string | number;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

export interface ValidationOptions {
  /**
   * The operator's `predictor_servers` config, consulted by rule 14 for prepackaged nodes without an
   * image. Default: the v1.18.2 default config (`DEFAULT_PREDICTOR_SERVERS`).
   */
  predictorServers?: PredictorServersConfig;
  /**
   * Deepest graph accepted (root = level 1). Deeper graphs are refused before any recursive
   * processing, so hostile input cannot exhaust the stack. Default 64.
   */
  maxGraphDepth?: number;
}

/** Default of `maxGraphDepth`. */
export const DEFAULT_MAX_GRAPH_DEPTH = 64;

/**
 * First graph deeper than `maxDepth`, found without recursion and without trusting the shape of
 * `obj`; undefined when every graph fits.
 */
export function findTooDeepGraph(obj: unknown, maxDepth: number): string | undefined {
  const predictors = (obj as { spec?: { predictors?: unknown } } | null)?.spec?.predictors;
  if (!Array.isArray(predictors)) return undefined;
  for (let i = 0; i < predictors.length; i++) {
    const root = (predictors[i] as { graph?: unknown } | null)?.graph;
    const stack: [unknown, number][] = [[root, 1]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop() as [unknown, number];
      if (node === null || typeof node !== 'object') continue;
      if (depth > maxDepth) return `spec.predictors[${i}].graph`;
      const children = (node as { children?: unknown }).children;
      if (Array.isArray(children)) for (const child of children) stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

const PROTOCOLS = new Set(['', 'seldon', 'tensorflow', 'kfserving', 'v2']);
const TRANSPORTS = new Set(['', 'rest', 'grpc']);
const SERVER_TYPES = new Set(['', 'rpc', 'kafka']);
const KAFKA_ENVS = ['KAFKA_BROKER', 'KAFKA_INPUT_TOPIC', 'KAFKA_OUTPUT_TOPIC'];
const NO_TENSORFLOW = new Set(['SKLEARN_SERVER', 'XGBOOST_SERVER', 'MLFLOW_SERVER', 'HUGGINGFACE_SERVER']);
const MODEL_URI_OPTIONAL = new Set(['HUGGINGFACE_SERVER']);

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  data?: unknown;
}
interface StructuralValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

/**
 * Validates a SeldonDeployment as the reference's admission webhook does (06 §7), after checking
 * its structure against the schema. Never throws; returns every violation found.
 *
 * Structural errors (missing required fields, wrong JSON types) are reported alone: the semantic
 * rules only run on a well-formed object, as the reference only validates what it could decode.
 */
export function validateSeldonDeployment(obj: unknown, options: ValidationOptions = {}): ValidationResult {
  const maxDepth = options.maxGraphDepth ?? DEFAULT_MAX_GRAPH_DEPTH;
  const tooDeep = findTooDeepGraph(obj, maxDepth);
  if (tooDeep) {
    return {
      valid: false,
      errors: [
        {
          path: tooDeep,
          message: `graph is deeper than ${maxDepth} levels`,
          code: 'SC_ERR_CRD_GRAPH_TOO_DEEP',
        },
      ],
    };
  }
  const check = structuralValidate as unknown as StructuralValidator;
  if (!check(obj)) {
    return { valid: false, errors: schemaErrors(check.errors ?? []) };
  }
  const errors = semanticErrors(
    obj as SeldonDeployment,
    options.predictorServers ?? DEFAULT_PREDICTOR_SERVERS,
  );
  return { valid: errors.length === 0, errors };
}

function semanticErrors(sdep: SeldonDeployment, servers: PredictorServersConfig): ValidationError[] {
  const errors: ValidationError[] = [];
  const add = (code: CrdErrorCode, path: string, value: string | number | undefined, message: string) =>
    errors.push(value === undefined ? { path, message, code } : { path, message, code, value });
  const spec = sdep.spec;
  const predictors = spec.predictors;
  const protocol = spec.protocol ?? '';
  const transport = spec.transport ?? '';
  const serverType = spec.serverType ?? '';

  if (!PROTOCOLS.has(protocol)) add('SC_ERR_CRD_RULE_PROTOCOL', 'spec', protocol, 'Invalid protocol');
  if (!TRANSPORTS.has(transport)) add('SC_ERR_CRD_RULE_TRANSPORT', 'spec', transport, 'Invalid transport');
  if (!SERVER_TYPES.has(serverType))
    add('SC_ERR_CRD_RULE_SERVER_TYPE', 'spec', serverType, 'Invalid serverType');

  if (serverType === 'kafka') {
    predictors.forEach((p, i) => {
      const names = new Set((p.svcOrchSpec?.env ?? []).map((e) => e.name));
      if (!KAFKA_ENVS.every((n) => names.has(n))) {
        add(
          'SC_ERR_CRD_RULE_KAFKA_ENV',
          `spec.predictors[${i}]`,
          p.name,
          'For kafka please supply svcOrchSpec envs KAFKA_BROKER, KAFKA_INPUT_TOPIC, KAFKA_OUTPUT_TOPIC',
        );
      }
    });
  }

  if (predictors.length === 1 && predictors[0].shadow === true) {
    add(
      'SC_ERR_CRD_RULE_SHADOW_ALONE',
      'spec.predictors[0]',
      predictors[0].name,
      'Shadow can not exist as only predictor',
    );
  }
  if (predictors.length === 0) {
    add('SC_ERR_CRD_RULE_NO_PREDICTORS', 'spec', transport, 'Graph contains no predictors');
  }

  const endpointTypes = new Set<string>();
  const predictorNames = new Set<string>();
  const svcNames = new Set<string>();
  predictors.forEach((p, i) => {
    const predictorPath = `spec.predictors[${i}]`;
    const nodes = walkGraph(p.graph, `${predictorPath}.graph`);
    const annotations = p.annotations ?? {};

    if (Object.hasOwn(annotations, ANNOTATION_NO_ENGINE) && nodes.length > 1) {
      add(
        'SC_ERR_CRD_RULE_NO_ENGINE_GRAPH',
        predictorPath,
        p.name,
        'Running without engine only valid for single element graphs',
      );
    }
    if (predictorNames.has(p.name)) {
      add('SC_ERR_CRD_RULE_DUPLICATE_PREDICTOR', predictorPath, p.name, 'Duplicate predictor name');
    }
    predictorNames.add(p.name);
    if (Object.hasOwn(annotations, ANNOTATION_SVC_NAME)) {
      const svcName = annotations[ANNOTATION_SVC_NAME];
      if (svcNames.has(svcName)) {
        add(
          'SC_ERR_CRD_RULE_DUPLICATE_SVC_NAME',
          predictorPath,
          svcName,
          `Found duplicate service name in seldon.io/svc-name with value ${svcName}`,
        );
      }
      svcNames.add(svcName);
    }

    for (const { node, path } of nodes) {
      if (node.endpoint?.type) endpointTypes.add(node.endpoint.type);
      const impl = node.implementation;
      if (impl === undefined || impl === 'UNKNOWN_IMPLEMENTATION') {
        if (!findContainer(p, node.name)) {
          add('SC_ERR_CRD_RULE_NO_CONTAINER', path, node.name, "Can't find container for Predictive Unit");
        }
        if (node.type === 'UNKNOWN_TYPE' && (node.methods ?? []).length === 0) {
          add(
            'SC_ERR_CRD_RULE_NO_METHODS',
            path,
            node.name,
            'Predictive Unit has no implementation methods defined. Change to a known type or add what methods it defines',
          );
        }
      } else if (isPrepackaged(node)) {
        const server = impl;
        if (!node.modelUri && !MODEL_URI_OPTIONAL.has(server)) {
          add(
            'SC_ERR_CRD_RULE_MODEL_URI',
            path,
            node.name,
            'Predictive unit modelUri required when using standalone servers',
          );
        }
        if (protocol === 'tensorflow' && NO_TENSORFLOW.has(server)) {
          add(
            'SC_ERR_CRD_RULE_TENSORFLOW_PROTOCOL',
            path,
            node.name,
            `Prepackaged server does not handle tensorflow protocol ${server}`,
          );
        }
        const container = findContainer(p, node.name)?.container;
        if (!container?.image && !Object.hasOwn(servers, server)) {
          add('SC_ERR_CRD_RULE_UNKNOWN_SERVER', path, node.name, `No entry in predictors map for ${server}`);
        }
      }
      if (node.logger && !node.logger.mode) {
        add('SC_ERR_CRD_RULE_LOGGER_MODE', path, node.logger.mode ?? '', 'No logger mode specified');
      }
    }
  });

  if (endpointTypes.size > 1) {
    add(
      'SC_ERR_CRD_RULE_MULTIPLE_ENDPOINT_TYPES',
      'spec',
      '',
      'Multiple endpoint.types found - can only have 1 type in graph. Please use spec.transport',
    );
  } else if (endpointTypes.size === 1 && transport !== '') {
    const [only] = endpointTypes;
    if ((only === 'REST' && transport !== 'rest') || (only === 'GRPC' && transport !== 'grpc')) {
      add(
        'SC_ERR_CRD_RULE_MIXED_TRANSPORT',
        'spec',
        '',
        'Mixed transport types found. Remove graph endpoint.types if transport set at deployment level',
      );
    }
  }

  let trafficSum = 0;
  let shadows = 0;
  for (const p of predictors) {
    const traffic = p.traffic ?? 0;
    if (p.shadow === true) {
      shadows++;
      if (shadows > 1)
        add('SC_ERR_CRD_RULE_MULTIPLE_SHADOWS', 'spec', p.name, 'Multiple shadows are not allowed');
      if (traffic < 0 || traffic > 100) {
        add(
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
    add(
      'SC_ERR_CRD_RULE_TRAFFIC_SUM',
      'spec',
      predictors[0].name,
      'Traffic must sum to 100 for multiple predictors',
    );
  }
  if (trafficSum > 0 && trafficSum < 100 && predictors.length === 1) {
    add(
      'SC_ERR_CRD_RULE_SINGLE_TRAFFIC',
      'spec',
      predictors[0].name,
      'Traffic must sum be 100 for a single predictor when set',
    );
  }
  return errors;
}

/** JSON pointer (`/spec/predictors/0`) to Kubernetes field path (`spec.predictors[0]`). */
export function pointerToFieldPath(pointer: string): string {
  if (pointer === '') return '';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^(0|[1-9]\d*)$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${seg}]`;
  }
  return out;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function schemaErrors(ajvErrors: AjvError[]): ValidationError[] {
  const out: ValidationError[] = [];
  const seen = new Set<string>();
  // ajv reports each failed anyOf branch before the anyOf itself; only the anyOf is useful.
  const anyOfFailures = new Set(ajvErrors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const e of ajvErrors) {
    if (e.keyword !== 'anyOf' && e.schemaPath.includes('/anyOf/') && anyOfFailures.has(e.instancePath))
      continue;
    const base = pointerToFieldPath(e.instancePath);
    let path = base;
    let message: string;
    switch (e.keyword) {
      case 'required': {
        const missing = String(e.params.missingProperty);
        path = base === '' ? missing : `${base}.${missing}`;
        message = 'Required value';
        break;
      }
      case 'type':
        message = `must be of type ${String(e.params.type)}, got ${describeType(e.data)}`;
        break;
      case 'minimum':
      case 'maximum':
        message = 'must be a 32-bit integer';
        break;
      case 'anyOf':
        message = 'must be an integer or a string';
        break;
      default:
        message = e.message ?? `failed ${e.keyword}`;
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: path || '(root)', message, code: 'SC_ERR_CRD_SCHEMA' });
  }
  return out;
}
