// The public surface of seldon-engine is exactly what src/index.ts names: nothing internal leaks,
// and the local runner is reachable without importing dist/run/index.js by path.
import { describe, it, expect } from '@jest/globals';
import * as engine from 'seldon-engine';
import { pathToFileURL } from 'node:url';
import { example, postJson } from './run-helpers.js';

describe('seldon-engine exports', () => {
  it('exports the engine, its configuration, the local runner and the one error catalogue', () => {
    expect(Object.keys(engine).sort()).toEqual(
      [
        'DEFAULT_ANNOTATIONS_PATH',
        'ENGINE_ERRORS',
        'ENGINE_FLAGS',
        'EngineError',
        'KAFKA_PROXY_FLAGS',
        'RUN_DEFAULTS',
        'RUN_OPTIONS',
        'formatConfig',
        'normalizeConfig',
        'parseAnnotations',
        'parseKafkaProxyArgs',
        'resolveConfig',
        'runCommand',
        'startEngine',
        'startKafkaProxy',
        'startLocalDeployment',
      ].sort(),
    );
  });

  it('maps every code, the runner codes included, to an HTTP and a gRPC status', () => {
    const codes = Object.keys(engine.ENGINE_ERRORS);
    expect(codes.filter((c) => c.startsWith('SC_ERR_ENGINE_RUN_'))).toHaveLength(8);
    for (const code of codes) {
      const err = new engine.EngineError(code as engine.EngineErrorCode, 'x', { where: 'predictor "p"' });
      expect(err.httpStatus).toBeGreaterThanOrEqual(400);
      expect(err.grpcStatus).toBeGreaterThan(0);
      expect(err.where).toBe('predictor "p"');
      expect(err.toSeldonStatus()).toEqual({
        status: { code: err.httpStatus, info: 'x', reason: code, status: 'FAILURE' },
      });
    }
  });

  it('ENGINE_FLAGS is what the flag parser accepts', () => {
    const predictor = Buffer.from(
      JSON.stringify({ name: 'p', graph: { name: 'm', implementation: 'SIMPLE_MODEL' } }),
    ).toString('base64');
    expect(() =>
      engine.resolveConfig(
        ['--no_such_flag=1'],
        { ENGINE_PREDICTOR: predictor },
        { annotationsPath: '/nonexistent' },
      ),
    ).toThrow(/unknown flag --no_such_flag/);
    // Names of Object.prototype are not flags.
    expect(() =>
      engine.resolveConfig(
        ['--constructor=1'],
        { ENGINE_PREDICTOR: predictor },
        { annotationsPath: '/nonexistent' },
      ),
    ).toThrow(/unknown flag --constructor/);
    expect(Object.isFrozen(engine.ENGINE_FLAGS)).toBe(true);
    expect(engine.ENGINE_FLAGS.watch).toBe('bool');
    expect(engine.ENGINE_FLAGS.http_port).toBe('string');
  });

  it('startLocalDeployment, loaded on first call, serves example 1', async () => {
    const logs: string[] = [];
    const deployment = await engine.startLocalDeployment({
      manifestPath: example('mock-classifier'),
      httpPort: 0,
      grpcPort: 0,
      // Jest's module system compiles the TypeScript component (tsx's loader cannot hook into Jest).
      importModule: (p) => import(pathToFileURL(p).href) as Promise<Record<string, unknown>>,
      log: (line) => logs.push(line),
    });
    try {
      const res = await postJson(`http://127.0.0.1:${deployment.httpPort}/api/v1.0/predictions`, {
        data: { ndarray: [[1.0, 2.0, 5.0]] },
      });
      expect(res.status).toBe(200);
      expect(res.json.data.names).toEqual(['proba']);
    } finally {
      await deployment.close();
    }
  }, 30_000);
});
