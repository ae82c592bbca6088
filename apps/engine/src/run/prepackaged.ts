// Prepackaged model servers on this machine: a node with `implementation: ONNX_SERVER` or
// `XGBOOST_SERVER` and a `modelUri` runs seldon-ts's TypeScript server for it (no image, no
// Python), with the model fetched the way the operator's storage initializer fetches it.
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Parameter, PredictiveUnit } from '@seldon-ts/crd-types';
import { EngineError } from '../errors.js';
import type { Isolation, LocalComponent } from './local-component.js';

/** Implementations `seldon-engine run` serves itself, and the component class of each. */
const LOCAL_SERVERS: Readonly<Record<string, string>> = {
  ONNX_SERVER: 'OnnxServer',
  XGBOOST_SERVER: 'XGBoostServer',
};

/** The implementations served locally, for messages. */
export const LOCAL_PREPACKAGED_SERVERS = Object.keys(LOCAL_SERVERS);

/** The parameter prepackaged servers read their model folder from (the operator sets /mnt/models). */
const MODEL_URI_PARAMETER = 'model_uri';

/**
 * The local component of a prepackaged node, or undefined when seldon-ts has no server for its
 * implementation. Throws when the node has no `modelUri`.
 */
export function prepackagedComponent(
  node: PredictiveUnit,
  isolation: Isolation,
  where: string,
): LocalComponent | undefined {
  const implementation = node.implementation ?? '';
  const exportName = Object.hasOwn(LOCAL_SERVERS, implementation) ? LOCAL_SERVERS[implementation] : undefined;
  if (exportName === undefined) return undefined;
  if (!node.modelUri) {
    throw new EngineError(
      'SC_ERR_ENGINE_RUN_COMPONENT',
      `${where}: ${implementation} needs a modelUri (for example modelUri: file://./model next to the manifest)`,
      { where },
    );
  }
  return {
    kind: 'module',
    modulePath: resolveOptional('@seldon-ts/model-servers', implementation, where),
    exportName,
    isolation,
    source: `implementation: ${implementation}`,
  };
}

/** A model made available on this machine; `release()` removes what was downloaded for it. */
export interface ProvisionedModel {
  /** Local folder (or file) the server reads. */
  readonly path: string;
  release(): Promise<void>;
}

/**
 * Makes `modelUri` a local path: `file://` and plain paths are used where they are (relative to
 * `baseDir`, the manifest's folder); anything else is downloaded into a temporary folder by the
 * storage initializer's code (S3 credentials from the environment, as in the cluster).
 */
export async function provisionModel(modelUri: string, baseDir: string): Promise<ProvisionedModel> {
  const { downloadModel, parseModelUri } = (await import(
    resolveOptional('@seldon-ts/storage', 'modelUri', modelUri)
  )) as typeof import('@seldon-ts/storage');
  const uri = parseModelUri(modelUri);
  if (uri.scheme === 'file') {
    return { path: resolve(baseDir, uri.path), release: async () => undefined };
  }
  const folder = await mkdtemp(join(tmpdir(), 'seldon-model-'));
  const destination = join(folder, 'model');
  try {
    await downloadModel(modelUri, destination, { baseDir });
  } catch (err) {
    await rm(folder, { recursive: true, force: true });
    throw err;
  }
  return { path: destination, release: () => rm(folder, { recursive: true, force: true }) };
}

/**
 * Where an optional peer package of seldon-engine is installed (the engine image has neither: pods
 * get their model servers and storage initializer as images of their own).
 */
function resolveOptional(name: string, what: string, where: string): string {
  try {
    return createRequire(import.meta.url).resolve(name);
  } catch {
    throw new EngineError(
      'SC_ERR_ENGINE_RUN_COMPONENT',
      `${where}: ${what} needs the package ${name}, which is not installed: npm install ${name}`,
      { where },
    );
  }
}

/** The node's parameters with `model_uri` pointing at the local model (any given value is replaced). */
export function withModelPath(parameters: readonly Parameter[] | undefined, path: string): Parameter[] {
  return [
    ...(parameters ?? []).filter((p) => p.name !== MODEL_URI_PARAMETER),
    { name: MODEL_URI_PARAMETER, value: path, type: 'STRING' },
  ];
}
