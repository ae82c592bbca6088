import { describe, it, expect, jest } from '@jest/globals';
import { Supervisor, canConnect } from '../src/run/supervisor.js';
import { freePort } from '../src/run/ports.js';

// Suites start real servers and processes; the repo-wide Jest default (5 s) is too tight on a busy machine.
jest.setTimeout(30_000);

// A tiny component process: listens on PORT and stays up until signalled.
const SERVER = `
const net = require('node:net');
const s = net.createServer((c) => c.end()).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening ' + process.env.PORT));
process.on('SIGTERM', () => { console.log('draining'); s.close(() => process.exit(0)); });
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('run: supervisor', () => {
  it('restarts a component process that dies and reports it', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ restartDelayMs: 50, log: (l) => lines.push(l) });
    const port = await freePort();
    const p = supervisor.start({
      name: 'default/classifier',
      command: process.execPath,
      args: ['-e', SERVER],
      env: { ...process.env, PORT: String(port) },
      readyPort: port,
    });
    try {
      await p.waitReady(10_000);
      expect(p.state).toBe('running');
      const firstPid = p.pid!;
      // The output line travels through a pipe: it may arrive after the port already answers.
      await until('the listening line', () => lines.includes(`[default/classifier] listening ${port}`));

      process.kill(firstPid, 'SIGKILL');
      await until('a new incarnation', () => p.pid !== undefined && p.pid !== firstPid);
      await p.waitReady(10_000);
      expect(p.restarts).toBe(1);
      expect(
        lines.some((l) =>
          l.includes('(pid ' + firstPid + ') exited with signal SIGKILL; restarting in 50 ms (restart #1)'),
        ),
      ).toBe(true);
      expect(await canConnect('127.0.0.1', port)).toBe(true);
    } finally {
      await supervisor.stopAll();
    }
    expect(p.state).toBe('stopped');
    expect(lines).toContain('[default/classifier] draining');
    expect(await canConnect('127.0.0.1', port)).toBe(false);
  });

  it('sends SIGKILL to a process that ignores SIGTERM', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ stopTimeoutMs: 200, log: (l) => lines.push(l) });
    const p = supervisor.start({
      name: 'stubborn',
      command: process.execPath,
      args: [
        '-e',
        "process.on('SIGTERM', () => console.log('ignored')); console.log('up'); setInterval(() => {}, 1000);",
      ],
    });
    await until('start', () => lines.includes('[stubborn] up'));
    const pid = p.pid!;
    await supervisor.stopAll();
    expect(alive(pid)).toBe(false);
    expect(lines.some((l) => l.includes('ignored SIGTERM for 200 ms; sending SIGKILL'))).toBe(true);
    expect(p.restarts).toBe(0);
  });

  it('stops the whole process group of a shell command', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ log: (l) => lines.push(l) });
    const p = supervisor.start({
      name: 'cmd',
      command: `${JSON.stringify(process.execPath)} -e "console.log('child ' + process.pid); setInterval(() => {}, 1000)" & wait`,
      shell: true,
    });
    await until('grandchild output', () => lines.some((l) => l.startsWith('[cmd] child ')));
    const grandchild = Number(
      lines
        .find((l) => l.startsWith('[cmd] child '))!
        .split(' ')
        .pop(),
    );
    expect(alive(grandchild)).toBe(true);
    await supervisor.stopAll();
    await until('grandchild gone', () => !alive(grandchild), 5000);
    expect(p.state).toBe('stopped');
  });

  it('fails start-up clearly when the process exits before listening, announcing no restart', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ restartDelayMs: 10_000, log: (l) => lines.push(l) });
    const port = await freePort();
    const p = supervisor.start({
      name: 'broken',
      command: process.execPath,
      args: ['-e', 'process.exit(3)'],
      readyPort: port,
    });
    try {
      await expect(p.waitReady(10_000)).rejects.toMatchObject({
        code: 'SC_ERR_ENGINE_RUN_PROCESS',
        message: expect.stringContaining('broken exited during start-up (code 3)'),
      });
      expect(lines.filter((l) => l.includes('restarting'))).toEqual([]);
      expect(p.state).toBe('failed');
    } finally {
      await supervisor.stopAll();
    }
  });

  it('reload restarts the process without counting a crash', async () => {
    const supervisor = new Supervisor({ log: () => undefined });
    const port = await freePort();
    const p = supervisor.start({
      name: 'watched',
      command: process.execPath,
      args: ['-e', SERVER],
      env: { ...process.env, PORT: String(port) },
      readyPort: port,
    });
    try {
      await p.waitReady(10_000);
      const before = p.pid;
      await p.reload();
      await p.waitReady(10_000);
      expect(p.pid).not.toBe(before);
      expect(p.restarts).toBe(0);
    } finally {
      await supervisor.stopAll();
    }
  });
});
