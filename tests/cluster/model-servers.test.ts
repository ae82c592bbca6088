// Reusable model servers without Python, in pods: `implementation: ONNX_SERVER` (the default
// predictor_servers entry) and XGBOOST_SERVER switched to seldon-ts's TypeScript server by the
// seldon-config ConfigMap, each with a modelUri in an S3 bucket fetched by seldon-ts's storage
// initializer (also chosen in seldon-config) with the credentials of the node's envSecretRefName.
// The bucket is s3rver on this machine, reached from the pods at the node's address.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import {
  getJson,
  kubectl,
  kubectlRaw,
  podsOf,
  sleep,
  waitAvailable,
  waitFor,
  withDiagnostics,
} from './support/kube.js';
import { predict } from './support/clients.js';

const NS = 'seldon-e2e-servers';
const repo = fileURLToPath(new URL('../../', import.meta.url));
const IRIS = { data: { ndarray: [[5.1, 3.5, 1.4, 0.2]] } };
const inNamespace =
  <T>(body: () => Promise<T>) =>
  () =>
    withDiagnostics([NS, 'seldon-system'], body);

let s3: S3rver;
let s3Dir: string;
let originalConfig: Record<string, string>;

const clusterIp = (svc: string): string =>
  getJson<{ spec: { clusterIP: string } }>(['-n', NS, 'get', 'svc', svc]).spec.clusterIP;

/** The node's InternalIP: where pods reach servers listening on this machine. */
function nodeAddress(): string {
  const nodes = getJson<{ items: { status: { addresses: { type: string; address: string }[] } }[] }>([
    'get',
    'nodes',
  ]).items;
  return nodes[0]!.status.addresses.find((a) => a.type === 'InternalIP')!.address;
}

/** `kubectl patch` of the operator's seldon-config data (the operator applies it without a restart). */
function patchSeldonConfig(data: Record<string, string>): void {
  kubectl([
    '-n',
    'seldon-system',
    'patch',
    'cm',
    'seldon-config',
    '--type',
    'merge',
    '-p',
    JSON.stringify({ data }),
  ]);
}

/** A SeldonDeployment of one prepackaged node reading `s3://models/<prefix>`. */
function sdep(name: string, implementation: string, prefix: string, parameters: unknown[]): string {
  return JSON.stringify({
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    metadata: { name },
    spec: {
      predictors: [
        {
          name: 'default',
          replicas: 1,
          graph: {
            name: 'classifier',
            type: 'MODEL',
            implementation,
            modelUri: `s3://models/${prefix}`,
            envSecretRefName: 's3-credentials',
            parameters,
          },
        },
      ],
    },
  });
}

beforeAll(async () => {
  kubectlRaw(['delete', 'namespace', NS, '--wait=true', '--timeout=120s']);
  kubectl(['create', 'namespace', NS]);
  s3Dir = mkdtempSync(join(tmpdir(), 'cluster-s3-'));
  s3 = new S3rver({ port: 0, address: '0.0.0.0', silent: true, directory: s3Dir });
  const { port } = (await s3.run()) as { port: number };
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await client.send(new CreateBucketCommand({ Bucket: 'models' }));
  for (const [key, file] of [
    ['onnx-iris/model.onnx', 'examples/onnx-iris/model/model.onnx'],
    ['xgboost-iris/model.json', 'examples/xgboost-iris/model/model.json'],
  ] as const) {
    await client.send(
      new PutObjectCommand({ Bucket: 'models', Key: key, Body: readFileSync(`${repo}${file}`) }),
    );
  }
  client.destroy();
  kubectl(
    ['-n', NS, 'apply', '-f', '-'],
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's3-credentials' },
      stringData: {
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        S3_ENDPOINT: `${nodeAddress()}:${port}`,
        S3_USE_HTTPS: '0',
        AWS_REGION: 'us-east-1',
      },
    }),
  );
  // seldon-config: seldon-ts's storage initializer and XGBoost server (ONNX_SERVER is seldon-ts's by default).
  originalConfig = getJson<{ data: Record<string, string> }>([
    '-n',
    'seldon-system',
    'get',
    'cm',
    'seldon-config',
  ]).data;
  const servers = JSON.parse(originalConfig.predictor_servers!) as Record<
    string,
    { protocols: Record<string, unknown> }
  >;
  servers.XGBOOST_SERVER!.protocols.seldon = {
    image: 'seldon-ts/xgboost-server',
    defaultImageVersion: '0.1.0',
  };
  const initializer = {
    ...JSON.parse(originalConfig.storageInitializer!),
    image: 'seldon-ts/storage-initializer:0.1.0',
  };
  patchSeldonConfig({
    predictor_servers: JSON.stringify(servers),
    storageInitializer: JSON.stringify(initializer),
  });
  await sleep(3000); // the operator's ConfigMap informer takes the change
}, 180_000);

