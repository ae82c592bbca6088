// Child processes of the local runner: each component process is started, watched, restarted
// with backoff when it dies (and the death is reported, never silently lost), and stopped with
// SIGTERM then SIGKILL. Children get their own process group so a shell command's grandchildren
// are stopped too, and Ctrl-C in the terminal reaches only the runner, which stops them in order.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { EngineError } from '../errors.js';

/** How to start one supervised process. */
export interface ProcessSpec {
  /** Name used in log lines, e.g. `default/classifier`. */
  name: string;
  command: string;
  args?: string[];
  /** Run `command` through the shell (for `command:` components). */
  shell?: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** A TCP port that accepts connections once the process is ready. */
  readyPort?: number;
  /** Host of `readyPort`. Default `127.0.0.1`. */
  readyHost?: string;
}

/** Supervisor settings. */
export interface SupervisorOptions {
  /** First restart delay in ms; doubles per consecutive crash. Default 250. */
  restartDelayMs?: number;
  /** Largest restart delay in ms. Default 10000. */
  maxRestartDelayMs?: number;
  /** A process that stayed up this long (ms) counts as healthy again: the delay resets. Default 30000. */
  healthyAfterMs?: number;
  /** Wait after SIGTERM before SIGKILL, in ms. Default 5000. */
  stopTimeoutMs?: number;
  /** Sink for progress lines and the children's prefixed output. Default: standard error. */
  log?: (line: string) => void;
}

/** `failed`: exited before it ever served (the start fails; no restart). */
export type ProcessState = 'starting' | 'running' | 'restarting' | 'stopping' | 'stopped' | 'failed';

/** One supervised process. */
export class SupervisedProcess {
  readonly spec: ProcessSpec;
  /** How many times the process was restarted after dying. */
  restarts = 0;
  state: ProcessState = 'starting';
  /** Until the first incarnation is ready (or a reload): an exit then fails the start, no restart. */
  private firstStart = true;
  /** Exit code or signal of the last death, for reports. */
  lastExit?: string;
  private child?: ChildProcess;
  private startedAt = 0;
  private restartTimer?: NodeJS.Timeout;
  private delayMs: number;
  private exited?: Promise<void>;
  private readonly opts: Required<SupervisorOptions>;

  constructor(spec: ProcessSpec, opts: Required<SupervisorOptions>) {
    this.spec = spec;
    this.opts = opts;
    this.delayMs = opts.restartDelayMs;
  }

