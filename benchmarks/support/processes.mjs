// Helpers for benchmarks that measure servers in their own child processes: start a child for a
// role, read a child's CPU time, drive a client at a given concurrency, take medians.
import { fork } from 'node:child_process';

const CHILD_ENV = 'SELDON_BENCH_CHILD';

/** True inside a benchmark child process. */
export function isBenchChild() {
  return process.env[CHILD_ENV] === '1';
}

/**
 * Forks `script` with arguments `child <role> <config JSON>` and resolves with `{ child, ...first
 * message }` once the child reports (e.g. its ports). A child must never start children: a
 * benchmark whose children re-ran its driver once fork-bombed the machine, hence the guard.
 */
export function startChild(script, role, config = {}, execArgv = []) {
  if (isBenchChild()) throw new Error('a benchmark child must never start children');
  const child = fork(script, ['child', role, JSON.stringify(config)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [CHILD_ENV]: '1' },
    execArgv,
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, ...m }));
    child.once('exit', (code) => reject(new Error(`benchmark child ${role} exited with ${code}`)));
  });
}

/** In a child: answer the driver's `cpu` requests with this process's CPU time (µs) so far. */
export function answerCpuRequests() {
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send({ cpu: u.user + u.system });
    }
  });
}

/** The CPU time (µs) a child started with {@link startChild} has used so far. */
export function cpuOf(child) {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m.cpu));
    child.send('cpu');
  });
}

/**
 * `n` calls of `client.call()` at `concurrency`; latency percentiles, throughput, and the CPU µs
 * per call of `cpuChild` (NaN without one).
 */
export function measure(client, cpuChild, n, concurrency) {
  return measureWith(client, cpuChild ? () => cpuOf(cpuChild) : null, n, concurrency);
}

/**
 * {@link measure} with the server's CPU time (µs so far) read by `readCpu` (sync or async), e.g.
 * from /proc for a server that is not a Node child; NaN per call without one.
 */
export async function measureWith(client, readCpu, n, concurrency) {
  const latencies = new Float64Array(n);
  let next = 0;
  const cpu0 = readCpu ? await readCpu() : 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const s = performance.now();
        await client.call();
        latencies[i] = performance.now() - s;
      }
    }),
  );
  const elapsed = performance.now() - t0;
  const cpu1 = readCpu ? await readCpu() : 0;
  latencies.sort();
  return {
    p50: latencies[Math.floor(n * 0.5)],
    p99: latencies[Math.floor(n * 0.99)],
    rps: (n / elapsed) * 1000,
    cpuUsPerReq: readCpu ? (cpu1 - cpu0) / n : NaN,
  };
}

/** The median of `xs` (NaN when empty). */
export function median(xs) {
  const v = [...xs].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

/**
 * The baseline server of the REST benchmarks: a bare node:http JSON echo server (it parses what it
 * echoes, as a JSON service would). Resolves with its port on 127.0.0.1.
 */
export async function startJsonEchoServer() {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      JSON.parse(body.toString());
      res.setHeader('content-type', 'application/json');
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return server.address().port;
}

/** The model of the engine benchmarks: a model-wrapper identity model on free loopback ports. */
export async function startIdentityWrapper() {
  const { startMicroservice } = await import('@seldon-ts/model-wrapper');
  return startMicroservice(
    { predict: (X) => X },
    {
      httpPort: 0,
      grpcPort: 0,
      metricsPort: null,
      host: '127.0.0.1',
      annotationsPath: '/nonexistent',
      env: {},
    },
  );
}

/**
 * In a child: starts the baseline role shared by the REST benchmarks, `echo` (the JSON echo
 * server) or `wrapper` (the identity model), and resolves with its ports; undefined for any other role.
 */
export async function startBaselineRole(role) {
  if (role === 'echo') return { http: await startJsonEchoServer() };
  if (role === 'wrapper') {
    const ms = await startIdentityWrapper();
    return { http: ms.httpPort, grpc: ms.grpcPort };
  }
  return undefined;
}

/** A unary gRPC method whose messages stay bytes (identity serialisers), for grpc-js services and clients. */
export function rawUnary(path) {
  const id = (b) => b;
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: id,
    requestDeserialize: id,
    responseSerialize: id,
    responseDeserialize: id,
  };
}
