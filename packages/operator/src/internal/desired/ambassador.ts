import type { PredictorSpec, SeldonDeployment } from '@seldon-ts/crd-types';
import { stringify } from 'yaml';
import { OperatorError } from '../../errors.js';
import type { KubeObject } from '../kube/client.js';
import { intAnnotation, lookupAnnotation } from './annotations.js';
import { truncateName } from './names.js';

/** 07 §8.2: the regex prefix every gRPC protocol (Seldon, TensorFlow, v2) is matched with. */
export const AMBASSADOR_GRPC_PREFIX = '/(seldon.protos.*|tensorflow.serving.*|inference.*)/.*';
/** Above this timeout (ms) the idle timeout is raised too, or Envoy would cut long requests first. */
const IDLE_TIMEOUT_THRESHOLD_MS = 300_000;
const CIRCUIT_BREAKER_ANNOTATIONS = [
  ['max_connections', 'seldon.io/ambassador-circuit-breakers-max-connections'],
  ['max_pending_requests', 'seldon.io/ambassador-circuit-breakers-max-pending-requests'],
  ['max_requests', 'seldon.io/ambassador-circuit-breakers-max-requests'],
  ['max_retries', 'seldon.io/ambassador-circuit-breakers-max-retries'],
] as const;

/** What a predictor's (or an explainer's) Ambassador routes point at. */
export interface AmbassadorTarget {
  sdep: SeldonDeployment;
  predictor: PredictorSpec;
  /** Position of the predictor in the spec: the first one carries no weight (Ambassador gives it the rest). */
  pIndex: number;
  /** Name of the Service the routes go to (predictor Service or explainer Service). */
  service: string;
  httpPort: number;
  /** Absent for an explainer: it serves HTTP only. */
  grpcPort?: number;
  explainer: boolean;
}

/** The `seldon.io/ambassador-*` annotations, parsed and validated once. */
export interface AmbassadorSettings {
  restTimeoutMs: number;
  grpcTimeoutMs: number;
  retries: number;
  /** `seldon.io/ambassador-service-name` ?? the SeldonDeployment name. */
  serviceNameExternal: string;
  headers: Record<string, string | boolean>;
  regexHeaders: Record<string, string>;
  ambassadorId?: string;
  circuitBreaker?: Record<string, number>;
}

/** `key:value` (the value may contain `:`); a lone `key` matches on the header's presence. */
function parseHeader(
  key: string,
  value: string | undefined,
  requireValue: boolean,
): Record<string, string | boolean> {
  if (value === undefined || value.trim() === '') return {};
  const at = value.indexOf(':');
  const name = (at < 0 ? value : value.slice(0, at)).trim();
  const match = at < 0 ? undefined : value.slice(at + 1).trim();
  if (!name || (requireValue && !match))
    throw new OperatorError(
      'SC_ERR_OPERATOR_BAD_ANNOTATION',
      `annotation ${key}="${value}" must be "<header>:<${requireValue ? 'regex' : 'value'}>"`,
    );
  return { [name]: match ?? true };
}

export function ambassadorSettings(sdep: SeldonDeployment): AmbassadorSettings {
  const restTimeoutMs = intAnnotation(sdep, 'seldon.io/rest-timeout', 3000);
  const circuitBreaker: Record<string, number> = {};
  for (const [field, key] of CIRCUIT_BREAKER_ANNOTATIONS) {
    if (lookupAnnotation(sdep, key) !== undefined) circuitBreaker[field] = intAnnotation(sdep, key, 0);
  }
  const id = lookupAnnotation(sdep, 'seldon.io/ambassador-id');
  return {
    restTimeoutMs,
    grpcTimeoutMs: intAnnotation(sdep, 'seldon.io/grpc-timeout', 3000),
    retries: intAnnotation(sdep, 'seldon.io/ambassador-retries', 0),
    serviceNameExternal: lookupAnnotation(sdep, 'seldon.io/ambassador-service-name') || sdep.metadata.name!,
    headers: parseHeader(
      'seldon.io/ambassador-header',
      lookupAnnotation(sdep, 'seldon.io/ambassador-header'),
      false,
    ),
    // v1 parsed the plain header annotation here (quirk): this reads the regex annotation itself.
    regexHeaders: parseHeader(
      'seldon.io/ambassador-regex-header',
      lookupAnnotation(sdep, 'seldon.io/ambassador-regex-header'),
      true,
    ) as Record<string, string>,
    ...(id ? { ambassadorId: id } : {}),
    ...(Object.keys(circuitBreaker).length ? { circuitBreaker } : {}),
  };
}