  /** Process id of the current incarnation. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts (or restarts) the process. */
  spawn(): void {
    const { spec } = this;
    const child = spawn(spec.command, spec.args ?? [], {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      shell: spec.shell ?? false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.startedAt = Date.now();
    this.state = this.state === 'restarting' ? 'restarting' : 'starting';
    const prefix = `[${spec.name}] `;
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) =>
        this.opts.log(prefix + line),
      );
    }
    this.exited = new Promise<void>((resolve) => {
      child.once('error', (err) => {
        this.opts.log(`[runner] ${spec.name}: cannot start "${spec.command}": ${err.message}`);
      });
      child.once('close', (code, signal) => {
        resolve();
        if (this.child !== child) return;
        this.lastExit = signal ? `signal ${signal}` : `code ${code}`;
        this.child = undefined;
        if (this.state === 'stopping' || this.state === 'stopped') {
          this.state = 'stopped';
          return;
        }
        // Dead before it ever served: the start fails (waitReady says so) rather than announcing a
        // restart the runner is about to cancel.
        if (this.firstStart) {
          this.state = 'failed';
          return;
        }
        if (Date.now() - this.startedAt >= this.opts.healthyAfterMs) this.delayMs = this.opts.restartDelayMs;
        const delay = this.delayMs;
        this.delayMs = Math.min(this.delayMs * 2, this.opts.maxRestartDelayMs);
        this.restarts++;
        this.state = 'restarting';
        this.opts.log(
          `[runner] ${spec.name} (pid ${child.pid}) exited with ${this.lastExit}; ` +
            `restarting in ${delay} ms (restart #${this.restarts})`,
        );
        this.restartTimer = setTimeout(() => {
          this.restartTimer = undefined;
          this.spawn();
          void this.waitReady(60_000).then(
            () => this.opts.log(`[runner] ${spec.name} is back (pid ${this.pid})`),
            () => undefined,
          );
        }, delay);
        this.restartTimer.unref();
      });
    });
  }

  /** Resolves once `readyPort` accepts a TCP connection; rejects if the process dies first. */
  async waitReady(timeoutMs: number): Promise<void> {
    const { readyPort, readyHost = '127.0.0.1', name } = this.spec;
    const deadline = Date.now() + timeoutMs;
    const child = this.child;
    for (;;) {
      if (this.state === 'stopping' || this.state === 'stopped') {
        throw new EngineError('SC_ERR_ENGINE_RUN_PROCESS', `${name} was stopped while starting`, {
          where: name,
        });
      }
      if (!child || this.child !== child) {
        throw new EngineError(
          'SC_ERR_ENGINE_RUN_PROCESS',
          `${name} exited during start-up (${this.lastExit ?? 'could not start'}); its output is above`,
          { where: name },
        );
      }
      if (readyPort === undefined || (await canConnect(readyHost, readyPort))) {
        this.state = 'running';
        this.firstStart = false;
        return;
      }
      if (Date.now() > deadline) {
        throw new EngineError(
          'SC_ERR_ENGINE_RUN_START_TIMEOUT',
          `${name} did not listen on ${readyHost}:${readyPort} within ${timeoutMs} ms`,
          { where: name },
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Restarts on purpose (file change): no backoff, reported as a reload. */
  async reload(): Promise<void> {
    if (this.state === 'stopping' || this.state === 'stopped') return;
    this.state = 'stopping';
    await this.terminate();
    this.state = 'starting';
    this.firstStart = false;
    this.delayMs = this.opts.restartDelayMs;
    this.spawn();
  }

  /** Stops the process: SIGTERM to its group, SIGKILL after `stopTimeoutMs`. */
  async stop(): Promise<void> {
    this.state = 'stopping';
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    await this.terminate();
    this.state = 'stopped';
  }

  private async terminate(): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
      await this.exited;
      return;
    }
    const signalGroup = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        try {
          child.kill(sig);
        } catch {
          /* already gone */
        }
      }
    };
    signalGroup('SIGTERM');
    const timer = setTimeout(() => {
      this.opts.log(
        `[runner] ${this.spec.name} ignored SIGTERM for ${this.opts.stopTimeoutMs} ms; sending SIGKILL`,
      );
      signalGroup('SIGKILL');
    }, this.opts.stopTimeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Starts, restarts and stops a set of child processes. */
export class Supervisor {
  private readonly processes: SupervisedProcess[] = [];
  private readonly opts: Required<SupervisorOptions>;

  constructor(options: SupervisorOptions = {}) {
    this.opts = {
      restartDelayMs: options.restartDelayMs ?? 250,
      maxRestartDelayMs: options.maxRestartDelayMs ?? 10_000,
      healthyAfterMs: options.healthyAfterMs ?? 30_000,
      stopTimeoutMs: options.stopTimeoutMs ?? 5_000,
      log: options.log ?? ((line) => process.stderr.write(line + '\n')),
    };
  }

  /** Spawns a process and keeps it alive until {@link stopAll}. */
  start(spec: ProcessSpec): SupervisedProcess {
    const p = new SupervisedProcess(spec, this.opts);
    this.processes.push(p);
    p.spawn();
    return p;
  }

  /** All supervised processes. */
  list(): readonly SupervisedProcess[] {
    return this.processes;
  }

  /** Stops every process concurrently. */
  async stopAll(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop()));
  }
}

/** True when a TCP connection to host:port succeeds. */
export function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
