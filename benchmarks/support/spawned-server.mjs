// Servers started with their own command line (`seldon-microservice …`, the reference's
// `seldon-core-microservice …`) in their own process group, for benchmarks that measure them as
// deployed: free ports, readiness by polling, CPU of the whole process tree, stopping the group.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { requestOnce } from './rest-client.mjs';
import { treeCpuUs } from './proc-cpu.mjs';

/** A TCP port free on this machine right now (the server under test binds it next). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `command args` with `env` in its own process group, stdout and stderr appended to
 * `logFile`; returns `{ pid, child, startedAt, exited }` (`startedAt`: performance.now() just
 * before the spawn; `exited`: a promise of the exit code).
 */
export function spawnServer({ command, args, env, cwd, logFile }) {
  const fd = openSync(logFile, 'a');
  const startedAt = performance.now();
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { pid: child.pid, child, startedAt, exited };
}

/**
 * Polls `method path` on `port` every `intervalMs` until it answers 200; resolves with the
 * performance.now() of that answer. Fails when the server exits or `deadlineMs` passes (the
 * message points at `logFile`).
 */
export async function waitFor200(
  server,
  port,
  { method = 'GET', path, body, deadlineMs = 120_000, intervalMs = 10, logFile },
) {
  let exitCode;
  server.exited.then((code) => (exitCode = code));
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    if (exitCode !== undefined)
      throw new Error(`server exited (${exitCode}) before ${path} answered 200; see ${logFile}`);
    const left = deadline - performance.now();
    if (left <= 0) throw new Error(`${path} on port ${port}: no 200 within ${deadlineMs} ms; see ${logFile}`);
    try {
      // A listening socket whose worker is still loading keeps the request pending: wait for it.
      const { status } = await requestOnce(port, method, path, body, left);
      if (status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
}

/** CPU µs used so far by the server's whole process tree (gunicorn workers included). */
export function serverCpuUs(server) {
  return treeCpuUs(server.pid);
}

/** SIGTERM to the server's process group, SIGKILL after `graceMs`; resolves once it exited. */
export async function stopServer(server, graceMs = 5000) {
  const signal = (sig) => {
    try {
      process.kill(-server.pid, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const done = await Promise.race([server.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!done) signal('SIGKILL');
  // Workers of the group may outlive the leader for a moment; make sure none stays.
  await sleep(50);
  signal('SIGKILL');
  await server.exited;
}
