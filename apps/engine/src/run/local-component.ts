// How a graph node's container maps to something runnable on this machine.
//
// The mapping lives in annotations so the very same manifest deploys to Kubernetes unchanged:
//
//   metadata:
//     annotations:
//       seldon.io/local-classifier: "module:./classifier.ts"          # in-process (zero hops)
//       seldon.io/local-router:     "process:./router.ts:EGreedy"     # own child process
//       seldon.io/local-legacy:     "url:http://127.0.0.1:9000,grpc://127.0.0.1:9500"
//       seldon.io/local-py:         "command:python -m model --port {httpPort}"
//
// Annotations on the SeldonDeployment's metadata never reach pods (the operator does not copy
// them), so local hints there cost nothing in the cluster; they are also read from
// spec.annotations, predictor annotations and componentSpec metadata, most specific first.
import { resolve as resolvePath, isAbsolute } from 'node:path';
import type { SeldonDeployment, PredictorSpec, SeldonPodSpec } from '@seldon-ts/crd-types';
import { EngineError } from '../errors.js';

/** Annotation prefix: `seldon.io/local-<container>` names the local component of a container. */
export const LOCAL_COMPONENT_ANNOTATION_PREFIX = 'seldon.io/local-';
/** Annotation holding the JSON body the printed curl sends (any level, most specific wins). */
export const LOCAL_REQUEST_ANNOTATION = 'seldon.io/local-request';
/** Keys under the prefix that are settings, not container names. */
const RESERVED = new Set(['request']);

/** Where a module component runs. */
export type Isolation = 'inprocess' | 'process';

/** A local stand-in for one node container. */
export type LocalComponent =
  | {
      kind: 'module';
      /** Absolute path of the TS/JS module. */
      modulePath: string;
      /** Named export; the default export when absent. */
      exportName?: string;
      isolation: Isolation;
      /** The annotation value as written, for messages. */
      source: string;
    }
  | {
      kind: 'url';
      /** Base URL of the node's REST server, e.g. `http://127.0.0.1:9000`. */
      httpUrl?: URL;
      /** `host:port` of the node's gRPC server. */
      grpcAddress?: { host: string; port: number };
      source: string;
    }
  | {
      kind: 'command';
      /** Shell command; `{httpPort}`, `{grpcPort}`, `{metricsPort}` are replaced by the assigned ports. */
      command: string;
      /** Directory the command runs in (the manifest's directory). */
      cwd: string;
      source: string;
    };

const MODULE_RE = /^(.+?\.(?:ts|mts|cts|js|mjs|cjs))(?::([A-Za-z_$][\w$]*))?$/;

/**
 * Parses one `seldon.io/local-<container>` value. Relative module paths and command working
 * directories resolve against `baseDir` (the manifest's directory).
 */
export function parseLocalComponent(value: string, baseDir: string, where: string): LocalComponent {
  const text = value.trim();
  const colon = text.indexOf(':');
  const kind = colon < 0 ? '' : text.slice(0, colon);
  const rest = colon < 0 ? '' : text.slice(colon + 1).trim();
  const fail = (why: string): never => {
    throw new EngineError(
      'SC_ERR_ENGINE_RUN_COMPONENT',
      `${where}: ${why} in "${value}"; expected module:<file.ts>[:Export], process:<file.ts>[:Export], ` +
        `url:http://host:port[,grpc://host:port] or command:<shell command>`,
      { where },
    );
  };
  switch (kind) {
    case 'module':
    case 'process': {
      const m = MODULE_RE.exec(rest);
      if (!m)
        return fail('the module must be a .ts/.mts/.js/.mjs/.cjs file, optionally followed by :ExportName');
      return {
        kind: 'module',
        modulePath: isAbsolute(m[1]) ? m[1] : resolvePath(baseDir, m[1]),
        exportName: m[2],
        isolation: kind === 'module' ? 'inprocess' : 'process',
        source: text,
      };
    }
    case 'url': {
      let httpUrl: URL | undefined;
      let grpcAddress: { host: string; port: number } | undefined;
      for (const part of rest
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        let url: URL;
        try {
          url = new URL(part);
        } catch {
          return fail(`"${part}" is not a URL`);
        }
        const port = Number(url.port);
        if (url.protocol === 'http:' || url.protocol === 'https:') {
          if (httpUrl) return fail('more than one http:// URL');
          httpUrl = url;
        } else if (url.protocol === 'grpc:') {
          if (grpcAddress) return fail('more than one grpc:// URL');
          if (!url.port || !Number.isInteger(port)) return fail(`"${part}" needs a port`);
          grpcAddress = { host: url.hostname, port };
        } else {
          return fail(`"${part}" must start with http://, https:// or grpc://`);
        }
      }
      if (!httpUrl && !grpcAddress) return fail('no URL given');
      return { kind: 'url', httpUrl, grpcAddress, source: text };
    }
    case 'command':
      if (!rest) return fail('the command is empty');
      return { kind: 'command', command: rest, cwd: baseDir, source: text };
    default:
      return fail(`unknown kind "${kind}"`);
  }
}

