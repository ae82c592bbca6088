import type { CrdErrorCode } from './errors.js';
import { validate as structuralValidate } from './generated/structural-validator.js';
import { DEFAULT_PREDICTOR_SERVERS, type PredictorServersConfig } from './prepackaged.js';
import type { SeldonDeployment } from './types.js';
import { semanticErrors } from './webhook-rules.js';

/** One violation. `path` uses Kubernetes field-path syntax (`spec.predictors[0].graph`). */
export interface ValidationError {
  path: string;
  message: string;
  code: CrdErrorCode;
  /** The offending value as the reference reports it (`Invalid value: <value>`), when there is one. */
  value?: string | number;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

export interface ValidationOptions {
  /**
   * The operator's `predictor_servers` config, consulted by rule 14 for prepackaged nodes without an
   * image. Default: the v1.18.2 default config (`DEFAULT_PREDICTOR_SERVERS`).
   */
  predictorServers?: PredictorServersConfig;
  /**
   * Deepest graph accepted (root = level 1). Deeper graphs are refused before any recursive
   * processing, so hostile input cannot exhaust the stack. Default 64.
   */
  maxGraphDepth?: number;
}

/** Default of `maxGraphDepth`. */
export const DEFAULT_MAX_GRAPH_DEPTH = 64;

/**
 * First graph deeper than `maxDepth`, found without recursion and without trusting the shape of
 * `obj`; undefined when every graph fits.
 */
export function findTooDeepGraph(obj: unknown, maxDepth: number): string | undefined {
  const predictors = (obj as { spec?: { predictors?: unknown } } | null)?.spec?.predictors;
  if (!Array.isArray(predictors)) return undefined;
  for (let i = 0; i < predictors.length; i++) {
    const root = (predictors[i] as { graph?: unknown } | null)?.graph;
    const stack: [unknown, number][] = [[root, 1]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop() as [unknown, number];
      if (node === null || typeof node !== 'object') continue;
      if (depth > maxDepth) return `spec.predictors[${i}].graph`;
      const children = (node as { children?: unknown }).children;
      if (Array.isArray(children)) for (const child of children) stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  data?: unknown;
}
interface StructuralValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

/**
 * Validates a SeldonDeployment as the reference's admission webhook does (06 §7), after checking
 * its structure against the schema. Never throws; returns every violation found.
 *
 * Structural errors (missing required fields, wrong JSON types) are reported alone: the semantic
 * rules only run on a well-formed object, as the reference only validates what it could decode.
 */
export function validateSeldonDeployment(obj: unknown, options: ValidationOptions = {}): ValidationResult {
  const maxDepth = options.maxGraphDepth ?? DEFAULT_MAX_GRAPH_DEPTH;
  const tooDeep = findTooDeepGraph(obj, maxDepth);
  if (tooDeep) {
    return {
      valid: false,
      errors: [
        {
          path: tooDeep,
          message: `graph is deeper than ${maxDepth} levels`,
          code: 'SC_ERR_CRD_GRAPH_TOO_DEEP',
        },
      ],
    };
  }
  const check = structuralValidate as unknown as StructuralValidator;
  if (!check(obj)) {
    return { valid: false, errors: schemaErrors(check.errors ?? []) };
  }
  const errors = semanticErrors(
    obj as SeldonDeployment,
    options.predictorServers ?? DEFAULT_PREDICTOR_SERVERS,
  );
  return { valid: errors.length === 0, errors };
}

/** JSON pointer (`/spec/predictors/0`) to Kubernetes field path (`spec.predictors[0]`). */
export function pointerToFieldPath(pointer: string): string {
  if (pointer === '') return '';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^(0|[1-9]\d*)$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${seg}]`;
  }
  return out;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function schemaErrors(ajvErrors: AjvError[]): ValidationError[] {
  const out: ValidationError[] = [];
  const seen = new Set<string>();
  // ajv reports each failed anyOf branch before the anyOf itself; only the anyOf is useful.
  const anyOfFailures = new Set(ajvErrors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const e of ajvErrors) {
    if (e.keyword !== 'anyOf' && e.schemaPath.includes('/anyOf/') && anyOfFailures.has(e.instancePath))
      continue;
    const base = pointerToFieldPath(e.instancePath);
    let path = base;
    let message: string;
    switch (e.keyword) {
      case 'required': {
        const missing = String(e.params.missingProperty);
        path = base === '' ? missing : `${base}.${missing}`;
        message = 'Required value';
        break;
      }
      case 'type':
        message = `must be of type ${String(e.params.type)}, got ${describeType(e.data)}`;
        break;
      case 'minimum':
      case 'maximum':
        message = 'must be a 32-bit integer';
        break;
      case 'anyOf':
        message = 'must be an integer or a string';
        break;
      default:
        message = e.message ?? `failed ${e.keyword}`;
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: path || '(root)', message, code: 'SC_ERR_CRD_SCHEMA' });
  }
  return out;
}
