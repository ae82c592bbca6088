// Module components served inside the runner's process: zero network hops between the engine
// and the component. TypeScript modules load through tsx (a dependency of model-wrapper, resolved
// from there). The engine holds a stable delegate, so a reload swaps the implementation under it
// without touching the engine.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { COMPONENT_METHODS, createComponentRuntime, parseParameters } from '@seldon-ts/model-wrapper';
import type { ComponentRuntime, ComponentRuntimeOptions } from '@seldon-ts/model-wrapper';
import { EngineError } from '../errors.js';
import type { NodePlan } from './plan.js';
import type { StartedComponent } from './components.js';

let generation = 0;

/** URL of tsx's ESM API, resolved from model-wrapper (which depends on tsx) with the `import` condition. */
function tsxEsmApiUrl(): string {
  const require = createRequire(import.meta.url);
  const wrapperPkg = require.resolve('@seldon-ts/model-wrapper/package.json');
  const tsxPkgPath = createRequire(wrapperPkg).resolve('tsx/package.json');
  const tsxPkg = JSON.parse(readFileSync(tsxPkgPath, 'utf8')) as {
    exports?: Record<string, { import?: { default?: string } | string }>;
  };
  const entry = tsxPkg.exports?.['./esm/api'];
  const target =
    typeof entry === 'object' && typeof entry.import === 'object' ? entry.import.default : undefined;
  return pathToFileURL(join(dirname(tsxPkgPath), target ?? 'dist/esm/api/index.mjs')).href;
}

let tsxRegistered: Promise<void> | undefined;

/**
 * Imports a component module (.ts through tsx's loader hooks, .js/.mjs natively). The hooks are
 * registered process-wide rather than through a scoped `tsImport`, so the component shares this
 * process's instance of @seldon-ts/model-wrapper (its `NdArray` class and friends). A reload
 * imports the module file again under a new query string; files it imports stay cached.
 */
export async function importComponentModule(modulePath: string): Promise<Record<string, unknown>> {
  if (/\.(m|c)?ts$/.test(modulePath)) {
    tsxRegistered ??= import(tsxEsmApiUrl()).then((api: { register: () => unknown }) => {
      api.register();
    });
    await tsxRegistered;
  }
  const url = pathToFileURL(modulePath).href;
  const version = generation++;
  return (await import(version === 0 ? url : `${url}?reload=${version}`)) as Record<string, unknown>;
}

type ImportModule = (modulePath: string) => Promise<Record<string, unknown>>;
type Log = (line: string) => void;

/** The wrapper code of a component error, for messages (`SC_ERR_WRAPPER_BAD_COMPONENT: ...`). */
function withCode(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const message = (err as Error).message;
  return typeof code === 'string' ? `${code}: ${message}` : message;
}

/** Stack of what the component threw (the cause of a wrapper error), on its own lines. */
function causeStack(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error && cause.stack !== undefined ? `\n${cause.stack}` : '';
}

async function createRuntime(
  node: NodePlan,
  env: Record<string, string>,
  importModule: ImportModule,
  log: Log,
): Promise<ComponentRuntime> {
  const c = node.component;
  if (c.kind !== 'module')
    throw new EngineError('SC_ERR_ENGINE_RUN_COMPONENT', `${node.name}: not a module component`);
  const where = `predictor "${node.predictor}" node "${node.name}"`;
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(c.modulePath);
  } catch (err) {
    const message = (err as Error).message;
    // Node decides ESM vs CommonJS from the nearest package.json; a .ts file with `export` outside
    // an ESM package fails with an unhelpful message.
    const hint = /require\(\) ES Module|Unexpected token 'export'|Cannot use import statement/.test(message)
      ? ' (hint: put the module in a package whose package.json has "type": "module", or name it .mts)'
      : '';
    throw new EngineError(
      'SC_ERR_ENGINE_RUN_COMPONENT',
      `${where}: cannot load ${c.modulePath}: ${message}${hint}`,
      {
        where,
        cause: err,
      },
    );
  }
  const exportName = c.exportName ?? 'default';
  let exported = mod[exportName];
  // A CommonJS or tsx-compiled module may nest the default export one level down.
  if (exportName === 'default' && exported && typeof exported === 'object' && 'default' in exported) {
    exported = (exported as Record<string, unknown>).default;
  }
  if (exported === undefined) {
    throw new EngineError(
      'SC_ERR_ENGINE_RUN_COMPONENT',
      `${where}: ${c.modulePath} has no export "${exportName}" (exports: ${Object.keys(mod).join(', ') || 'none'})`,
      { where },
    );
  }
  // Logged here, where the component runs, as `seldon-microservice` logs it for process: nodes;
  // the engine only answers the caller with the error body.
  const prefix = `[${node.predictor}/${node.name}]`;
  const onError: ComponentRuntimeOptions['onError'] = (report) => {
    if (!report.serverError) return; // 4xx user errors: the caller has the answer; no DEBUG level here.
    log(
      `${prefix} ERROR ${report.method} failed: ${report.error.code}: ${report.error.message}` +
        (report.stack === undefined ? '' : `\n${report.stack}`),
    );
  };
  let runtime: ComponentRuntime;
  try {
    runtime = createComponentRuntime(exported as never, {
      parameters: parseParameters(env.PREDICTIVE_UNIT_PARAMETERS),
      unitId: node.name,
      unitImage: env.PREDICTIVE_UNIT_IMAGE,
      env: { ...process.env, ...env },
      onError,
    });
  } catch (err) {
    throw new EngineError('SC_ERR_ENGINE_RUN_COMPONENT', `${where}: ${withCode(err)}${causeStack(err)}`, {
      where,
      cause: err,
    });
  }
  try {
    await runtime.load();
  } catch (err) {
    throw new EngineError(
      'SC_ERR_ENGINE_RUN_COMPONENT',
      `${where}: load() failed: ${withCode(err)}${causeStack(err)}`,
      {
        where,
        cause: err,
      },
    );
  }
  return runtime;
}

/** Loads a `module:` component into this process. */
export async function loadInProcessComponent(
  node: NodePlan,
  env: Record<string, string>,
  importModule: ImportModule = importComponentModule,
  log: Log = (line) => process.stderr.write(line + '\n'),
): Promise<StartedComponent> {
  let current = await createRuntime(node, env, importModule, log);
  // The delegate the engine holds: it forwards to whichever runtime is current.
  const delegate: Record<string, unknown> = {};
  for (const m of COMPONENT_METHODS) {
    delegate[m] = (...args: unknown[]) => (current[m] as (...a: unknown[]) => unknown).apply(current, args);
  }
  delegate.has = (method: Parameters<ComponentRuntime['has']>[0]) => current.has(method);
  delegate.load = () => current.load();
  return {
    node,
    runtime: delegate,
    async reloadRuntime() {
      const next = await createRuntime(node, env, importModule, log);
      const previous = current;
      current = next;
      await previous.close().catch(() => undefined);
      return delegate;
    },
    stop: () => current.close(),
  };
}
