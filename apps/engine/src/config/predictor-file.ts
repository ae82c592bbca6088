// The predictor an engine serves: read from a graph file (a SeldonDeployment, a PredictorSpec or a
// bare graph, in YAML or JSON) or from the operator's base64 ENGINE_PREDICTOR variable.
import { createRequire } from 'node:module';
import { basename, extname } from 'node:path';
import type { Endpoint, PredictorSpec, PredictiveUnit, SeldonDeployment } from '@seldon-ts/crd-types';
import { EngineError } from '../errors.js';
import type { Env } from './source.js';
import { invalid, isRecord } from './values.js';

/** A predictor and what its file says about the deployment around it. */
export interface LoadedSpec {
  predictor: PredictorSpec;
  deploymentName?: string;
  namespace?: string;
  protocol?: string;
  transport?: string;
  serverType?: string;
  annotations?: Record<string, string>;
}

/**
 * The predictor of the graph file `file` when one is given, else of ENGINE_PREDICTOR; neither is
 * SC_ERR_ENGINE_PREDICTOR_NOT_FOUND.
 */
export function loadPredictor(
  file: string | undefined,
  predictorName: string | undefined,
  env: Env,
  readFile: (p: string) => string,
): LoadedSpec {
  if (file) return loadPredictorFile(file, predictorName, readFile);
  if (env.ENGINE_PREDICTOR) return { predictor: decodeEnginePredictor(env.ENGINE_PREDICTOR) };
  throw new EngineError(
    'SC_ERR_ENGINE_PREDICTOR_NOT_FOUND',
    'Predictor not found, enviroment variable ENGINE_PREDICTOR not set (or pass --file <SeldonDeployment.yaml>)',
  );
}

/**
 * Reads a SeldonDeployment (YAML or JSON), a bare PredictorSpec, or a bare graph (a PredictiveUnit)
 * and returns the predictor named `predictorName` (or the only one).
 */
export function loadPredictorFile(
  path: string,
  predictorName: string | undefined,
  readFile: (p: string) => string,
): LoadedSpec {
  const ext = extname(path).toLowerCase();
  const doc = readGraphDocument(path, ext, readFile);
  if (isRecord(doc.spec) && Array.isArray(doc.spec.predictors))
    return fromDeployment(path, doc, doc.spec, predictorName);
  if (isRecord(doc.graph)) return { predictor: doc as unknown as PredictorSpec };
  if (typeof doc.name === 'string') {
    return {
      predictor: { name: predictorName ?? 'default', graph: doc as unknown as PredictiveUnit },
      deploymentName: basename(path, ext),
    };
  }
  throw invalid(
    `${path} holds no SeldonDeployment (spec.predictors), predictor (graph) or graph node (name)`,
  );
}

/** The file's SeldonDeployment document, else its first document. */
function readGraphDocument(
  path: string,
  ext: string,
  readFile: (p: string) => string,
): Record<string, unknown> {
  if (!['.yaml', '.yml', '.json'].includes(ext))
    throw invalid(`Unsupported file type ${ext || '(none)'} for ${path}: use .yaml, .yml or .json`);
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    throw new EngineError(
      'SC_ERR_ENGINE_PREDICTOR_NOT_FOUND',
      `cannot read graph file ${path}: ${(err as Error).message}`,
    );
  }
  let docs: unknown[];
  try {
    docs = parseDocuments(text);
  } catch (err) {
    throw invalid(`${path} is not valid YAML/JSON: ${(err as Error).message}`);
  }
  const doc = docs.find((d) => isRecord(d) && d.kind === 'SeldonDeployment') ?? docs[0];
  if (!isRecord(doc)) throw invalid(`${path} holds no SeldonDeployment, predictor or graph object`);
  return doc;
}

/**
 * The documents of a graph file. JSON (the operator mounts `predictor.json`) is read with
 * JSON.parse: YAML's parser reads it too, but costs a pod's engine a large share of its start-up.
 * Anything else, or JSON that does not parse, goes to the YAML parser (which names the error).
 */
function parseDocuments(text: string): unknown[] {
  if (text.trimStart().startsWith('{')) {
    try {
      return [JSON.parse(text) as unknown];
    } catch {
      // Flow-style YAML, or broken JSON: the YAML parser reads the one and explains the other.
    }
  }
  return loadYaml()
    .parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length) throw d.errors[0];
      return d.toJS() as unknown;
    })
    .filter((d) => d != null);
}

/**
 * The YAML parser, loaded on the first YAML file: the operator's pods read JSON, and yaml is a
 * sizeable share of an engine's start-up and memory. Synchronous (its CommonJS build), because
 * configuration is resolved synchronously.
 */
function loadYaml(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml') as typeof import('yaml');
}

/**
 * crd-types' defaulting, loaded on the first SeldonDeployment file (local runs): it validates
 * first, and its structural validator (about 215 KB of generated code) is no part of a pod's
 * engine, which reads the operator's JSON predictor. Synchronous (require of an ES module, Node
 * >= 20.19) for the same reason as loadYaml.
 */
