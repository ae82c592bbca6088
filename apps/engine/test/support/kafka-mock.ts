// A real Kafka protocol peer for tests: librdkafka's in-process mock cluster, hosted by `kcat`.
// kcat runs as a producer reading stdin, so the cluster lives exactly as long as stdin stays open.
import { spawn, type ChildProcess } from 'node:child_process';

export interface KafkaMock {
  /** `127.0.0.1:PORT` bootstrap address of the mock cluster. */
  brokers: string;
  /** kcat process id (for tests that need to simulate a broker outage). */
  pid: number;
  /** Stops the mock cluster; resolves when kcat has exited. Safe to call twice. */
  stop(): Promise<void>;
}

export interface KafkaMockOptions {
  /** Number of mock brokers. Default 1. */
  brokers?: number;
  /** Give up waiting for the bootstrap address after this many ms. Default 10000. */
  startTimeoutMs?: number;
}

/** Starts a librdkafka mock cluster through `kcat -X test.mock.num.brokers=N -d mock`. */
export async function startKafkaMock(options: KafkaMockOptions = {}): Promise<KafkaMock> {
  const brokerCount = options.brokers ?? 1;
  const child: ChildProcess = spawn(
    'kcat',
    [
      '-X',
      `test.mock.num.brokers=${brokerCount}`,
      '-d',
      'mock',
      '-b',
      '127.0.0.1:1',
      '-P',
      '-t',
      '__kafka_mock_keepalive',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));

  const brokers = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      reject(
        new Error(
          `kcat mock cluster did not print bootstrap.servers within ${options.startTimeoutMs ?? 10000} ms: ${seen.slice(-500)}`,
        ),
      );
      child.kill('SIGKILL');
    }, options.startTimeoutMs ?? 10000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /bootstrap\.servers=(127\.0\.0\.1:\d+(?:,127\.0\.0\.1:\d+)*)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
      if (seen.length > 65536) seen = seen.slice(-4096);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run kcat (install it with scripts/setup-test-deps.sh): ${err.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(`kcat exited with code ${code} before printing bootstrap.servers: ${seen.slice(-500)}`),
      );
    });
  });
  // Keep draining the debug output so kcat never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr?.resume();
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  child.stdout?.on('data', () => undefined);
  child.stderr?.on('data', () => undefined);

  return {
    brokers,
    pid: child.pid ?? -1,
    async stop() {
      if (exited) return;
      child.stdin?.end();
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.kill('SIGTERM');
      await exitPromise;
      clearTimeout(killTimer);
    },
  };
}
