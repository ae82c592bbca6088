// 07 §5: the storage initializer, an init container that downloads a `modelUri` into an emptyDir the
// model container mounts at /mnt/models, with the download credentials of the model's ServiceAccount.
import type { Container, PodSpec } from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../../config.js';
import type { CredentialSecret } from './cluster-facts.js';
import type { BuildConfig } from './context.js';
import { truncateName } from './names.js';

/** Where the model container finds the downloaded model. */
export const MODELS_PATH = '/mnt/models';

const PVC_VOLUME = 'kfserving-pvc-source';
const PVC_PATH = '/mnt/pvc';

/** Who downloads: the node's (or explainer's) own settings. */
export interface ModelSource {
  storageInitializerImage?: string;
  envSecretRefName?: string;
  serviceAccountName?: string;
}

/**
 * Adds the init container downloading `modelUri` to `pod` and mounts the result read-only at
 * /mnt/models in `container`. `pvc://claim/path` mounts the claim instead of downloading.
 * Credentials: `envFrom` the node's env Secret, plus S3/GCS settings from the Secrets of the
 * service account (node's, else the pod's, else `default`) when the caller looked them up.
 */
export function injectStorageInitializer(
  pod: PodSpec,
  container: Container,
  modelUri: string,
  source: ModelSource,
  config: BuildConfig,
): void {
  const initName = truncateName(`${container.name}-model-initializer`);
  const volumeName = truncateName(`${container.name}-provision-location`);
  const inits = (pod.initContainers ??= []);
  if (inits.some((c) => c.name === initName)) return;
  const { src, mounts: pvcMounts } = pvcSource(pod, modelUri);
  const volumes = (pod.volumes ??= []);
  if (!volumes.some((v) => v.name === volumeName)) volumes.push({ name: volumeName, emptyDir: {} });
  const init = initContainer(initName, volumeName, src, pvcMounts, source, config);
  const secret = source.envSecretRefName || config.defaultEnvSecretRefName;
  if (secret) init.envFrom = [{ secretRef: { name: secret } }];
  const sa = source.serviceAccountName || pod.serviceAccountName || 'default';
  const secrets = config.serviceAccountSecrets?.[sa];
  if (secrets) applyCredentials(pod, init, secrets, config);
  inits.push(init);
  const mounts = (container.volumeMounts ??= []);
  if (!mounts.some((m) => m.name === volumeName))
    mounts.push({ name: volumeName, mountPath: MODELS_PATH, readOnly: true });
  for (const m of pvcMounts) if (!mounts.some((x) => x.name === m.name)) mounts.push(m);
}

/** `pvc://claim/path`: the claim as a pod volume and the path inside it; other URIs are downloaded as they are. */
function pvcSource(
  pod: PodSpec,
  modelUri: string,
): { src: string; mounts: { name: string; mountPath: string; readOnly: boolean }[] } {
  const pvc = /^pvc:\/\/([^/]+)\/?(.*)$/.exec(modelUri);
  if (!pvc) return { src: modelUri, mounts: [] };
  const volumes = (pod.volumes ??= []);
  if (!volumes.some((v) => v.name === PVC_VOLUME)) {
    volumes.push({ name: PVC_VOLUME, persistentVolumeClaim: { claimName: pvc[1], readOnly: false } });
  }
  return {
    src: `${PVC_PATH}/${pvc[2]}`,
    mounts: [{ name: PVC_VOLUME, mountPath: PVC_PATH, readOnly: true }],
  };
}

function initContainer(
  name: string,
  volumeName: string,
  src: string,
  pvcMounts: { name: string; mountPath: string; readOnly: boolean }[],
  source: ModelSource,
  config: OperatorConfig,
): Container {
  const si = config.seldonConfig.storageInitializer;
  return {
    name,
    image:
      source.storageInitializerImage ||
      config.relatedImages.storageInitializer ||
      si.image ||
      'docker.io/seldonio/rclone-storage-initializer:latest',
    imagePullPolicy: 'IfNotPresent',
    args: [src, MODELS_PATH],
    volumeMounts: [{ name: volumeName, mountPath: MODELS_PATH }, ...pvcMounts],
    resources: {
      requests: { cpu: si.cpuRequest, memory: si.memoryRequest },
      limits: { cpu: si.cpuLimit, memory: si.memoryLimit },
    },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
}

/** 07 §5: S3 env (secretKeyRefs + endpoint settings) and GCS key-file volume for the initializer. */
function applyCredentials(
  pod: PodSpec,
  init: Container,
  secrets: CredentialSecret[],
  config: OperatorConfig,
): void {
  const { s3, gcs } = config.seldonConfig.credentials;
  // The list exists even when no Secret matches (as it always has: the objects' hashes depend on it).
  init.env ??= [];
  for (const secret of secrets) {
    if (secret.keys.includes(s3.s3SecretAccessKeyName)) applyS3Credentials(init, secret, config);
    else if (secret.keys.includes(gcs.gcsCredentialFileName)) {
      const volumes = (pod.volumes ??= []);
      if (!volumes.some((v) => v.name === 'user-gcp-sa'))
        volumes.push({ name: 'user-gcp-sa', secret: { secretName: secret.name } });
      (init.volumeMounts ??= []).push({ name: 'user-gcp-sa', mountPath: '/var/secrets/', readOnly: true });
      addEnvIfAbsent(init, 'GOOGLE_APPLICATION_CREDENTIALS', `/var/secrets/${gcs.gcsCredentialFileName}`);
    }
  }
}

function applyS3Credentials(init: Container, secret: CredentialSecret, config: OperatorConfig): void {
  const { s3 } = config.seldonConfig.credentials;
  addEnvIfAbsent(init, 'AWS_ACCESS_KEY_ID', {
    secretKeyRef: { name: secret.name, key: s3.s3AccessKeyIDName },
  });
  addEnvIfAbsent(init, 'AWS_SECRET_ACCESS_KEY', {
    secretKeyRef: { name: secret.name, key: s3.s3SecretAccessKeyName },
  });
  const ann = (k: string) =>
    secret.annotations[`machinelearning.seldon.io/${k}`] ?? secret.annotations[`serving.kubeflow.org/${k}`];
  const endpoint = ann('s3-endpoint') ?? s3.s3Endpoint;
  const useHttps = ann('s3-usehttps') ?? s3.s3UseHttps;
  if (endpoint) {
    addEnvIfAbsent(init, 'S3_ENDPOINT', endpoint);
    addEnvIfAbsent(init, 'AWS_ENDPOINT_URL', `${useHttps === '0' ? 'http' : 'https'}://${endpoint}`);
  }
  if (useHttps) addEnvIfAbsent(init, 'S3_USE_HTTPS', useHttps);
  const region = ann('s3-region');
  if (region) addEnvIfAbsent(init, 'AWS_REGION', region);
  const verify = ann('s3-verifyssl');
  if (verify) addEnvIfAbsent(init, 'S3_VERIFY_SSL', verify);
}

/** A literal value or a `valueFrom` source, unless the variable is already there. */
function addEnvIfAbsent(c: Container, name: string, value: Record<string, unknown> | string): void {
  const env = (c.env ??= []);
  if (env.some((e) => e.name === name)) return;
  env.push(typeof value === 'string' ? { name, value } : { name, valueFrom: value });
}
