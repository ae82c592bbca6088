// The engine's gRPC front door called by grpcio, gRPC's C-core Python client (what most Seldon
// clients use). scripts/setup-test-deps.sh installs grpcio into the cache (SELDON_TS_CACHE, default
// ~/.cache/seldon-ts).
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { EngineHandle } from 'seldon-engine';
import { messageFromProto, messageToProto } from '@seldon-ts/payload';
import { startGrpcEngine, startNode, unit, type RunningNode } from './support/nodes.js';

const run = promisify(execFile);
const client = fileURLToPath(new URL('./support/grpc_interop_client.py', import.meta.url));
const pythonPath = join(process.env.SELDON_TS_CACHE ?? join(homedir(), '.cache', 'seldon-ts'), 'pygrpc');

interface Line {
  call: string;
  compression: string;
  code?: string;
  response?: string;
  puid?: string;
  details?: string;
  errorCode?: string;
}

describe('grpcio client against the engine', () => {
  let node: RunningNode;
  let engine: EngineHandle;
  beforeAll(async () => {
    node = await startNode('doubler', {
      predict: (X: any) => X.toArray().map((row: number[]) => row.map((v) => v * 2)),
    } as never);
    engine = await startGrpcEngine(unit(node, 'MODEL', {}, 'grpc'));
  });
  afterAll(async () => {
    await engine?.close();
    await node?.close();
  });

  it('predicts (plain and gzip requests), reports errors with their code, answers health', async () => {
    const request = Buffer.from(messageToProto({ data: { ndarray: [[1, 2]] } } as never)).toString('hex');
    const out = await run('python3', [client, String(engine.grpcPort), request], {
      env: { ...process.env, PYTHONPATH: pythonPath },
      timeout: 60_000,
    }).catch((err: { stderr?: string; message: string }) => {
      throw new Error(
        `grpcio client failed (is grpcio installed in ${pythonPath}? run scripts/setup-test-deps.sh): ${err.stderr || err.message}`,
      );
    });
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    for (const compression of ['none', 'gzip']) {
      const of = (call: string) => lines.find((l) => l.call === call && l.compression === compression)!;
      const predict = of('predict');
      expect(predict.code).toBe('OK');
      expect(predict.puid).toBe('py-puid');
      const msg = messageFromProto(Buffer.from(predict.response!, 'hex')) as any;
      expect(JSON.stringify(msg.data.ndarray ?? msg.data.tensor?.values)).toContain('4');
      const bad = of('bad');
      expect(bad.code).toBe('INVALID_ARGUMENT');
      expect(bad.details).toContain('node doubler');
      expect(bad.errorCode).toMatch(/^SC_ERR_/);
      expect(of('health').response).toBe('0801');
      expect(of('unknown').code).toBe('UNIMPLEMENTED');
    }
  });
});
