import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { startIdentityWrapper } from './support/processes.mjs';
const w = await startIdentityWrapper();
writeFileSync('/tmp/lean/p2.json', JSON.stringify({ name: 'default', graph: { name: 'model', type: 'MODEL', endpoint: { service_host: '127.0.0.1', service_port: w.httpPort, httpPort: w.httpPort, grpcPort: w.grpcPort } } }));
const rss = (pid) => +/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1] / 1024;
const cpu = (pid) => { const s = readFileSync(`/proc/${pid}/stat`, 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return (+f[11] + +f[12]) * 10; };
const BODY = JSON.stringify({ data: { names: ['a', 'b', 'c'], ndarray: [[1.5, 2.5, 3.5]] } });
let port = 19100;
async function one(flags) {
  port += 2;
  const child = spawn(process.execPath, [...flags, 'apps/engine/dist/cli.js', '--http_port', String(port), '--grpc_port', String(port + 1), '--file', '/tmp/lean/p2.json', '--sdep', 's', '--namespace', 'n', '--predictor', 'default'], { stdio: 'ignore', env: { PATH: process.env.PATH, NODE_ENV: 'production' } });
  const t0 = performance.now();
  for (;;) { try { const r = await fetch(`http://127.0.0.1:${port}/ready`); if (r.status === 200) break; } catch {} await sleep(5); }
  const ready = performance.now() - t0;
  await sleep(1000);
  const idle = rss(child.pid);
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 64 });
  const n = 6000; let next = 0;
  const c0 = cpu(child.pid);
  await Promise.all(Array.from({ length: 64 }, async () => { while (next++ < n) { const r = await pool.request({ method: 'POST', path: '/api/v1.0/predictions', headers: { 'content-type': 'application/json' }, body: BODY }); await r.body.arrayBuffer(); } }));
  const cpuPer = (cpu(child.pid) - c0) * 1000 / n;
  const after = rss(child.pid);
  await pool.close(); child.kill('SIGKILL');
  return { ready, idle, after, cpuPer };
}
const variants = process.argv.slice(2).map((v) => (v === '-' ? [] : v.split(' ')));
const res = variants.map(() => []);
for (let r = 0; r < 3; r++) for (let i = 0; i < variants.length; i++) res[i].push(await one(variants[i]));
const med = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (let i = 0; i < variants.length; i++) console.log((variants[i].join(' ') || 'default').padEnd(40), ['ready', 'idle', 'after', 'cpuPer'].map((k) => `${k} ${med(res[i].map((x) => x[k])).toFixed(1)}`).join('  '));
process.exit(0);
