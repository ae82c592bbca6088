// The `seldon-config` ConfigMap (07 §1.1): prepackaged server images, storage initializer, explainer
// images and download-credential key names, with seldon-core 1.18.2's defaults.
import { DEFAULT_PREDICTOR_SERVERS, type PredictorServersConfig } from '@seldon-ts/crd-types';
import { OperatorError } from './errors.js';

/** One prepackaged server's image per protocol (`seldon-config` key `predictor_servers`). */
export type PredictorServerConfig = PredictorServersConfig[string];

/** The parsed `seldon-config` ConfigMap (07 §1.1). */
export interface SeldonConfig {
  predictorServers: Record<string, PredictorServerConfig>;
  storageInitializer: {
    image: string;
    cpuRequest: string;
    cpuLimit: string;
    memoryRequest: string;
    memoryLimit: string;
  };
  explainer: { image: string; image_v2: string };
  credentials: {
    gcs: { gcsCredentialFileName: string };
    s3: {
      s3AccessKeyIDName: string;
      s3SecretAccessKeyName: string;
      s3Endpoint?: string;
      s3UseHttps?: string;
    };
  };
}

/** The defaults of seldon-core 1.18.2's `seldon-config`. */
export const DEFAULT_SELDON_CONFIG: SeldonConfig = {
  predictorServers: DEFAULT_PREDICTOR_SERVERS,
  storageInitializer: {
    image: 'seldonio/rclone-storage-initializer:1.18.2',
    cpuRequest: '100m',
    cpuLimit: '1',
    memoryRequest: '100Mi',
    memoryLimit: '1Gi',
  },
  explainer: { image: 'seldonio/alibiexplainer:1.18.2', image_v2: 'seldonio/mlserver:1.3.5-alibi-explain' },
  credentials: {
    gcs: { gcsCredentialFileName: 'gcloud-application-credentials.json' },
    s3: { s3AccessKeyIDName: 'awsAccessKeyID', s3SecretAccessKeyName: 'awsSecretAccessKey' },
  },
};

const QUANTITY = /^([+-]?[0-9.]+)([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$/;

/**
 * Parses the `data` of the `seldon-config` ConfigMap. Missing keys keep their defaults; a value that
 * is not the expected JSON is an SC_ERR_OPERATOR_SELDON_CONFIG error naming the key (the reference
 * panics instead).
 */
export function parseSeldonConfig(data: Record<string, string> | undefined): SeldonConfig {
  const out: SeldonConfig = structuredClone(DEFAULT_SELDON_CONFIG);
  if (!data) return out;
  const servers = jsonObject(data, 'predictor_servers');
  if (servers) out.predictorServers = predictorServers(servers);
  const si = jsonObject(data, 'storageInitializer');
  if (si) out.storageInitializer = storageInitializer(out.storageInitializer, si);
  const ex = jsonObject(data, 'explainer');
  if (ex) out.explainer = { ...out.explainer, ...(ex as Partial<SeldonConfig['explainer']>) };
  const cr = jsonObject(data, 'credentials');
  if (cr) {
    const c = cr as Partial<SeldonConfig['credentials']>;
    out.credentials = { gcs: { ...out.credentials.gcs, ...c.gcs }, s3: { ...out.credentials.s3, ...c.s3 } };
  }
  return out;
}

function configError(message: string): OperatorError {
  return new OperatorError('SC_ERR_OPERATOR_SELDON_CONFIG', message);
}

/** The JSON object under `key`; undefined when the key is absent or blank. */
function jsonObject(data: Record<string, string>, key: string): Record<string, unknown> | undefined {
  const raw = data[key];
  if (raw === undefined || raw.trim() === '') return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (err) {
    throw configError(`seldon-config key "${key}" is not valid JSON: ${(err as Error).message}`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw configError(`seldon-config key "${key}" must be a JSON object`);
  return v as Record<string, unknown>;
}

/** `predictor_servers`: every server needs `protocols`, every protocol an `image` string. */
function predictorServers(servers: Record<string, unknown>): Record<string, PredictorServerConfig> {
  for (const [impl, entry] of Object.entries(servers)) {
    const protocols = (entry as { protocols?: unknown })?.protocols;
    if (!protocols || typeof protocols !== 'object')
      throw configError(`seldon-config predictor_servers.${impl}.protocols must be an object`);
    for (const [proto, p] of Object.entries(protocols as Record<string, unknown>)) {
      if (!p || typeof (p as { image?: unknown }).image !== 'string')
        throw configError(
          `seldon-config predictor_servers.${impl}.protocols.${proto}.image must be a string`,
        );
    }
  }
  return servers as Record<string, PredictorServerConfig>;
}

/** `storageInitializer` over the defaults; its requests and limits must be Kubernetes quantities. */
function storageInitializer(
  defaults: SeldonConfig['storageInitializer'],
  si: Record<string, unknown>,
): SeldonConfig['storageInitializer'] {
  const out = { ...defaults, ...(si as Partial<SeldonConfig['storageInitializer']>) };
  for (const k of ['cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit'] as const) {
    if (!QUANTITY.test(String(out[k])))
      throw configError(`seldon-config storageInitializer.${k} "${out[k]}" is not a Kubernetes quantity`);
  }
  return out;
}