afterAll(async () => {
  if (originalConfig) patchSeldonConfig(originalConfig);
  kubectlRaw(['delete', 'namespace', NS, '--wait=false']);
  await s3?.close();
  if (s3Dir) rmSync(s3Dir, { recursive: true, force: true });
});

/** Applies, waits until Available (retrying while the operator has not yet read the patched config), predicts, removes. */
async function serve(name: string, implementation: string, prefix: string, parameters: unknown[] = []) {
  kubectl(['-n', NS, 'apply', '-f', '-'], sdep(name, implementation, prefix, parameters));
  const [pod] = await waitAvailable(NS, name);
  const answer = await predict(`http://${clusterIp(`${name}-default`)}:8000`, IRIS);
  return { pod: pod!, answer };
}

async function remove(name: string): Promise<void> {
  kubectl(['-n', NS, 'delete', 'sdep', name]);
  await waitFor(`the pods of ${name} gone`, () => podsOf(NS, name).length === 0);
}

describe('prepackaged servers from an S3 bucket', () => {
  test(
    'ONNX_SERVER: the storage initializer fetches model.onnx, ONNX Runtime answers the iris probabilities',
    inNamespace(async () => {
      const { pod, answer } = await serve('onnx-iris', 'ONNX_SERVER', 'onnx-iris', [
        { name: 'output', type: 'STRING', value: 'probabilities' },
      ]);
      const spec = pod.spec as unknown as {
        initContainers: { name: string; image: string; args: string[] }[];
        containers: { name: string; image: string }[];
      };
      expect(spec.initContainers.map((c) => [c.image, c.args])).toEqual([
        ['seldon-ts/storage-initializer:0.1.0', ['s3://models/onnx-iris', '/mnt/models']],
      ]);
      expect(spec.containers.find((c) => c.name === 'classifier')!.image).toBe('seldon-ts/onnx-server:0.1.0');
      const data = answer.data as { names: string[]; ndarray: number[][] };
      expect(data.names).toEqual(['probabilities:0', 'probabilities:1', 'probabilities:2']);
      expect(data.ndarray[0]![0]).toBeGreaterThan(0.9); // setosa
      await remove('onnx-iris');
    }),
  );

  test(
    'XGBOOST_SERVER switched to the TypeScript server by seldon-config answers like xgboost',
    inNamespace(async () => {
      const { pod, answer } = await serve('xgboost-iris', 'XGBOOST_SERVER', 'xgboost-iris');
      const containers = (pod.spec as unknown as { containers: { name: string; image: string }[] })
        .containers;
      expect(containers.find((c) => c.name === 'classifier')!.image).toBe('seldon-ts/xgboost-server:0.1.0');
      const [row] = (answer.data as { ndarray: number[][] }).ndarray;
      expect(row).toHaveLength(3);
      expect(row!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(row!.indexOf(Math.max(...row!))).toBe(0);
      await remove('xgboost-iris');
    }),
  );
});