/** The Mapping fields both API versions share, in the order v1 wrote them. */
function commonFields(
  s: AmbassadorSettings,
  target: AmbassadorTarget,
  timeoutMs: number,
  v1: boolean,
): Record<string, unknown> {
  const { predictor, pIndex, explainer } = target;
  const out: Record<string, unknown> = {};
  if (s.retries > 0) out.retry_policy = { retry_on: 'gateway-error', num_retries: s.retries };
  if (s.ambassadorId) out.ambassador_id = v1 ? s.ambassadorId : [s.ambassadorId];
  if (s.circuitBreaker) out.circuit_breakers = [s.circuitBreaker];
  // An explainer's prefix is its own, so weights and shadowing (which would hide its answers) do not apply.
  if (!explainer) {
    const traffic = predictor.traffic ?? 0;
    // v1 (YAML `omitempty`) dropped a zero weight; v2 always writes it for canaries and shadows.
    if (v1 ? pIndex > 0 && traffic !== 0 : pIndex > 0 || predictor.shadow) out.weight = traffic;
    if (predictor.shadow) out.shadow = true;
  }
  return {
    timeout_ms: timeoutMs,
    ...(timeoutMs > IDLE_TIMEOUT_THRESHOLD_MS ? { idle_timeout_ms: timeoutMs } : {}),
    ...out,
  };
}

/** Predictors whose engine serves TLS get a TLSContext the Mappings originate TLS with (explainers do not). */
const tlsSecret = (t: AmbassadorTarget) =>
  t.explainer ? undefined : t.predictor.ssl?.certSecretName || undefined;

/**
 * 07 §8.2, `AMBASSADOR_VERSION=v1`: the `getambassador.io/config` annotation of the predictor (or
 * explainer) Service, `---`-separated YAML documents. `seldon.io/ambassador-config` replaces it verbatim.
 */
export function ambassadorV1Config(target: AmbassadorTarget, singleNamespace: boolean): string {
  const { sdep, predictor, service, httpPort, grpcPort } = target;
  const custom = lookupAnnotation(sdep, 'seldon.io/ambassador-config');
  if (custom) return custom;
  const s = ambassadorSettings(sdep);
  const ns = sdep.metadata.namespace!;
  const sdepName = sdep.metadata.name!;
  const core = target.explainer ? `${predictor.name}-explainer` : predictor.name;
  const restExternal = target.explainer
    ? `${s.serviceNameExternal}-explainer/${predictor.name}`
    : s.serviceNameExternal;
  const secret = tlsSecret(target);
  const docs: Record<string, unknown>[] = [];
  for (const namespaced of singleNamespace ? [true, false] : [true]) {
    const scope = namespaced ? `${ns}_${sdepName}` : sdepName;
    const tlsName = `seldon_${scope}_${core}_tls_config`;
    const tail = (timeoutMs: number) => ({
      ...commonFields(s, target, timeoutMs, true),
      ...(secret ? { tls: tlsName } : {}),
    });
    docs.push({
      apiVersion: 'ambassador/v1',
      kind: 'Mapping',
      name: `seldon_${scope}_${core}_rest_mapping`,
      prefix: namespaced ? `/seldon/${ns}/${restExternal}/` : `/seldon/${restExternal}/`,
      rewrite: '/',
      service: `${service}.${ns}:${httpPort}`,
      ...tail(s.restTimeoutMs),
      ...(Object.keys(s.headers).length ? { headers: s.headers } : {}),
      ...(Object.keys(s.regexHeaders).length ? { regex_headers: s.regexHeaders } : {}),
    });
    if (grpcPort !== undefined) {
      docs.push({
        apiVersion: 'ambassador/v1',
        kind: 'Mapping',
        name: `seldon_${scope}_${core}_grpc_mapping`,
        grpc: true,
        prefix: AMBASSADOR_GRPC_PREFIX,
        prefix_regex: true,
        rewrite: '',
        service: `${service}.${ns}:${grpcPort}`,
        ...tail(s.grpcTimeoutMs),
        headers: { seldon: s.serviceNameExternal, ...(namespaced ? { namespace: ns } : {}), ...s.headers },
        ...(Object.keys(s.regexHeaders).length ? { regex_headers: s.regexHeaders } : {}),
      });
    }
    // v1 emitted the namespaced Mappings with the non-namespaced TLSContext name (quirk); each
    // TLSContext here carries the name its Mappings refer to.
    if (secret)
      docs.push({ apiVersion: 'ambassador/v1', kind: 'TLSContext', name: tlsName, hosts: [], secret });
  }
  return docs.map((d) => `---\n${stringify(d, { lineWidth: 0 })}`).join('');
}

