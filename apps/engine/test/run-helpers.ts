// Shared helpers of the local-runner tests (run-*.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { seldonServices } from '@seldon-ts/payload';
import type { SeldonMessage, Feedback } from '@seldon-ts/payload';
import { startLocalDeployment, type LocalDeployment } from '../src/run/index.js';
import type { LocalRunOptions } from '../src/run/options.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const example = (name: string) => `${repoRoot}examples/${name}/seldondeployment.yaml`;

/** The built `seldon-engine` CLI (npm test builds first). */
export const CLI = `${repoRoot}apps/engine/dist/cli.js`;

/** A spawned CLI process with its collected output. */
export interface Running {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

const started: Running[] = [];

/** Spawns `node <script...> <args...>` (default `seldon-engine run`), collecting its output. */
export function runCli(args: string[], script: string[] = [CLI, 'run']): Running {
  const child = spawn(process.execPath, [...script, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const r = { child, out: () => out, err: () => err, exited };
  started.push(r);
  return r;
}

/** SIGTERMs every process runCli started that is still running, and waits for each to exit. */
export async function stopStarted(): Promise<void> {
  for (const r of started.splice(0)) {
    if (r.child.exitCode === null && r.child.signalCode === null) {
      r.child.kill('SIGTERM');
      await r.exited;
    }
  }
}

/**
 * Starts a manifest on free ports. In-process modules are imported through Jest's own module
 * system (which compiles TypeScript and maps workspace packages to their sources), so they share
 * the @seldon-ts/model-wrapper instance the engine uses; child processes use the built CLI.
 */
export async function startForTest(
  manifestPath: string,
  options: Partial<LocalRunOptions> = {},
): Promise<{ deployment: LocalDeployment; logs: string[]; url: (path: string) => string }> {
  const logs: string[] = [];
  const deployment = await startLocalDeployment({
    manifestPath,
    httpPort: 0,
    grpcPort: 0,
    startTimeoutMs: 20_000,
    stopTimeoutMs: 3_000,
    importModule: (p) => import(pathToFileURL(p).href) as Promise<Record<string, unknown>>,
    log: (line) => logs.push(line),
    ...options,
  });
  return { deployment, logs, url: (path) => `http://127.0.0.1:${deployment.httpPort}${path}` };
}

export async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}

/** Calls `seldon.protos.Seldon/Predict` (or SendFeedback) on the public gRPC port. */
export function grpcCall(
  port: number,
  method: 'Predict' | 'SendFeedback',
  message: SeldonMessage | Feedback,
): Promise<{ err: grpc.ServiceError | null; value?: SeldonMessage; header?: grpc.Metadata }> {
  const def = seldonServices.Seldon[method] as unknown as grpc.MethodDefinition<unknown, SeldonMessage>;
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise((resolve) => {
    let header: grpc.Metadata | undefined;
    const call = client.makeUnaryRequest(
      def.path,
      def.requestSerialize,
      def.responseDeserialize,
      message,
      new grpc.Metadata(),
      { deadline: Date.now() + 10_000 },
      (err, value) => {
        client.close();
        resolve({ err, value, header });
      },
    );
    call.on('metadata', (md: grpc.Metadata) => (header = md));
  });
}

export { until } from './support/until.js';
