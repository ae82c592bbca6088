import { BUILTIN_IMPLEMENTATIONS, type PredictiveUnit } from './types.js';

/** One protocol entry of a prepackaged server (`seldon-config` `predictor_servers`). */
export interface PredictorImageConfig {
  image: string;
  defaultImageVersion?: string;
}

/** `predictor_servers` of the operator ConfigMap (07 §1.1): implementation → protocol → image. */
export type PredictorServersConfig = Record<string, { protocols: Record<string, PredictorImageConfig> }>;

/** The v1.18.2 default `predictor_servers` content. */
export const DEFAULT_PREDICTOR_SERVERS: PredictorServersConfig = {
  TENSORFLOW_SERVER: {
    protocols: {
      tensorflow: { image: 'tensorflow/serving', defaultImageVersion: '2.1.0' },
      seldon: { image: 'seldonio/tfserving-proxy', defaultImageVersion: '1.18.2' },
    },
  },
  SKLEARN_SERVER: {
    protocols: {
      seldon: { image: 'seldonio/sklearnserver', defaultImageVersion: '1.18.2' },
      v2: { image: 'seldonio/mlserver', defaultImageVersion: '1.3.5-sklearn' },
    },
  },
  XGBOOST_SERVER: {
    protocols: {
      seldon: { image: 'seldonio/xgboostserver', defaultImageVersion: '1.18.2' },
      v2: { image: 'seldonio/mlserver', defaultImageVersion: '1.3.5-xgboost' },
    },
  },
  MLFLOW_SERVER: {
    protocols: {
      seldon: { image: 'seldonio/mlflowserver', defaultImageVersion: '1.18.2' },
      v2: { image: 'seldonio/mlserver', defaultImageVersion: '1.3.5-mlflow' },
    },
  },
  TRITON_SERVER: {
    protocols: { v2: { image: 'nvcr.io/nvidia/tritonserver', defaultImageVersion: '21.08-py3' } },
  },
  HUGGINGFACE_SERVER: {
    protocols: { v2: { image: 'seldonio/mlserver', defaultImageVersion: '1.3.5-huggingface' } },
  },
  TEMPO_SERVER: {
    protocols: { v2: { image: 'seldonio/mlserver', defaultImageVersion: '1.3.5-slim' } },
  },
  // seldon-ts's own (no Python): ONNX Runtime behind the TypeScript model wrapper. Its XGBoost
  // server (seldon-ts/xgboost-server) is chosen by configuration only, so that existing
  // XGBOOST_SERVER deployments keep the reference's image (docs/model-servers.md).
  ONNX_SERVER: {
    protocols: { seldon: { image: 'seldon-ts/onnx-server', defaultImageVersion: '0.1.0' } },
  },
};

/** The image of seldon-ts's TypeScript XGBoost server, for `predictor_servers.XGBOOST_SERVER`. */
export const SELDON_TS_XGBOOST_SERVER_IMAGE = 'seldon-ts/xgboost-server:0.1.0';

const builtins: ReadonlySet<string> = new Set(BUILTIN_IMPLEMENTATIONS);

/** True when a node is served by a prepackaged server: any non-empty, non-built-in implementation. */
export function isPrepackaged(node: Pick<PredictiveUnit, 'implementation'>): boolean {
  const impl = node.implementation;
  return typeof impl === 'string' && impl.length > 0 && !builtins.has(impl);
}

/**
 * Image of a prepackaged server for a protocol: `""`/absent protocol means `seldon`; `v2` and
 * `kfserving` stand in for each other. Returns `undefined` when the config has no entry.
 */
export function prepackagedImage(
  implementation: string,
  protocol: string | undefined,
  servers: PredictorServersConfig = DEFAULT_PREDICTOR_SERVERS,
): string | undefined {
  const server = Object.hasOwn(servers, implementation) ? servers[implementation] : undefined;
  if (!server?.protocols) return undefined;
  const wanted = protocol ? protocol : 'seldon';
  const fallback = wanted === 'v2' ? 'kfserving' : wanted === 'kfserving' ? 'v2' : undefined;
  const entry =
    (Object.hasOwn(server.protocols, wanted) ? server.protocols[wanted] : undefined) ??
    (fallback && Object.hasOwn(server.protocols, fallback) ? server.protocols[fallback] : undefined);
  if (!entry?.image) return undefined;
  return entry.defaultImageVersion ? `${entry.image}:${entry.defaultImageVersion}` : entry.image;
}
