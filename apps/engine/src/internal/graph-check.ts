// Start-time checks of a predictor's graph. Each message names the node and the problem, so an
// invalid graph refuses to start instead of failing on the first request.
import { BUILTIN_IMPLEMENTATIONS } from '@seldon-ts/crd-types/constants';
import type { PredictorSpec, PredictiveUnit } from '@seldon-ts/crd-types';
import { EngineError } from '../errors.js';

const TYPES = new Set(['MODEL', 'TRANSFORMER', 'OUTPUT_TRANSFORMER', 'ROUTER', 'COMBINER', 'UNKNOWN_TYPE']);
const METHODS = new Set(['TRANSFORM_INPUT', 'TRANSFORM_OUTPUT', 'ROUTE', 'AGGREGATE', 'SEND_FEEDBACK']);
const BUILTINS: ReadonlySet<string> = new Set(BUILTIN_IMPLEMENTATIONS);
const LOGGER_MODES = new Set(['all', 'request', 'response']);

/** True when the engine makes remote calls to this node (02 §7 table). */
export function nodeIsRemote(unit: PredictiveUnit): boolean {
  if (unit.implementation && BUILTINS.has(unit.implementation) && !unit.methods?.length) return false;
  if (unit.methods?.length) return true;
  return unit.type !== undefined && unit.type !== 'UNKNOWN_TYPE'
    ? true
    : Boolean(unit.implementation && !BUILTINS.has(unit.implementation));
}

function fail(path: string, name: string | undefined, problem: string): never {
  throw new EngineError(
    'SC_ERR_ENGINE_GRAPH_INVALID',
    `invalid graph: node "${name ?? '?'}" (at ${path}): ${problem}`,
  );
}

/** Structural checks that do not depend on how nodes are reached. */
export function validateGraph(predictor: PredictorSpec, _transport: string): void {
  if (!predictor || typeof predictor !== 'object')
    throw new EngineError('SC_ERR_ENGINE_GRAPH_INVALID', 'invalid predictor: not an object');
  if (!predictor.graph || typeof predictor.graph !== 'object') {
    throw new EngineError(
      'SC_ERR_ENGINE_GRAPH_INVALID',
      `invalid predictor "${predictor.name}": it has no graph`,
    );
  }
  const seen = new Map<string, string>();
  const walk = (unit: PredictiveUnit, path: string) => {
    if (!unit || typeof unit !== 'object') fail(path, undefined, 'not an object');
    if (typeof unit.name !== 'string' || unit.name === '') fail(path, undefined, 'missing "name"');
    const previous = seen.get(unit.name);
    if (previous) fail(path, unit.name, `duplicate node name (also at ${previous})`);
    seen.set(unit.name, path);
    if (unit.type !== undefined && !TYPES.has(unit.type))
      fail(path, unit.name, `unknown type "${unit.type}" (expected one of ${[...TYPES].join(', ')})`);
    for (const m of unit.methods ?? [])
      if (!METHODS.has(m))
        fail(path, unit.name, `unknown method "${m}" (expected one of ${[...METHODS].join(', ')})`);
    if (unit.logger && unit.logger.mode !== undefined && !LOGGER_MODES.has(unit.logger.mode)) {
      fail(path, unit.name, `logger.mode must be request, response or all, got "${unit.logger.mode}"`);
    }
    if (unit.children !== undefined && !Array.isArray(unit.children))
      fail(path, unit.name, '"children" must be a list');
    const kids = unit.children ?? [];
    if ((unit.type === 'ROUTER' || unit.methods?.includes('ROUTE')) && kids.length === 0)
      fail(path, unit.name, 'a ROUTER needs at least one child');
    if (unit.implementation === 'RANDOM_ABTEST' && kids.length !== 2)
      fail(path, unit.name, `RANDOM_ABTEST needs exactly 2 children, has ${kids.length}`);
    if ((unit.type === 'COMBINER' || unit.methods?.includes('AGGREGATE')) && kids.length === 0)
      fail(path, unit.name, 'a COMBINER needs at least one child');
    for (const p of unit.parameters ?? []) {
      if (!p || typeof p.name !== 'string') fail(path, unit.name, 'a parameter has no name');
    }
    kids.forEach((child, i) => walk(child, `${path}.children[${i}]`));
  };
  walk(predictor.graph, 'graph');
}

/** Checks every remote node has an address for the given transport. */
export function validateEndpoints(predictor: PredictorSpec, transport: 'rest' | 'grpc'): void {
  const walk = (unit: PredictiveUnit, path: string) => {
    if (nodeIsRemote(unit)) {
      const ep = unit.endpoint;
      if (!ep)
        fail(
          path,
          unit.name,
          'has no endpoint (service_host and httpPort/grpcPort) but the engine must call it',
        );
      if (!ep.service_host) fail(path, unit.name, 'endpoint.service_host is empty');
      const port =
        transport === 'grpc'
          ? (ep.grpcPort ?? (ep.type === 'GRPC' ? ep.service_port : undefined))
          : (ep.httpPort ?? (ep.type !== 'GRPC' ? ep.service_port : undefined));
      if (!port || !Number.isInteger(port) || port <= 0 || port > 65535) {
        fail(
          path,
          unit.name,
          `endpoint.${transport === 'grpc' ? 'grpcPort' : 'httpPort'} must be a port 1..65535, got ${port}`,
        );
      }
    }
    (unit.children ?? []).forEach((c, i) => walk(c, `${path}.children[${i}]`));
  };
  walk(predictor.graph, 'graph');
}