/** Annotation maps from most to least specific for one container of one predictor. */
function annotationLayers(
  sdep: SeldonDeployment,
  predictor: PredictorSpec,
  componentSpec: SeldonPodSpec | undefined,
): Record<string, string>[] {
  return [
    componentSpec?.metadata?.annotations ?? {},
    predictor.annotations ?? {},
    sdep.spec.annotations ?? {},
    sdep.metadata?.annotations ?? {},
  ];
}

/** Finds the annotation value for `key` (most specific layer first), or undefined. */
export function findAnnotation(
  sdep: SeldonDeployment,
  predictor: PredictorSpec,
  key: string,
  componentSpec?: SeldonPodSpec,
): string | undefined {
  for (const layer of annotationLayers(sdep, predictor, componentSpec)) {
    const v = layer[key];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

/** Names of containers mentioned by `seldon.io/local-*` annotations anywhere (for typo checks). */
export function annotatedContainerNames(sdep: SeldonDeployment): Set<string> {
  const names = new Set<string>();
  const add = (a: Record<string, string> | undefined) => {
    for (const k of Object.keys(a ?? {})) {
      if (!k.startsWith(LOCAL_COMPONENT_ANNOTATION_PREFIX)) continue;
      const name = k.slice(LOCAL_COMPONENT_ANNOTATION_PREFIX.length);
      if (!RESERVED.has(name)) names.add(name);
    }
  };
  add(sdep.metadata?.annotations);
  add(sdep.spec.annotations);
  for (const p of sdep.spec.predictors ?? []) {
    add(p.annotations);
    for (const c of p.componentSpecs ?? []) add(c.metadata?.annotations);
  }
  return names;
}

/**
 * The local component for `container` of `predictor`: a `--component` override first, then the
 * annotations. Returns undefined when nothing maps the container.
 */
export function resolveLocalComponent(
  sdep: SeldonDeployment,
  predictor: PredictorSpec,
  container: string,
  options: { baseDir: string; overrides: Record<string, string>; isolation?: Isolation },
): LocalComponent | undefined {
  const where = `predictor "${predictor.name}" container "${container}"`;
  const componentSpec = (predictor.componentSpecs ?? []).find((c) =>
    (c.spec?.containers ?? []).some((k) => k.name === container),
  );
  const override = options.overrides[container];
  const value =
    override ?? findAnnotation(sdep, predictor, LOCAL_COMPONENT_ANNOTATION_PREFIX + container, componentSpec);
  if (value === undefined) return undefined;
  // Overrides given on the command line are relative to the current directory.
  const component = parseLocalComponent(
    value,
    override !== undefined ? process.cwd() : options.baseDir,
    where,
  );
  if (component.kind === 'module' && options.isolation) return { ...component, isolation: options.isolation };
  return component;
}

/** Parses `--component <container>=<spec>` values into a map. */
export function parseComponentOverrides(values: string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) {
      throw new EngineError('SC_ERR_ENGINE_RUN_USAGE', `--component expects <container>=<spec>, got "${v}"`);
    }
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}
