/**
 * @jest-environment ./test/onnx/environment.mjs
 */
// The ONNX server through the real model wrapper (REST and gRPC on port 0), against test models
// built by python3-onnx in beforeAll and numpy's answers for them.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { startMicroservice, type Microservice } from '@seldon-ts/model-wrapper';
import type { SeldonMessage, V2InferenceResponse } from '@seldon-ts/payload';
import { ModelServerError } from '../src/errors.js';
import { OnnxServer, ONNX_PLATFORM } from '../src/onnx/index.js';
import {
  buildModels,
  expectClose,
  findPython,
  getJson,
  grpcPredict,
  IRIS_EXAMPLE_MODEL,
  infoOf,
  post,
  type IrisExpect,
  type ModelsExpect,
} from './onnx/fixtures.js';

const python = findPython();
// No silent skip: without python3-onnx the suite fails in CI (scripts/setup-test-deps.sh installs it).
const d = python !== undefined || process.env.CI ? describe : describe.skip;
if (python === undefined && !process.env.CI)
  console.warn(
    'onnx-server tests skipped: no python3 with onnx, numpy and sklearn (apt-get install python3-onnx python3-sklearn)',
  );

const SERVE = { httpPort: 0, grpcPort: 0, metricsPort: null, host: '127.0.0.1', env: {} } as const;

