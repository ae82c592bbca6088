// Test models of the ONNX server, built with Debian's python3-onnx (scripts/setup-test-deps.sh
// installs it): the iris example's script and test/onnx/make-models.py, each writing the numpy
// answers the tests compare with. Served through the real model wrapper on port 0.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import {
  messageFromProto,
  messageToProto,
  type SeldonMessage,
  type SeldonStatusBody,
} from '@seldon-ts/payload';

const here = fileURLToPath(new URL('.', import.meta.url));
export const REPO = join(here, '../../../..');
export const IRIS_SCRIPT = join(REPO, 'examples/onnx-iris/make-model.py');
export const IRIS_EXAMPLE_MODEL = join(REPO, 'examples/onnx-iris/model/model.onnx');

/** The first Python 3 that imports onnx, numpy and sklearn (Debian's lives in /usr/bin, a pyenv may shadow it). */
export function findPython(): string | undefined {
  for (const py of [process.env.SELDON_TS_PYTHON, '/usr/bin/python3', 'python3']) {
    if (py === undefined) continue;
    try {
      execFileSync(py, ['-c', 'import onnx, numpy, sklearn'], { stdio: 'ignore' });
      return py;
    } catch {
      // next candidate
    }
  }
  return undefined;
}

export interface IrisExpect {
  float_input: number[][];
  label: number[];
  probabilities: number[][];
}
export interface ModelsExpect {
  'two-inputs': { features: number[][]; scale: number[][]; scaled: number[][]; doubled: number[][] };
  dynamic: Record<string, { x: number[][]; y: number[][] }>;
  types: { text: string[]; mask: boolean[]; count: number[]; mask_out: boolean[]; count_out: number[] };
  zipmap: { x: number[][]; probabilities: number[][] };
}

/** Builds every test model into a fresh folder; `dir/iris/model.onnx` and `dir/<name>.onnx`. */
export function buildModels(python: string): {
  dir: string;
  iris: IrisExpect;
  models: ModelsExpect;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'onnx-models-'));
  execFileSync(
    python,
    [IRIS_SCRIPT, '--out', join(dir, 'iris/model.onnx'), '--expect', join(dir, 'iris.json')],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  execFileSync(python, [join(here, 'make-models.py'), dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  return {
    dir,
    iris: JSON.parse(readFileSync(join(dir, 'iris.json'), 'utf8')) as IrisExpect,
    models: JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) as ModelsExpect,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** POST a JSON body to the wrapper; the parsed answer and status. */
export async function post(
  port: number,
  body: unknown,
  path = '/predict',
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

export async function getJson(port: number, path: string): Promise<unknown> {
  return (await fetch(`http://127.0.0.1:${port}${path}`)).json();
}

/** The `info` of a wrapper error body. */
export function infoOf(json: unknown): string {
  return (json as SeldonStatusBody).status?.info ?? '';
}

/** `seldon.protos.Model/Predict` over gRPC. */
export function grpcPredict(port: number, msg: SeldonMessage): Promise<SeldonMessage> {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise<SeldonMessage>((resolve, reject) => {
    client.makeUnaryRequest(
      '/seldon.protos.Model/Predict',
      (b: Uint8Array) => Buffer.from(b),
      (b: Buffer) => b,
      messageToProto(msg),
      (err, value) => {
        client.close();
        if (err) reject(err);
        else resolve(messageFromProto(value!));
      },
    );
  });
}

/** Every number of `actual` within `tol` of `expected` (same nesting). */
export function expectClose(actual: unknown, expected: unknown, tol = 1e-5): void {
  const a = (actual as unknown[]).flat(4) as number[];
  const e = (expected as unknown[]).flat(4) as number[];
  if (a.length !== e.length) throw new Error(`length ${a.length} != ${e.length}: ${JSON.stringify(actual)}`);
  a.forEach((x, i) => {
    if (!(Math.abs(x - e[i]) <= tol))
      throw new Error(`element ${i}: ${x} differs from ${e[i]} by more than ${tol}`);
  });
}
