// The machine's floor for one more process hop: a 1-byte TCP ping-pong on loopback between two
// Node processes (no HTTP), p50 and p99 of the round trip. Every latency figure of a hop through
// the engine (or any proxy) sits on top of this; docs/benchmarks.md "Fourth pass" compares them.
// Run: node benchmarks/loopback-rtt.bench.mjs      Env: N (round trips, default 20000).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === 'echo') {
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', (data) => socket.write(data));
  });
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
} else {
  const N = Number(process.env.N ?? 20000);
  const echo = fork(fileURLToPath(import.meta.url), ['echo']);
  const [port] = await once(echo, 'message');
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await once(socket, 'connect');
  const micros = [];
  for (let i = 0; i < N; i++) {
    const t0 = process.hrtime.bigint();
    socket.write('x');
    await once(socket, 'data');
    micros.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  micros.sort((a, b) => a - b);
  const at = (q) => micros[Math.min(N - 1, Math.floor(N * q))].toFixed(0);
  console.log(
    `loopback TCP round trip between two processes: p50 ${at(0.5)} µs, p99 ${at(0.99)} µs (${N} round trips)`,
  );
  socket.destroy();
  echo.kill();
}
