// seldon.io/rest-timeout (05 §7): the reference's Gunicorn kills a worker that is silent for longer;
// here the request is answered 504 and the component's work keeps its in-flight slot until it ends.
import { describe, it, expect } from '@jest/globals';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMicroservice, MICROSERVICE_DEFAULTS, type ComponentInput } from '@seldon-ts/model-wrapper';
import { messageOf, statusOf } from './support/http.js';

/** A model whose `predict` on input [0] waits for the test; other inputs answer at once. */
function heldModel() {
  let release: () => void = () => undefined;
  let finished = false;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    component: {
      async predict(X: ComponentInput) {
        if ((X as { get(i: number): unknown }).get(0) === 0) {
          await held;
          finished = true;
        }
        return [1];
      },
    },
    release: () => release(),
    get finished() {
      return finished;
    },
  };
}

const post = (port: number, value: number) =>
  fetch(`http://127.0.0.1:${port}/predict`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: { ndarray: [value] } }),
  });

describe('seldon.io/rest-timeout', () => {
  it('answers 504 SC_ERR_WRAPPER_TIMEOUT from the annotation, and keeps the slot until the work ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-timeout-'));
    const file = join(dir, 'annotations');
    writeFileSync(file, 'seldon.io/rest-timeout="50"\n');
    const model = heldModel();
    const svc = await startMicroservice(model.component, {
      httpPort: 0,
      grpcPort: null,
      metricsPort: null,
      host: '127.0.0.1',
      env: {},
      annotationsPath: file,
      maxInFlight: 1,
    });
    try {
      const slow = await post(svc.httpPort, 0);
      expect(slow.status).toBe(504);
      expect((await statusOf(slow)).status).toEqual({
        status: 1,
        code: -1,
        reason: 'MICROSERVICE_INTERNAL_ERROR',
        info: 'predict took longer than the REST timeout of 50 ms',
      });
      expect(model.finished).toBe(false);
      // The timed-out work still runs, so the only slot is taken.
      expect((await post(svc.httpPort, 1)).status).toBe(429);
      model.release();
      let answer = await post(svc.httpPort, 1);
      while (answer.status === 429) answer = await post(svc.httpPort, 1); // the slot frees as the work settles
      expect(answer.status).toBe(200);
      expect((await messageOf(answer)).data?.ndarray).toEqual([1]);
      expect(model.finished).toBe(true);
    } finally {
      model.release();
      await svc.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the option overrides the annotation; 0 means no limit; bad values are refused', async () => {
    expect(MICROSERVICE_DEFAULTS.restTimeoutMs).toBe(5_000_000);
    const model = heldModel();
    const svc = await startMicroservice(model.component, {
      httpPort: 0,
      grpcPort: null,
      metricsPort: null,
      host: '127.0.0.1',
      env: {},
      restTimeoutMs: 0,
    });
    try {
      const pending = post(svc.httpPort, 0);
      // A request that answers at once proves the server is up while the held one waits.
      expect((await post(svc.httpPort, 1)).status).toBe(200);
      model.release();
      expect((await pending).status).toBe(200);
    } finally {
      await svc.close();
    }
    await expect(
      startMicroservice({}, { httpPort: 0, grpcPort: null, metricsPort: null, env: {}, restTimeoutMs: -1 }),
    ).rejects.toMatchObject({ code: 'SC_ERR_WRAPPER_BAD_OPTION' });
  });
});
