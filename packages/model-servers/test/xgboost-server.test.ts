// XGBoostServer served by the model wrapper on real sockets (127.0.0.1, port 0), answers
// compared with xgboost's Booster.predict on the same rows.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createComponentRuntime, startMicroservice, type Microservice } from '@seldon-ts/model-wrapper';
import { XGBoostServer } from '../src/xgboost/index.js';
import { findXgboostPython, makeModels, maxRelativeError, type ModelCase } from './xgboost/python.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const exampleModel = path.resolve(here, '../../../examples/xgboost-iris/model/model.json');
const python = findXgboostPython();
const d = python === undefined && !process.env.CI ? describe.skip : describe;
if (python === undefined)
  console.warn(
    'xgboost-server: no python3 with xgboost and sklearn (scripts/setup-test-deps.sh installs them)',
  );

interface SeldonAnswer {
  data?: { names?: string[]; ndarray?: unknown };
  status?: { status: number; info: string; code: number; reason: string };
}

async function post(svc: Microservice, body: unknown): Promise<{ status: number; json: SeldonAnswer }> {
  const res = await fetch(`http://127.0.0.1:${svc.httpPort}/api/v1.0/predictions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as SeldonAnswer };
}

function serve(modelUri: string): Promise<Microservice> {
  return startMicroservice(XGBoostServer, {
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: null,
    metricsPort: null,
    parameters: { model_uri: modelUri },
    env: {},
  });
}

d('XGBoostServer in the model wrapper', () => {
  let dir: string;
  const cases = new Map<string, ModelCase>();
  let iris: Microservice;

  beforeAll(async () => {
    if (python === undefined) throw new Error('CI: python3 with xgboost and sklearn is required');
    dir = await mkdtemp(path.join(os.tmpdir(), 'xgb-server-'));
    const made = await makeModels(python, dir, path.join(here, 'xgboost/server_models.py'), [exampleModel]);
    for (const c of made.cases) cases.set(c.name, c);
    iris = await serve(cases.get('iris')!.dir);
  }, 120_000);

  afterAll(async () => {
    await iris?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('answers the reference model.bst (JSON content) with Booster.predict probabilities, 2-D', async () => {
    const c = cases.get('iris')!;
    const { status, json } = await post(iris, { data: { ndarray: c.rows } });
    expect(status).toBe(200);
    expect(json.data?.names).toEqual(['t:0', 't:1', 't:2']);
    const rows = json.data?.ndarray as number[][];
    expect([rows.length, rows[0].length]).toEqual(c.shape);
    expect(maxRelativeError(rows.flat(), c.expected)).toBeLessThanOrEqual(1e-6);
  });

  it('answers a tensor request with a tensor of the same values', async () => {
    const c = cases.get('iris')!;
    const { status, json } = await post(iris, { data: { tensor: { shape: [1, 4], values: c.rows[0] } } });
    expect(status).toBe(200);
    const tensor = (json.data as { tensor?: { shape: number[]; values: number[] } }).tensor!;
    expect(tensor.shape).toEqual([1, 3]);
    expect(maxRelativeError(tensor.values, c.expected.slice(0, 3))).toBeLessThanOrEqual(1e-6);
  });

  it('refuses a wrong feature count with 400 naming the expected count', async () => {
    const { status, json } = await post(iris, { data: { ndarray: [[5.1, 3.5, 1.4]] } });
    expect(status).toBe(400);
    expect(json.status).toMatchObject({ status: 1, code: -1, reason: 'MICROSERVICE_BAD_DATA' });
    expect(json.status?.info).toBe(
      'SC_ERR_XGBOOST_FEATURE_COUNT: the model expects 4 features per row, got 3',
    );
  });

  it('refuses a 1-D array and non-numeric data with 400', async () => {
    const flat = await post(iris, { data: { ndarray: [5.1, 3.5, 1.4, 0.2] } });
    expect(flat.status).toBe(400);
    expect(flat.json.status?.info).toContain('expected a 2-D array [rows, 4], got shape [4]');
    const text = await post(iris, { strData: 'hello' });
    expect(text.status).toBe(400);
    expect(text.json.status?.info).toContain('SC_ERR_XGBOOST_BAD_INPUT');
  });

  it('describes the model in /metadata', async () => {
    const res = await fetch(`http://127.0.0.1:${iris.httpPort}/metadata`);
    expect(res.status).toBe(200);
    const meta = (await res.json()) as Record<string, unknown>;
    expect(meta).toMatchObject({
      platform: 'xgboost',
      inputs: [{ messagetype: 'tensor', schema: { shape: [4] } }],
      outputs: [{ messagetype: 'tensor', schema: { shape: [3] } }],
      custom: { objective: 'multi:softprob', booster: 'gbtree', num_trees: '12', num_features: '4' },
    });
  });

  it('binary:logistic answers 1-D probabilities; NaN features take the default branch', async () => {
    const c = cases.get('binary')!;
    expect(c.rows.flat().some((v) => v === null)).toBe(true);
    const rt = createComponentRuntime(XGBoostServer, { parameters: { model_uri: c.dir } });
    await rt.load();
    const rows = c.rows.map((r) => r.map((v) => (v === null ? Number.NaN : v)));
    const answer = (await rt.predict({ data: { ndarray: rows } })) as { data: { ndarray: number[] } };
    expect(answer.data.ndarray).toHaveLength(c.shape[0]);
    expect(maxRelativeError(answer.data.ndarray, c.expected)).toBeLessThanOrEqual(1e-6);
  });

  it('loads on first predict when load() was not called, as the reference does', async () => {
    const c = cases.get('binary')!;
    const server = new XGBoostServer({ model_uri: `file://${c.dir}` });
    expect(server.booster).toBeUndefined();
    const rows = Float64Array.from(c.rows[0], (v) => (v === null ? Number.NaN : v));
    const { NdArray } = await import('@seldon-ts/model-wrapper');
    const out = await server.predict(new NdArray(rows, [1, 4]));
    expect(out.shape).toEqual([1]);
    expect(Math.abs((out.values[0] as number) - c.expected[0])).toBeLessThanOrEqual(1e-6);
  });

  it('the `missing` parameter marks a value as missing besides NaN', async () => {
    const c = cases.get('binary')!;
    const server = new XGBoostServer({ model_uri: c.dir, missing: -1 });
    await server.load();
    const { NdArray } = await import('@seldon-ts/model-wrapper');
    const withNaN = Float64Array.from(c.rows.flat(), (v) => (v === null ? Number.NaN : v));
    const withMinusOne = Float64Array.from(c.rows.flat(), (v) => (v === null ? -1 : v));
    const shape = [c.rows.length, 4];
    const a = await server.predict(new NdArray(withNaN, shape));
    const b = await server.predict(new NdArray(withMinusOne, shape));
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
  });

  it('refuses remote URIs, missing folders and folders without a model at load()', async () => {
    await expect(
      new XGBoostServer({ model_uri: 'gs://seldon-models/xgboost/iris' }).load(),
    ).rejects.toMatchObject({
      code: 'SC_ERR_XGBOOST_BAD_URI',
      message: expect.stringContaining('/mnt/models'),
    });
    await expect(new XGBoostServer({ model_uri: path.join(dir, 'nowhere') }).load()).rejects.toMatchObject({
      code: 'SC_ERR_XGBOOST_MODEL_NOT_FOUND',
    });
    await mkdir(path.join(dir, 'empty'));
    await expect(new XGBoostServer({ model_uri: path.join(dir, 'empty') }).load()).rejects.toMatchObject({
      code: 'SC_ERR_XGBOOST_MODEL_NOT_FOUND',
      message: expect.stringContaining('model.json, model.ubj, model.bst'),
    });
    expect(() => new XGBoostServer({})).toThrow(expect.objectContaining({ code: 'SC_ERR_XGBOOST_BAD_URI' }));
    expect(() => new XGBoostServer({ model_uri: dir, missing: 'x' })).toThrow(
      expect.objectContaining({ code: 'SC_ERR_XGBOOST_BAD_PARAMETER' }),
    );
  });

  it('refuses a model over max_model_bytes', async () => {
    await expect(
      new XGBoostServer({ model_uri: cases.get('iris')!.dir, max_model_bytes: 100 }).load(),
    ).rejects.toMatchObject({ code: 'SC_ERR_XGBOOST_MODEL_TOO_LARGE' });
  });

  it('serves the shipped example model (file://./model relative to baseDir)', async () => {
    const server = new XGBoostServer(
      { model_uri: 'file://./model' },
      { baseDir: path.dirname(path.dirname(exampleModel)) },
    );
    await server.load();
    expect(server.booster?.info).toMatchObject({ objective: 'multi:softprob', numFeature: 4, numTrees: 12 });
  });
});
