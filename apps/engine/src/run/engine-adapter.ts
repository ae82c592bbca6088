// The one place the local runner talks to the serving engine: it hands the engine exactly what the
// operator would give the engine container (flags, env with ENGINE_PREDICTOR, pod annotations file)
// plus, for in-process components, the runtimes to call without sockets.
import { readFileSync } from 'node:fs';
import type { InProcessComponent, NodeBinding } from '@seldon-ts/graph-executor';
import { resolveConfig } from '../config.js';
import { startEngine } from '../engine.js';
import type { EngineLogLevel } from '../internal/runtime.js';

/** A running predictor engine. */
export interface LocalEngine {
  httpPort: number;
  grpcPort: number;
  /** Resolves once every node of the graph answers. */
  ready(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export interface EngineStartInput {
  argv: string[];
  env: Record<string, string>;
  /** Content of the Downward-API annotations file. */
  annotationsText: string;
  /** In-process components by node name. */
  inProcess: Record<string, unknown>;
  /** Sink for the engine's log lines. */
  log: (line: string) => void;
  /** The graph page's try-it prefill (the deployment's example request). */
  exampleRequest?: string;
}

const VIRTUAL_ANNOTATIONS = '/seldon-engine-run/podinfo/annotations';

/** Resolves the engine configuration the same way the `seldon-engine` serve command does. */
export function resolveEngineConfig(input: EngineStartInput) {
  return resolveConfig(input.argv, input.env, {
    annotationsPath: VIRTUAL_ANNOTATIONS,
    readFile: (p) => (p === VIRTUAL_ANNOTATIONS ? input.annotationsText : readFileSync(p, 'utf8')),
  });
}

/** Starts one predictor engine in this process. */
export async function startPredictorEngine(input: EngineStartInput): Promise<LocalEngine> {
  const config = resolveEngineConfig(input);
  const nodes: Record<string, NodeBinding> = {};
  for (const [name, component] of Object.entries(input.inProcess)) {
    nodes[name] = { transport: 'in-process', component: component as InProcessComponent };
  }
  const minLevel =
    LEVELS[config.logLevel === 'DEBUG' ? 'debug' : config.logLevel === 'INFO' ? 'info' : 'warn'];
  const engine = await startEngine({
    ...config,
    ...(Object.keys(nodes).length > 0 ? { nodes } : {}),
    graphPageExample: input.exampleRequest,
    log: (level, message) => {
      if (LEVELS[level] >= minLevel)
        input.log(`[engine ${config.predictorName}] ${level.toUpperCase()} ${message}`);
    },
  });
  return {
    httpPort: engine.httpPort,
    grpcPort: engine.grpcPort,
    ready: (timeoutMs: number) => engine.ready(timeoutMs),
    async close() {
      await engine.close();
    },
  };
}

const LEVELS: Record<EngineLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