/**
 * 07 §8.2, `AMBASSADOR_VERSION=v2`: `getambassador.io/v2` Mapping objects (and a TLSContext object
 * when the predictor serves TLS). Object names are DNS-1123 (v1 used underscores in some).
 */
export function ambassadorV2Objects(
  target: AmbassadorTarget,
  singleNamespace: boolean,
  meta: (name: string, labels: Record<string, string>) => KubeObject['metadata'],
): KubeObject[] {
  const { sdep, predictor, service, httpPort, grpcPort } = target;
  const s = ambassadorSettings(sdep);
  const ns = sdep.metadata.namespace!;
  const sdepName = sdep.metadata.name!;
  const core = target.explainer ? `${predictor.name}-explainer` : predictor.name;
  const restExternal = target.explainer
    ? `${s.serviceNameExternal}-explainer/${predictor.name}`
    : s.serviceNameExternal;
  const secret = tlsSecret(target);
  const out: KubeObject[] = [];
  for (const namespaced of singleNamespace ? [true, false] : [true]) {
    const base = namespaced ? `seldon-${ns}-${sdepName}-${core}` : `seldon-${sdepName}-${core}`;
    const tlsName = truncateName(`${base}-tls`);
    const common = {
      ...commonFields(s, target, s.restTimeoutMs, false),
      ...(secret ? { tls: tlsName } : {}),
      ...(Object.keys(s.regexHeaders).length ? { regex_headers: s.regexHeaders } : {}),
    };
    out.push({
      apiVersion: 'getambassador.io/v2',
      kind: 'Mapping',
      metadata: meta(truncateName(`${base}-rest`), {}),
      spec: {
        prefix: namespaced ? `/seldon/${ns}/${restExternal}/` : `/seldon/${restExternal}/`,
        rewrite: '/',
        service: `${service}.${ns}:${httpPort}`,
        cluster_tag: 'seldon_http',
        ...(Object.keys(s.headers).length ? { headers: s.headers } : {}),
        ...common,
      },
    });
    if (grpcPort !== undefined) {
      out.push({
        apiVersion: 'getambassador.io/v2',
        kind: 'Mapping',
        metadata: meta(truncateName(`${base}-grpc`), {}),
        spec: {
          prefix: AMBASSADOR_GRPC_PREFIX,
          prefix_regex: true,
          rewrite: '',
          grpc: true,
          service: `${service}.${ns}:${grpcPort}`,
          cluster_tag: 'seldon_grpc',
          headers: { seldon: s.serviceNameExternal, ...(namespaced ? { namespace: ns } : {}), ...s.headers },
          ...common,
        },
      });
    }
    if (secret) {
      out.push({
        apiVersion: 'getambassador.io/v2',
        kind: 'TLSContext',
        metadata: meta(tlsName, {}),
        spec: { hosts: [], secret, ...(s.ambassadorId ? { ambassador_id: [s.ambassadorId] } : {}) },
      });
    }
  }
  return out;
}
