import { describe, it, expect } from '@jest/globals';
import {
  createComponentRuntime,
  NdArray,
  SeldonResponse,
  SeldonMicroserviceError,
  WrapperError,
  type ComponentInput,
  type SeldonComponent,
} from '@seldon-ts/model-wrapper';

const env = { PREDICTIVE_UNIT_ID: 'classifier', PREDICTIVE_UNIT_IMAGE: 'repo/clf:1.0' };

describe('createComponentRuntime: predict shaping (01-payload §4.2)', () => {
  it('answers the reference example: ndarray in, t:0.. names and requestPath out', async () => {
    const rt = createComponentRuntime({ predict: () => [[0.9, 0.1]] }, { env });
    await rt.load();
    const out = await rt.predict({ data: { names: ['a', 'b'], ndarray: [[1, 2]] } });
    expect(out).toEqual({
      data: { names: ['t:0', 't:1'], ndarray: [[0.9, 0.1]] },
      meta: { requestPath: { classifier: 'repo/clf:1.0' } },
    });
  });

  it('passes X as an NdArray with shape, names and meta', async () => {
    let seen: { X: ComponentInput; names: string[]; meta: unknown } | undefined;
    const rt = createComponentRuntime(
      {
        predict(X: ComponentInput, names: string[], meta?: unknown) {
          seen = { X, names, meta };
          return X as NdArray;
        },
      },
      { env: {} },
    );
    const out = await rt.predict({
      meta: { puid: 'p1', tags: { a: 1 } },
      data: { names: ['x', 'y'], tensor: { shape: [2, 2], values: [1, 2, 3, 4] } },
    });
    expect(seen!.X).toBeInstanceOf(NdArray);
    expect((seen!.X as NdArray).shape).toEqual([2, 2]);
    expect((seen!.X as NdArray).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(seen!.names).toEqual(['x', 'y']);
    expect(seen!.meta).toEqual({ puid: 'p1', tags: { a: 1 } });
    expect(out.data?.tensor?.shape).toEqual([2, 2]);
    expect(Array.from(out.data!.tensor!.values!)).toEqual([1, 2, 3, 4]);
    expect(out.meta).toEqual({ puid: 'p1', tags: { a: 1 } });
  });

  it('numeric answer to a non-data request is a tensor; strings and objects map to strData/jsonData', async () => {
    const rt = createComponentRuntime(
      {
        predict: (X: ComponentInput) =>
          typeof X === 'string' ? [1, 2] : X === null ? 'none' : { echo: X as never },
      },
      { env: {} },
    );
    expect(await rt.predict({ strData: 'hi' })).toEqual({
      data: { names: [], tensor: { shape: [2], values: expect.anything() } },
      meta: {},
    });
    expect(await rt.predict({ jsonData: { a: 1 } })).toEqual({ jsonData: { echo: { a: 1 } }, meta: {} });
  });

  it('binData arrives as bytes and bytes go back as base64', async () => {
    const rt = createComponentRuntime({ predict: (X: ComponentInput) => X as Uint8Array }, { env: {} });
    const out = await rt.predict({ binData: Buffer.from('hello').toString('base64') });
    expect(out.binData).toBe(Buffer.from('hello').toString('base64'));
  });

  it('merges tags: request, then static tags(), then runtime tags; echoes metrics', async () => {
    const rt = createComponentRuntime(
      {
        tags: () => ({ s: 'static', r: 'static' }),
        metrics: () => [{ key: 'mycounter', type: 'COUNTER' as const, value: 1 }],
        predict: () =>
          new SeldonResponse([1], { r: 'runtime' }, [{ key: 'mygauge', type: 'GAUGE', value: 2 }]),
      },
      { env: {} },
    );
    const out = await rt.predict({ meta: { tags: { q: 'req', s: 'req' } }, data: { ndarray: [1] } });
    expect(out.meta?.tags).toEqual({ q: 'req', s: 'static', r: 'runtime' });
    expect(out.meta?.metrics).toEqual([
      { key: 'mycounter', type: 'COUNTER', value: 1 },
      { key: 'mygauge', type: 'GAUGE', value: 2 },
    ]);
  });

  it('uses classNames for 2-D outputs', async () => {
    const rt = createComponentRuntime(
      { classNames: ['no', 'yes'], predict: () => [[0.2, 0.8]] },
      { env: {} },
    );
    expect((await rt.predict({ data: { ndarray: [[1]] } })).data?.names).toEqual(['no', 'yes']);
  });

  it('rejects an unknown return type with the reference message', async () => {
    const rt = createComponentRuntime({ predict: () => undefined as never }, { env: {} });
    await expect(rt.predict({ data: { ndarray: [1] } })).rejects.toMatchObject({
      code: 'SC_ERR_WRAPPER_BAD_RETURN',
      httpStatus: 400,
      message: expect.stringContaining('Unknown data type returned as payload'),
    });
  });

  it('rejects bad metrics with 500 MICROSERVICE_BAD_METRIC', async () => {
    const rt = createComponentRuntime(
      { metrics: () => [{ key: 'x', type: 'BAD', value: 1 }] as never, predict: () => [1] },
      { env: {} },
    );
    const err = await rt.predict({ data: { ndarray: [1] } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WrapperError);
    expect((err as WrapperError).toSeldonStatus()).toEqual({
      status: {
        status: 1,
        info: expect.stringContaining('Bad metric created during request'),
        code: -1,
        reason: 'MICROSERVICE_BAD_METRIC',
      },
    });
    expect((err as WrapperError).httpStatus).toBe(500);
  });

  it('maps a user SeldonMicroserviceError to its status and reason, other errors to 500', async () => {
    const rt = createComponentRuntime(
      {
        predict: (X: ComponentInput) => {
          if ((X as NdArray).size === 1)
            throw new SeldonMicroserviceError('bad row', { statusCode: 422, reason: 'MY_REASON' });
          throw new TypeError('boom');
        },
      },
      { env: {} },
    );
    await expect(rt.predict({ data: { ndarray: [1] } })).rejects.toMatchObject({
      httpStatus: 422,
      reason: 'MY_REASON',
      message: 'bad row',
    });
    await expect(rt.predict({ data: { ndarray: [1, 2] } })).rejects.toMatchObject({
      httpStatus: 500,
      code: 'SC_ERR_WRAPPER_INTERNAL',
      reason: 'MICROSERVICE_INTERNAL_ERROR',
      grpcStatus: 2,
    });
  });
});

describe('createComponentRuntime: defaults and other endpoints', () => {
  it('predict without a predict method answers [] and transformers are the identity', async () => {
    const rt = createComponentRuntime({}, { env: {} });
    expect(await rt.predict({ data: { ndarray: [[1, 2]] } })).toEqual({
      data: { names: [], ndarray: [] },
      meta: {},
    });
    expect(await rt.transformInput({ data: { ndarray: [[1, 2]] } })).toEqual({
      data: { names: ['t:0', 't:1'], ndarray: [[1, 2]] },
      meta: {},
    });
    expect(rt.has('predict')).toBe(false);
    expect(rt.has('transformInput')).toBe(false);
  });

  it('route answers [[route]] and rejects non-integers; route and aggregate are required', async () => {
    const rt = createComponentRuntime(
      { route: (X: ComponentInput) => ((X as NdArray).size === 1 ? 1 : (0.5 as number)) },
      { env: {} },
    );
    expect(await rt.route({ data: { ndarray: [[5]] } })).toEqual({
      data: { names: ['t:0'], ndarray: [[1]] },
      meta: {},
    });
    await expect(rt.route({ data: { ndarray: [1, 2] } })).rejects.toMatchObject({
      code: 'SC_ERR_WRAPPER_BAD_ROUTE',
      message: 'Routing response must be int but got 0.5',
    });
    const none = createComponentRuntime({}, { env: {} });
    await expect(none.route({ data: { ndarray: [1] } })).rejects.toMatchObject({
      code: 'SC_ERR_WRAPPER_NOT_IMPLEMENTED',
      httpStatus: 400,
      message: 'route is not implemented',
    });
    await expect(none.aggregate([{ data: { ndarray: [1] } }])).rejects.toMatchObject({
      code: 'SC_ERR_WRAPPER_NOT_IMPLEMENTED',
      message: 'aggregate is not implemented',
    });
  });

  it('aggregate merges tags/requestPath of all inputs and follows the first kind', async () => {
    const rt = createComponentRuntime(
      {
        aggregate: (Xs: ComponentInput[], names: string[][]) => {
          expect(names).toEqual([['a'], []]);
          return Xs[1] as NdArray;
        },
      },
      { env: {} },
    );
    const out = await rt.aggregate({
      seldonMessages: [
        {
          meta: { puid: 'first', tags: { a: 1 }, requestPath: { m1: 'i1' } },
          data: { names: ['a'], tensor: { shape: [1], values: [1] } },
        },
        { meta: { puid: 'second', tags: { b: 2 }, requestPath: { m2: 'i2' } }, data: { ndarray: [7] } },
      ],
    });
    expect(out.meta).toEqual({ puid: 'first', tags: { a: 1, b: 2 }, requestPath: { m1: 'i1', m2: 'i2' } });
    expect(out.data?.tensor?.shape).toEqual([1]);
  });

  it('sendFeedback passes X, names, reward, truth and routing; empty answer shaped like the request', async () => {
    let args: unknown[] = [];
    const rt = createComponentRuntime(
      {
        sendFeedback: (...a: unknown[]) => {
          args = a;
        },
      },
      { env: {}, unitId: 'router' },
    );
    const out = await rt.sendFeedback({
      request: { data: { names: ['f'], ndarray: [[1]] } },
      response: { meta: { routing: { router: 2 } }, data: { ndarray: [[0.5]] } },
      reward: 1,
      truth: { data: { ndarray: [[1]] } },
    });
    expect((args[0] as NdArray).toArray()).toEqual([[1]]);
    expect(args.slice(1, 3)).toEqual([['f'], 1]);
    expect((args[3] as NdArray).toArray()).toEqual([[1]]);
    expect(args[4]).toBe(2);
    expect(out).toEqual({ data: { names: [], ndarray: [] }, meta: { requestPath: { router: '' } } });
  });

  it('health defaults to strData "healthy" and shapes a returned array as a tensor', async () => {
    expect(await createComponentRuntime({}, { env: {} }).health()).toEqual({ strData: 'healthy', meta: {} });
    expect(await createComponentRuntime({ healthStatus: () => [1, 2] }, { env: {} }).health()).toEqual({
      data: { names: [], tensor: { shape: [2], values: expect.anything() } },
      meta: {},
    });
  });

  it('raw methods receive and return whole messages; metrics stripped when not echoed', async () => {
    const comp: SeldonComponent = {
      predictRaw: (m) => ({
        ...m,
        meta: { metrics: [{ key: 'k', type: 'COUNTER', value: 1 }] },
        strData: 'raw',
      }),
    };
    const rt = createComponentRuntime(comp, { env: {}, includeMetricsInResponse: false });
    expect(await rt.predict({ strData: 'x' })).toEqual({ strData: 'raw', meta: {} });
  });

  it('metadata: defaults from the image, declared metadata, MODEL_METADATA wins; invalid → BAD_METADATA', async () => {
    const rt = createComponentRuntime(
      { initMetadata: () => ({ name: 'declared', platform: 'ts' }) },
      {
        env: { PREDICTIVE_UNIT_IMAGE: 'repo/clf:1.0', MODEL_METADATA: '{"platform":"env"}' },
      },
    );
    await rt.load();
    expect(await rt.metadata()).toEqual({
      name: 'declared',
      versions: ['1.0'],
      platform: 'env',
      inputs: [],
      outputs: [],
      custom: {},
    });
    const bad = createComponentRuntime({ initMetadata: () => ({ name: 'x', extra: 1 }) }, { env: {} });
    await bad.load();
    await expect(bad.metadata()).rejects.toMatchObject({
      code: 'SC_ERR_WRAPPER_BAD_METADATA',
      httpStatus: 500,
      message: 'Model metadata unavailable',
    });
  });

  it('instantiates a class once with the parameters and awaits load()', async () => {
    let constructed = 0;
    class Model {
      loaded = false;
      constructor(readonly params: Record<string, unknown>) {
        constructed++;
      }
      async load() {
        await new Promise((r) => setTimeout(r, 5));
        this.loaded = true;
      }
      predict() {
        return [this.loaded ? 1 : 0, this.params.threshold as number];
      }
    }
    const rt = createComponentRuntime(Model, { env: {}, parameters: { threshold: 0.5 } });
    expect(rt.ready).toBe(false);
    await rt.load();
    expect(rt.ready).toBe(true);
    const out = await rt.predict({ data: { ndarray: [1] } });
    expect(out.data?.ndarray).toEqual([1, 0.5]);
    expect(constructed).toBe(1);
  });

  it('accepts a factory function and an ES5 constructor', async () => {
    const factory = (p: Record<string, unknown>) => ({ predict: () => [p.k as number] });
    expect(
      (
        await createComponentRuntime(factory as never, { env: {}, parameters: { k: 3 } }).predict({
          data: { ndarray: [0] },
        })
      ).data?.ndarray,
    ).toEqual([3]);
    function Legacy(this: { k: number }, p: { k: number }) {
      this.k = p.k;
    }
    Legacy.prototype.predict = function (this: { k: number }) {
      return [this.k * 2];
    };
    expect(
      (
        await createComponentRuntime(Legacy as never, { env: {}, parameters: { k: 4 } }).predict({
          data: { ndarray: [0] },
        })
      ).data?.ndarray,
    ).toEqual([8]);
  });

  it('errors serialise to the Seldon status body (for callers passing them through)', async () => {
    const err = await createComponentRuntime({}, { env: {} })
      .route({ data: { ndarray: [1] } })
      .catch((e: unknown) => e);
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      status: { status: 1, info: 'route is not implemented', code: -1, reason: 'MICROSERVICE_BAD_DATA' },
    });
  });

  it('reads MODEL_METADATA as YAML too', async () => {
    const rt = createComponentRuntime(
      {},
      {
        env: {
          MODEL_METADATA:
            'name: from-yaml\nversions: [v2]\ninputs:\n  - name: input\n    datatype: BYTES\n    shape: [1, 5]\n',
        },
      },
    );
    await rt.load();
    expect(await rt.metadata()).toMatchObject({
      name: 'from-yaml',
      versions: ['v2'],
      inputs: [{ name: 'input', datatype: 'BYTES', shape: [1, 5] }],
    });
  });
});