function loadDefaults(): typeof import('@seldon-ts/crd-types/defaults') {
  return createRequire(import.meta.url)(
    '@seldon-ts/crd-types/defaults',
  ) as typeof import('@seldon-ts/crd-types/defaults');
}

/** The chosen predictor of a document with `spec.predictors`, and the deployment's settings. */
function fromDeployment(
  path: string,
  doc: Record<string, unknown>,
  writtenSpec: Record<string, unknown>,
  predictorName: string | undefined,
): LoadedSpec {
  const spec = doc.kind === 'SeldonDeployment' ? withOperatorDefaults(path, doc, writtenSpec) : writtenSpec;
  const predictor = choosePredictor(path, spec.predictors as PredictorSpec[], predictorName);
  const meta = isRecord(doc.metadata) ? doc.metadata : {};
  return {
    predictor,
    deploymentName: typeof meta.name === 'string' ? meta.name : undefined,
    namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
    protocol: typeof spec.protocol === 'string' ? spec.protocol : undefined,
    transport: typeof spec.transport === 'string' ? spec.transport : undefined,
    serverType: typeof spec.serverType === 'string' ? spec.serverType : undefined,
    annotations: isRecord(spec.annotations) ? (spec.annotations as Record<string, string>) : undefined,
  };
}

/**
 * The reference executor takes the predictor exactly as written. A hand-written manifest often
 * leaves endpoints, ports and types out, so those gaps get the operator's defaults; what the file
 * does say is kept.
 */
function withOperatorDefaults(
  path: string,
  doc: Record<string, unknown>,
  writtenSpec: Record<string, unknown>,
): Record<string, unknown> {
  let defaulted: SeldonDeployment;
  try {
    defaulted = loadDefaults().defaultSeldonDeployment(doc as unknown as SeldonDeployment);
  } catch (err) {
    throw new EngineError(
      'SC_ERR_ENGINE_GRAPH_INVALID',
      `${path}: invalid SeldonDeployment: ${(err as Error).message}`,
    );
  }
  const written = writtenSpec.predictors as PredictorSpec[];
  return {
    ...defaulted.spec,
    predictors: defaulted.spec.predictors.map((p, i) => ({
      ...p,
      graph: keepWrittenNode(written[i].graph, p.graph),
    })),
  } as unknown as Record<string, unknown>;
}

/** The predictor named `predictorName`, or the only one when no name is given. */
function choosePredictor(
  path: string,
  predictors: PredictorSpec[],
  predictorName: string | undefined,
): PredictorSpec {
  let predictor: PredictorSpec | undefined;
  if (predictorName) predictor = predictors.find((p) => p?.name === predictorName);
  else if (predictors.length === 1) predictor = predictors[0];
  else {
    throw new EngineError(
      'SC_ERR_ENGINE_PREDICTOR_NOT_FOUND',
      `${path} has ${predictors.length} predictors (${predictors.map((p) => p?.name).join(', ')}): choose one with --predictor`,
    );
  }
  if (!predictor)
    throw new EngineError(
      'SC_ERR_ENGINE_PREDICTOR_NOT_FOUND',
      `Predictor not found ${predictorName} in ${path} (have: ${predictors.map((p) => p?.name).join(', ')})`,
    );
  return predictor;
}

/** A node as written, with the defaulted node's values only where the file says nothing. */
function keepWrittenNode(written: PredictiveUnit, defaulted: PredictiveUnit): PredictiveUnit {
  const node: PredictiveUnit = { ...defaulted, ...written };
  const endpoint = keepWrittenEndpoint(written.endpoint, defaulted.endpoint);
  if (endpoint) node.endpoint = endpoint;
  if (written.children)
    node.children = written.children.map((child, i) => keepWrittenNode(child, defaulted.children![i]));
  return node;
}

const ENDPOINT_PORTS = ['service_port', 'httpPort', 'grpcPort'] as const;

/**
 * The written endpoint, completed by the defaulted one. A port written by hand is the node's
 * address: the operator's allocated ports are then left out, because the node clients prefer
 * `httpPort`/`grpcPort` to `service_port` and would call the allocated port instead.
 */
function keepWrittenEndpoint(
  written: Endpoint | undefined,
  defaulted: Endpoint | undefined,
): Endpoint | undefined {
  if (!written || !defaulted) return written ?? defaulted;
  const endpoint: Endpoint = { ...defaulted, ...written };
  if (ENDPOINT_PORTS.some((port) => written[port] !== undefined))
    for (const port of ENDPOINT_PORTS) if (written[port] === undefined) delete endpoint[port];
  return endpoint;
}

/** The operator's ENGINE_PREDICTOR: a PredictorSpec as base64-encoded JSON. */
function decodeEnginePredictor(value: string): PredictorSpec {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch (err) {
    throw invalid(`ENGINE_PREDICTOR is not base64-encoded JSON: ${(err as Error).message}`);
  }
  if (!isRecord(json) || !isRecord(json.graph))
    throw invalid('ENGINE_PREDICTOR must be a PredictorSpec with a "graph" object');
  return json as unknown as PredictorSpec;
}
