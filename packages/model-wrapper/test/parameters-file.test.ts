// A node's parameters delivered as a mounted ConfigMap file: the running component takes a change
// without a restart (in place through updateParameters(), else as a new instance).
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startMicroservice,
  type ComponentParameters,
  type Microservice,
  type ParametersEvent,
  type SeldonComponentClass,
} from '@seldon-ts/model-wrapper';
import { kubeletWrite, until } from './support/configmap-dir.js';
import { messageOf } from './support/http.js';

const params = (scale: number): string =>
  JSON.stringify([{ name: 'scale', type: 'FLOAT', value: String(scale) }]);

async function predict(svc: Microservice): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${svc.httpPort}/predict`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"data":{"ndarray":[1]}}',
  });
  return (await messageOf(res)).data?.ndarray;
}

/** Answers `scale * (calls so far)`: the count shows whether the instance survived a change. */
class Counter {
  scale: number;
  calls = 0;
  static built = 0;
  constructor(p: ComponentParameters) {
    this.scale = Number(p.scale);
    if (!(this.scale > 0)) throw new Error(`scale must be > 0, got ${String(p.scale)}`);
    Counter.built++;
  }
  predict(): number[] {
    this.calls++;
    return [this.scale * this.calls];
  }
}

/** The same, told of new parameters in place. */
class UpdatableCounter extends Counter {
  updateParameters(p: ComponentParameters): void {
    const scale = Number(p.scale);
    if (!(scale > 0)) throw new Error(`scale must be > 0, got ${String(p.scale)}`);
    this.scale = scale;
  }
}

describe('parameters from a mounted file', () => {
  let dir: string;
  let file: string;
  let events: ParametersEvent[];
  let svc: Microservice | undefined;
  let stamp: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wrapper-params-'));
    file = join(dir, 'parameters.json');
    events = [];
    stamp = kubeletWrite(dir, { 'parameters.json': params(2) });
  });
  afterEach(async () => {
    await svc?.close();
    svc = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  const start = (component: SeldonComponentClass, env: NodeJS.ProcessEnv = {}) =>
    startMicroservice(component, {
      httpPort: 0,
      grpcPort: null,
      metricsPort: null,
      host: '127.0.0.1',
      env,
      parametersFile: file,
      onParameters: (e) => events.push(e),
    });
  const applied = () => events.filter((e) => e.kind === 'applied');

  it('reads the file at start (over PREDICTIVE_UNIT_PARAMETERS) and updates in place, keeping state', async () => {
    svc = await start(UpdatableCounter, { PREDICTIVE_UNIT_PARAMETERS: params(100) });
    expect(svc.parameters).toEqual({ scale: 2 });
    expect(await predict(svc)).toEqual([2]);
    expect(await predict(svc)).toEqual([4]);
    const built = Counter.built;
    stamp = kubeletWrite(dir, { 'parameters.json': params(10) }, stamp);
    await until('the change', () => applied().length === 1);
    expect(applied()[0]).toEqual({ kind: 'applied', outcome: 'updated', parameters: { scale: 10 } });
    expect(svc.parameters).toEqual({ scale: 10 });
    // Third call of the same instance, at the new scale.
    expect(await predict(svc)).toEqual([30]);
    expect(Counter.built).toBe(built);
  });

  it('builds a new instance for a component without updateParameters()', async () => {
    svc = await start(Counter);
    expect(await predict(svc)).toEqual([2]);
    expect(await predict(svc)).toEqual([4]);
    stamp = kubeletWrite(dir, { 'parameters.json': params(10) }, stamp);
    await until('the change', () => applied().length === 1);
    expect(applied()[0]).toMatchObject({ outcome: 'replaced', parameters: { scale: 10 } });
    // A new instance: its first call.
    expect(await predict(svc)).toEqual([10]);
  });

  it('refuses a file that does not parse or parameters the component throws on, and keeps serving', async () => {
    svc = await start(Counter);
    stamp = kubeletWrite(dir, { 'parameters.json': '[{"name":"scale","type":"FLOAT","value":"x"}]' }, stamp);
    await until('the parse refusal', () => events.some((e) => e.kind === 'rejected'));
    stamp = kubeletWrite(dir, { 'parameters.json': params(-1) }, stamp);
    await until('the constructor refusal', () => events.filter((e) => e.kind === 'rejected').length === 2);
    const [parse, ctor] = events.filter((e) => e.kind === 'rejected');
    expect(parse).toMatchObject({ error: { code: 'SC_ERR_WRAPPER_BAD_PARAMETER' } });
    expect(ctor).toMatchObject({ error: { code: 'SC_ERR_WRAPPER_BAD_COMPONENT' } });
    expect((ctor as { error: Error }).error.message).toContain('scale must be > 0, got -1');
    expect(svc.parameters).toEqual({ scale: 2 });
    expect(await predict(svc)).toEqual([2]);
  });

  it('lets a call in flight finish on the instance it started on', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered = 0;
    class Slow {
      readonly scale: number;
      constructor(p: ComponentParameters) {
        this.scale = Number(p.scale);
      }
      async predict(): Promise<number[]> {
        entered++;
        await gate;
        return [this.scale];
      }
    }
    svc = await start(Slow);
    const inFlight = predict(svc);
    await until('the call to arrive', () => entered === 1);
    stamp = kubeletWrite(dir, { 'parameters.json': params(10) }, stamp);
    await until('the change', () => applied().length === 1);
    release();
    expect(await inFlight).toEqual([2]);
    expect(await predict(svc)).toEqual([10]);
  });

  it('swaps the worker threads for a module in worker mode', async () => {
    const fixture = fileURLToPath(new URL('./fixtures/scaled-model.mjs', import.meta.url));
    svc = await startMicroservice(
      { module: fixture },
      {
        httpPort: 0,
        grpcPort: null,
        metricsPort: null,
        host: '127.0.0.1',
        env: {},
        workers: 2,
        parametersFile: file,
        onParameters: (e) => events.push(e),
      },
    );
    expect(await predict(svc)).toEqual([2]);
    stamp = kubeletWrite(dir, { 'parameters.json': params(7) }, stamp);
    await until('the change', () => applied().length === 1);
    expect(applied()[0]).toMatchObject({ outcome: 'replaced' });
    expect(await predict(svc)).toEqual([7]);
  });
});