describe('Python-style method names (regression: transform_input was silently ignored)', () => {
  it('refuses a component that defines transform_input without transformInput', () => {
    class Transformer {
      transform_input(X: ComponentInput): ComponentInput {
        return X;
      }
    }
    let caught: unknown;
    try {
      createComponentRuntime(Transformer as never, { env: {} });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(WrapperError);
    expect((caught as WrapperError).code).toBe('SC_ERR_WRAPPER_PYTHON_METHOD_NAME');
    expect((caught as WrapperError).message).toBe(
      "component defines transform_input (the Python wrapper's name): rename it transformInput",
    );
  });

  it('names every Python-style member, class_names attribute included', () => {
    const component = { send_feedback: () => null, class_names: ['a'], predict_raw: () => ({}) };
    expect(() => createComponentRuntime(component as never, { env: {} })).toThrow(
      "component defines predict_raw (the Python wrapper's name): rename it predictRaw; " +
        "send_feedback (the Python wrapper's name): rename it sendFeedback; " +
        "class_names (the Python wrapper's name): rename it classNames",
    );
  });

  it('accepts a component that also defines the camelCase name (an alias)', async () => {
    const transform = (X: ComponentInput) => X;
    const rt = createComponentRuntime({ transform_input: transform, transformInput: transform } as never, {
      env: {},
    });
    await rt.load();
    expect(rt.has('transformInput')).toBe(true);
  });
});

describe('onError: one report per failed call', () => {
  it('reports a thrown error as a server error with unit id, method and the stack', async () => {
    const reports: unknown[] = [];
    const rt = createComponentRuntime(
      {
        predict() {
          throw new Error('boom');
        },
      },
      { env, onError: (r) => reports.push(r) },
    );
    await expect(rt.predict({ data: { ndarray: [[1]] } })).rejects.toThrow('boom');
    expect(reports).toHaveLength(1);
    const r = reports[0] as { unitId: string; method: string; serverError: boolean; stack: string };
    expect(r.unitId).toBe('classifier');
    expect(r.method).toBe('predict');
    expect(r.serverError).toBe(true);
    expect(r.stack).toMatch(/^Error: boom\n/);
    expect(r.stack).toContain('runtime.test.ts');
  });

  it('reports a 4xx SeldonMicroserviceError as a user error', async () => {
    const reports: { serverError: boolean; method: string }[] = [];
    const rt = createComponentRuntime(
      {
        transformInput() {
          throw new SeldonMicroserviceError('bad value');
        },
      },
      { env, onError: (r) => reports.push(r) },
    );
    await expect(rt.transformInput({ data: { ndarray: [[1]] } })).rejects.toThrow('bad value');
    expect(reports).toEqual([expect.objectContaining({ method: 'transformInput', serverError: false })]);
  });
});