d('ONNX server', () => {
  let models: ReturnType<typeof buildModels>;
  let iris: IrisExpect;
  let expected: ModelsExpect;
  const services: Record<string, Microservice> = {};
  const port = (name: string): number => services[name].httpPort;
  const serve = async (name: string, parameters: Record<string, string | number>): Promise<void> => {
    services[name] = await startMicroservice(OnnxServer, { ...SERVE, parameters });
  };

  beforeAll(async () => {
    if (python === undefined)
      throw new Error('python3 with onnx, numpy and sklearn is required (scripts/setup-test-deps.sh)');
    models = buildModels(python);
    iris = models.iris;
    expected = models.models;
    const m = (f: string): string => join(models.dir, f);
    await serve('iris', { model_uri: m('iris') });
    await serve('irisProba', {
      model_uri: `file://${m('iris')}`,
      output: 'probabilities',
      intra_op_threads: 2,
    });
    await serve('two', { model_uri: m('two-inputs.onnx') });
    await serve('dynamic', { model_uri: m('dynamic.onnx') });
    await serve('types', { model_uri: m('types.onnx') });
    await serve('zipmap', { model_uri: m('zipmap.onnx') });
    const passthrough = new OnnxServer({ model_uri: m('iris') }, { env: { PAYLOAD_PASSTHROUGH: 'true' } });
    services.passthrough = await startMicroservice(passthrough, { ...SERVE, payloadPassthrough: true });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.close()));
    models?.cleanup();
  });

  describe('iris classifier (label, probabilities)', () => {
    it('answers data.ndarray with the first output (label) over REST', async () => {
      const { status, json } = await post(port('iris'), { data: { ndarray: iris.float_input } });
      expect(status).toBe(200);
      expect((json as SeldonMessage).data).toEqual({ names: [], ndarray: iris.label });
    });

    it('answers data.tensor with the chosen output (probabilities) as a tensor named per column', async () => {
      const values = iris.float_input.flat();
      const { status, json } = await post(port('irisProba'), {
        data: { tensor: { shape: [iris.float_input.length, 4], values } },
        meta: { puid: 'p1', tags: { a: 1 } },
      });
      expect(status).toBe(200);
      const msg = json as SeldonMessage;
      expect(msg.data?.names).toEqual(['probabilities:0', 'probabilities:1', 'probabilities:2']);
      expect(msg.data?.tensor?.shape).toEqual([iris.float_input.length, 3]);
      expectClose(msg.data?.tensor?.values, iris.probabilities);
      expect(msg.meta).toMatchObject({ puid: 'p1', tags: { a: 1 } });
    });

    it('answers over gRPC Model/Predict', async () => {
      const out = await grpcPredict(services.irisProba.grpcPort, { data: { ndarray: iris.float_input } });
      expectClose(out.data?.ndarray, iris.probabilities);
      const label = await grpcPredict(services.iris.grpcPort, { data: { ndarray: iris.float_input } });
      expect(label.data?.ndarray).toEqual(iris.label);
    });

    it('answers a tftensor with the output dtype', async () => {
      const { json } = await post(port('irisProba'), {
        data: {
          tftensor: {
            dtype: 'DT_FLOAT',
            tensorShape: { dim: [{ size: '1' }, { size: '4' }] },
            floatVal: iris.float_input[0],
          },
        },
      });
      const tf = (json as SeldonMessage).data?.tftensor;
      expect(tf?.dtype).toBe('DT_FLOAT');
      expect(tf?.tensorShape?.dim?.map((x) => Number(x.size))).toEqual([1, 3]);
    });

    it('answers jsonData {input: array} with every output by name', async () => {
      const { status, json } = await post(port('iris'), { jsonData: { float_input: iris.float_input } });
      expect(status).toBe(200);
      const out = (json as SeldonMessage).jsonData as Record<string, unknown>;
      expect(Object.keys(out)).toEqual(['label', 'probabilities']);
      expect(out.label).toEqual(iris.label);
      expectClose(out.probabilities, iris.probabilities);
    });

    it('answers a v2 request in jsonData with v2 outputs (all, or those asked for)', async () => {
      const request = {
        id: 'r-1',
        inputs: [
          {
            name: 'float_input',
            datatype: 'FP32',
            shape: [iris.float_input.length, 4],
            data: iris.float_input.flat(),
          },
        ],
      };
      const all = (await post(port('iris'), { jsonData: request })).json as SeldonMessage;
      const v2 = all.jsonData as unknown as V2InferenceResponse;
      expect(v2.id).toBe('r-1');
      expect(v2.model_name).toBe('model');
      expect(v2.outputs.map((o) => [o.name, o.datatype, o.shape])).toEqual([
        ['label', 'INT64', [iris.float_input.length]],
        ['probabilities', 'FP32', [iris.float_input.length, 3]],
      ]);
      expect(v2.outputs[0].data).toEqual(iris.label);
      expectClose(v2.outputs[1].data, iris.probabilities.flat());
      const some = (
        await post(port('iris'), { jsonData: { ...request, outputs: [{ name: 'probabilities' }] } })
      ).json as SeldonMessage;
      expect((some.jsonData as unknown as V2InferenceResponse).outputs.map((o) => o.name)).toEqual([
        'probabilities',
      ]);
    });

    it('describes its signature in /metadata', async () => {
      const meta = (await getJson(port('iris'), '/metadata')) as Record<string, unknown>;
      expect(meta).toMatchObject({
        platform: ONNX_PLATFORM,
        inputs: [{ name: 'float_input', datatype: 'FP32', shape: [-1, 4] }],
        outputs: [
          { name: 'label', datatype: 'INT64', shape: [-1] },
          { name: 'probabilities', datatype: 'FP32', shape: [-1, 3] },
        ],
        custom: { model_file: 'model.onnx', onnxruntime: expect.stringMatching(/^1\./) },
      });
    });

    it('the shipped example model gives the same answers as a fresh build', async () => {
      const server = new OnnxServer({ model_uri: IRIS_EXAMPLE_MODEL });
      await server.load();
      const out = (await server.predict({ float_input: iris.float_input })) as Record<string, unknown>;
      expect(out.label).toEqual(iris.label);
      expectClose(out.probabilities, iris.probabilities);
      await server.close();
    });
  });

  describe('requests that do not fit the signature are 400s naming the input', () => {
    it.each([
      [
        'a row of 3 features',
        { data: { ndarray: [[1, 2, 3]] } },
        'SC_ERR_ONNX_INPUT_SHAPE',
        /input "float_input" has shape \[1,3\] but the model expects \[N,4\]/,
      ],
      [
        'a 1-D array',
        { data: { ndarray: [1, 2, 3, 4] } },
        'SC_ERR_ONNX_INPUT_SHAPE',
        /has 1 dimension\(s\) \[4\] but the model expects 2: \[N,4\]/,
      ],
      [
        'strings',
        { data: { ndarray: [['a', 2, 3, 4]] } },
        'SC_ERR_ONNX_INPUT_DTYPE',
        /input "float_input" expects float32 \(FP32\) values but element 0 is a string \("a"\)/,
      ],
      [
        'a DT_DOUBLE tftensor',
        {
          data: {
            tftensor: {
              dtype: 'DT_DOUBLE',
              tensorShape: { dim: [{ size: '1' }, { size: '4' }] },
              doubleVal: [1, 2, 3, 4],
            },
          },
        },
        'SC_ERR_ONNX_INPUT_DTYPE',
        /sent as tftensor dtype DT_DOUBLE but the model expects float32/,
      ],
      [
        'a v2 FP64 input',
        {
          jsonData: {
            inputs: [{ name: 'float_input', datatype: 'FP64', shape: [1, 4], data: [1, 2, 3, 4] }],
          },
        },
        'SC_ERR_ONNX_INPUT_DTYPE',
        /input "float_input" was sent as v2 datatype FP64 but the model expects float32 \(v2 datatype FP32/,
      ],
      [
        'an unknown input',
        { jsonData: { petals: [[1, 2, 3, 4]] } },
        'SC_ERR_ONNX_UNKNOWN_TENSOR',
        /no input "petals" \(inputs: float_input\)/,
      ],
      [
        'an unknown v2 output',
        {
          jsonData: {
            inputs: [{ name: 'float_input', datatype: 'FP32', shape: [1, 4], data: [1, 2, 3, 4] }],
            outputs: [{ name: 'proba' }],
          },
        },
        'SC_ERR_ONNX_UNKNOWN_TENSOR',
        /no output "proba"/,
      ],
      ['strData', { strData: 'hello' }, 'SC_ERR_ONNX_BAD_REQUEST', /strData is not a model input/],
      ['a jsonData list', { jsonData: [1, 2] }, 'SC_ERR_ONNX_BAD_REQUEST', /jsonData must be an object/],
    ])('%s', async (_what, body, code, message) => {
      const { status, json } = await post(port('iris'), body);
      expect(status).toBe(400);
      expect(infoOf(json)).toMatch(new RegExp(`^${code}: `));
      expect(infoOf(json)).toMatch(message);
    });

    it('over gRPC the same error is INVALID_ARGUMENT with the message', async () => {
      const err = await grpcPredict(services.iris.grpcPort, { data: { ndarray: [[1, 2, 3]] } }).catch(
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
      expect((err as grpc.ServiceError).details).toMatch(
        /SC_ERR_ONNX_INPUT_SHAPE: input "float_input" has shape \[1,3\]/,
      );
    });
  });

  describe('two named inputs of different dtypes (fixed shapes)', () => {
    it('takes jsonData {name: array} and answers every output', async () => {
      const e = expected['two-inputs'];
      const { status, json } = await post(port('two'), {
        jsonData: { features: e.features, scale: e.scale },
      });
      expect(status).toBe(200);
      const out = (json as SeldonMessage).jsonData as Record<string, unknown>;
      expectClose(out.scaled, e.scaled);
      expect(out.doubled).toEqual(e.doubled);
    });

    it('takes a v2 request (over gRPC too, in jsonData)', async () => {
      const e = expected['two-inputs'];
      const msg = await grpcPredict(services.two.grpcPort, {
        jsonData: {
          inputs: [
            { name: 'scale', datatype: 'INT64', shape: [2, 1], data: e.scale.flat() },
            { name: 'features', datatype: 'FP32', shape: [2, 3], data: e.features },
          ],
        },
      });
      const v2 = msg.jsonData as unknown as V2InferenceResponse;
      expectClose(v2.outputs[0].data, e.scaled.flat());
      expect(v2.outputs[1]).toEqual({
        name: 'doubled',
        datatype: 'INT64',
        shape: [2, 1],
        data: e.doubled.flat(),
      });
    });

    it.each([
      [
        'data for a two-input model',
        { data: { ndarray: [[1, 2, 3]] } },
        /SC_ERR_ONNX_BAD_REQUEST: the model has 2 inputs \("features", "scale"\): send them by name/,
      ],
      [
        'a missing input',
        {
          jsonData: {
            features: [
              [1, 2, 3],
              [4, 5, 6],
            ],
          },
        },
        /SC_ERR_ONNX_MISSING_INPUT: missing input "scale" \(the model's inputs: features, scale\)/,
      ],
      [
        'a fractional integer',
        {
          jsonData: {
            features: [
              [1, 2, 3],
              [4, 5, 6],
            ],
            scale: [[1], [2.5]],
          },
        },
        /SC_ERR_ONNX_INPUT_DTYPE: input "scale" expects int64 \(INT64\) values but element 1 is a number \(2.5\): not an integer/,
      ],
      [
        'a batch of 3 for a fixed batch of 2',
        {
          jsonData: {
            features: [
              [1, 2, 3],
              [4, 5, 6],
              [7, 8, 9],
            ],
            scale: [[1], [2]],
          },
        },
        /SC_ERR_ONNX_INPUT_SHAPE: input "features" has shape \[3,3\] but the model expects \[2,3\] \(dimension 0 must be 2\)/,
      ],
    ])('refuses %s with 400', async (_what, body, message) => {
      const { status, json } = await post(port('two'), body);
      expect(status).toBe(400);
      expect(infoOf(json)).toMatch(message);
    });
  });

  describe('dynamic batch dimension', () => {
    it.each(['1', '3', '5'])('answers a batch of %s', async (n) => {
      const e = expected.dynamic[n];
      const { json } = await post(port('dynamic'), { data: { ndarray: e.x } });
      expectClose((json as SeldonMessage).data?.ndarray, e.y);
      expect((json as SeldonMessage).data?.names).toEqual(['y:0', 'y:1']);
    });

    it('takes float64 as FP64 and refuses a wrong fixed dimension', async () => {
      const { status, json } = await post(port('dynamic'), { data: { ndarray: [[1, 2, 3]] } });
      expect(status).toBe(400);
      expect(infoOf(json)).toMatch(
        /input "x" has shape \[1,3\] but the model expects \[-1,2\] \(dimension 1 must be 2\)/,
      );
      const meta = (await getJson(port('dynamic'), '/metadata')) as Record<string, unknown>;
      expect(meta.inputs).toEqual([{ name: 'x', datatype: 'FP64', shape: [-1, 2] }]);
    });
  });

  describe('string, bool and int32 tensors', () => {
    it('carries BYTES, BOOL and INT32 v2 tensors', async () => {
      const e = expected.types;
      const n = e.text.length;
      const { json } = await post(port('types'), {
        jsonData: {
          inputs: [
            { name: 'text', datatype: 'BYTES', shape: [n], data: e.text },
            { name: 'mask', datatype: 'BOOL', shape: [n], data: e.mask },
            { name: 'count', datatype: 'INT32', shape: [n], data: e.count },
          ],
        },
      });
      expect(((json as SeldonMessage).jsonData as unknown as V2InferenceResponse).outputs).toEqual([
        { name: 'text_out', datatype: 'BYTES', shape: [n], data: e.text },
        { name: 'mask_out', datatype: 'BOOL', shape: [n], data: e.mask_out },
        { name: 'count_out', datatype: 'INT32', shape: [n], data: e.count_out },
      ]);
    });

    it('takes JSON strings, booleans and integers by name, and refuses a value outside int32', async () => {
      const e = expected.types;
      const ok = await post(port('types'), { jsonData: { text: e.text, mask: e.mask, count: e.count } });
      expect((ok.json as SeldonMessage).jsonData).toEqual({
        text_out: e.text,
        mask_out: e.mask_out,
        count_out: e.count_out,
      });
      const bad = await post(port('types'), { jsonData: { text: ['a'], mask: [1], count: [1] } });
      expect(bad.status).toBe(400);
      expect(infoOf(bad.json)).toMatch(
        /input "mask" expects bool \(BOOL\) values but element 0 is a number \(1\)/,
      );
      const big = await post(port('types'), { jsonData: { text: ['a'], mask: [true], count: [2 ** 31] } });
      expect(infoOf(big.json)).toMatch(
        /input "count" expects int32 \(INT32\) values but element 0 is a number \(2147483648\): outside -2147483648..2147483647/,
      );
    });
  });

  describe('ZipMap (sequence of maps) outputs', () => {
    it('are left out: the tensor outputs are served, metadata names the skipped one', async () => {
      const e = expected.zipmap;
      const { json } = await post(port('zipmap'), { jsonData: { x: e.x } });
      const out = (json as SeldonMessage).jsonData as Record<string, unknown>;
      expect(Object.keys(out)).toEqual(['probabilities']);
      expectClose(out.probabilities, e.probabilities);
      const meta = (await getJson(port('zipmap'), '/metadata')) as {
        outputs: unknown[];
        custom: Record<string, string>;
      };
      expect(meta.outputs).toEqual([{ name: 'probabilities', datatype: 'FP32', shape: [-1, 3] }]);
      expect(meta.custom.skipped_outputs).toBe('output_probability');
    });

    it('asking for one in v2 is a 400 that says why', async () => {
      const { status, json } = await post(port('zipmap'), {
        jsonData: {
          inputs: [{ name: 'x', datatype: 'FP32', shape: [1, 3], data: [1, 2, 3] }],
          outputs: [{ name: 'output_probability' }],
        },
      });
      expect(status).toBe(400);
      expect(infoOf(json)).toMatch(
        /no output "output_probability" tensor \(it is a sequence or map, not served\)/,
      );
    });
  });

  describe('PAYLOAD_PASSTHROUGH: raw v2 bodies on /predict', () => {
    it('answers a raw v2 request with a raw v2 response', async () => {
      const { status, json } = await post(port('passthrough'), {
        inputs: [{ name: 'float_input', datatype: 'FP32', shape: [1, 4], data: iris.float_input[0] }],
      });
      expect(status).toBe(200);
      const v2 = json as V2InferenceResponse;
      expect(v2.outputs[0]).toEqual({ name: 'label', datatype: 'INT64', shape: [1], data: [iris.label[0]] });
      expectClose(v2.outputs[1].data, iris.probabilities[0]);
    });

    it('still answers SeldonMessages, on REST and gRPC, and 400s', async () => {
      const rest = await post(port('passthrough'), { data: { ndarray: iris.float_input } });
      expect((rest.json as SeldonMessage).data?.ndarray).toEqual(iris.label);
      const viaGrpc = await grpcPredict(services.passthrough.grpcPort, {
        data: { ndarray: iris.float_input },
      });
      expect(viaGrpc.data?.ndarray).toEqual(iris.label);
      const bad = await post(port('passthrough'), {
        inputs: [{ name: 'float_input', datatype: 'FP32', shape: [1, 3], data: [1, 2, 3] }],
      });
      expect(bad.status).toBe(400);
      expect(infoOf(bad.json)).toMatch(/SC_ERR_ONNX_INPUT_SHAPE/);
    });
  });

  describe('load and parameters', () => {
    const codeOf = async (p: Promise<unknown>): Promise<string> => {
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ModelServerError);
      return (err as ModelServerError).code;
    };

    it('finds the only *.onnx file of a folder, refuses several or none', async () => {
      const one = join(models.dir, 'one');
      mkdirSync(one);
      copyFileSync(join(models.dir, 'dynamic.onnx'), join(one, 'mine.onnx'));
      const server = new OnnxServer({ model_uri: one });
      await server.load();
      expect(server.modelFile).toBe(join(one, 'mine.onnx'));
      await server.close();
      copyFileSync(join(models.dir, 'dynamic.onnx'), join(one, 'other.onnx'));
      await expect(new OnnxServer({ model_uri: one }).load()).rejects.toThrow(
        /several \*\.onnx files \(mine\.onnx, other\.onnx\)/,
      );
      expect(await codeOf(new OnnxServer({ model_uri: join(models.dir, 'nowhere') }).load())).toBe(
        'SC_ERR_ONNX_MODEL_NOT_FOUND',
      );
    });

    it('refuses a file that is not ONNX, a remote URI, a bad thread count, an unknown output', async () => {
      const junk = join(models.dir, 'junk.onnx');
      writeFileSync(junk, 'not a model');
      expect(await codeOf(new OnnxServer({ model_uri: junk }).load())).toBe('SC_ERR_ONNX_BAD_MODEL');
      expect(await codeOf(new OnnxServer({ model_uri: 's3://bucket/iris' }).load())).toBe(
        'SC_ERR_ONNX_BAD_PARAMETER',
      );
      expect(() => new OnnxServer({ model_uri: junk, intra_op_threads: 0 })).toThrow(
        /intra_op_threads must be an integer >= 1, got 0/,
      );
      expect(() => new OnnxServer({} as never)).toThrow(/parameter model_uri is required/);
      await expect(
        new OnnxServer({ model_uri: join(models.dir, 'iris'), output: 'proba' }).load(),
      ).rejects.toThrow(
        /parameter output "proba" is not a tensor output of the model \(outputs: label, probabilities\)/,
      );
    });

    it('a server used before load() says so (503)', async () => {
      const server = new OnnxServer({ model_uri: join(models.dir, 'iris') });
      await expect(server.predict({ float_input: [[1, 2, 3, 4]] })).rejects.toMatchObject({
        httpStatus: 503,
        message: expect.stringMatching(/^SC_ERR_ONNX_NOT_LOADED: /),
      });
    });
  });
});
