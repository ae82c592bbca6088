// Starting the local component of each graph node: a child process (module served by the
// `seldon-microservice` CLI, or a shell command) under the supervisor, a URL that is already
// serving, or a module loaded into this process.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EngineError } from '../errors.js';
import { freePorts } from './ports.js';
import type { Supervisor, SupervisedProcess } from './supervisor.js';
import type { NodeAddress, NodePlan } from './plan.js';

/** A started component. */
export interface StartedComponent {
  node: NodePlan;
  /** Where the engine reaches it over REST/gRPC; absent for in-process components. */
  address?: NodeAddress;
  metricsPort?: number;
  /** The supervised process, for `process:` and `command:` components. */
  process?: SupervisedProcess;
  /** The in-process runtime, for `module:` components served without sockets. */
  runtime?: unknown;
  /** Replaces an in-process runtime after a file change. */
  reloadRuntime?: () => Promise<unknown>;
  stop(): Promise<void>;
}

// Started with every node child: when the runner dies without a chance to stop its children
// (SIGKILL, crash), the child notices its parent is gone and shuts itself down gracefully.
const PARENT_GUARD =
  'data:text/javascript,' +
  encodeURIComponent(
    'const p=process.ppid;setInterval(()=>{if(process.ppid!==p){process.kill(process.pid,"SIGTERM")}},1000).unref();',
  );

/** Path of the `seldon-microservice` CLI (model-wrapper's built bin). */
export function microserviceCliPath(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@seldon-ts/model-wrapper/package.json');
  return join(dirname(pkg), 'dist', 'cli.js');
}

function substitute(
  command: string,
  ports: { httpPort: number; grpcPort: number; metricsPort: number },
): string {
  return command
    .replace(/\{httpPort\}/g, String(ports.httpPort))
    .replace(/\{grpcPort\}/g, String(ports.grpcPort))
    .replace(/\{metricsPort\}/g, String(ports.metricsPort));
}

/** Starts a child-process component (`process:` module or `command:`) under the supervisor. */
export async function startProcessComponent(
  node: NodePlan,
  supervisor: Supervisor,
  env: (ports: { httpPort: number; grpcPort: number; metricsPort: number }) => Record<string, string>,
): Promise<StartedComponent> {
  const [httpPort, grpcPort, metricsPort] = await freePorts(3);
  const ports = { httpPort, grpcPort, metricsPort };
  const name = `${node.predictor}/${node.name}`;
  const childEnv = { ...process.env, ...env(ports) };
  const c = node.component;
  let proc: SupervisedProcess;
  if (c.kind === 'module') {
    const target = c.exportName ? `${c.modulePath}:${c.exportName}` : c.modulePath;
    proc = supervisor.start({
      name,
      command: process.execPath,
      args: [
        '--import',
        PARENT_GUARD,
        microserviceCliPath(),
        target,
        '--service-type',
        node.serviceType,
        '--http-port',
        String(httpPort),
        '--grpc-port',
        String(grpcPort),
        '--metrics-port',
        String(metricsPort),
      ],
      cwd: dirname(c.modulePath),
      env: childEnv,
      readyPort: httpPort,
    });
  } else if (c.kind === 'command') {
    proc = supervisor.start({
      name,
      command: substitute(c.command, ports),
      shell: true,
      cwd: c.cwd,
      env: childEnv,
      readyPort: httpPort,
    });
  } else {
    throw new EngineError('SC_ERR_ENGINE_RUN_COMPONENT', `${name}: ${c.kind} components are not processes`);
  }
  return {
    node,
    address: { host: '127.0.0.1', httpPort, grpcPort },
    metricsPort,
    process: proc,
    stop: () => proc.stop(),
  };
}

/** A `url:` component: nothing to start, just an address. */
export function urlComponent(node: NodePlan): StartedComponent {
  const c = node.component;
  if (c.kind !== 'url')
    throw new EngineError('SC_ERR_ENGINE_RUN_COMPONENT', `${node.name}: not a url component`);
  const httpHost = c.httpUrl?.hostname;
  const host = (httpHost ?? c.grpcAddress?.host ?? '127.0.0.1').replace(/^\[|\]$/g, '');
  const httpPort = c.httpUrl ? Number(c.httpUrl.port || (c.httpUrl.protocol === 'https:' ? 443 : 80)) : 0;
  return {
    node,
    address: { host, httpPort, grpcPort: c.grpcAddress?.port ?? 0 },
    stop: async () => undefined,
  };
}
