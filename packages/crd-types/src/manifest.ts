import { parseAllDocuments } from 'yaml';
import { CrdError } from './errors.js';
import { SELDON_API_VERSIONS, SELDON_GROUP, type SeldonDeployment } from './types.js';
import type { ValidationError } from './validate.js';

/** Options of the manifest loader. */
export interface ParseOptions {
  /** Largest accepted manifest text, in bytes (UTF-8). Default 4 MiB. */
  maxBytes?: number;
  /** Most YAML alias expansions per document (guards against "billion laughs"). Default 100. */
  maxAliasCount?: number;
}

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
const ACCEPTED_API_VERSIONS = new Set(SELDON_API_VERSIONS.map((v) => `${SELDON_GROUP}/${v}`));

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every SeldonDeployment in a YAML or JSON text: multi-document files (`---`) and `kind: List`
 * wrappers are supported, documents of other kinds are skipped. Accepts `apiVersion`
 * `machinelearning.seldon.io/v1`, `v1alpha2` and `v1alpha3` (one schema; kept as written).
 * Throws `CrdError` (`SC_ERR_CRD_PARSE`, `SC_ERR_CRD_NOT_SELDON_DEPLOYMENT`) naming the document.
 * The result is not validated: use `validateSeldonDeployment`.
 */
export function parseSeldonDeployments(text: string, options: ParseOptions = {}): SeldonDeployment[] {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = Buffer.byteLength(text, 'utf8');
  if (size > maxBytes) {
    throw new CrdError('SC_ERR_CRD_PARSE', '', `manifest is ${size} bytes, more than maxBytes ${maxBytes}`);
  }
  const found: SeldonDeployment[] = [];
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text);
  } catch (err) {
    // e.g. a RangeError from absurdly deep nesting
    throw new CrdError('SC_ERR_CRD_PARSE', '', `not valid YAML/JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, index) => {
    const where = `document[${index}]`;
    if (doc.errors.length > 0) {
      throw new CrdError('SC_ERR_CRD_PARSE', where, `not valid YAML/JSON: ${doc.errors[0].message}`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: options.maxAliasCount ?? 100 });
    } catch (err) {
      throw new CrdError('SC_ERR_CRD_PARSE', where, (err as Error).message, { cause: err });
    }
    if (value === null || value === undefined) return;
    if (!isObject(value))
      throw new CrdError('SC_ERR_CRD_PARSE', where, 'a document must be a mapping (an object)');
    const items = value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
    items.forEach((item, i) => {
      const at = items.length > 1 || item !== value ? `${where}.items[${i}]` : where;
      if (!isObject(item) || item.kind !== 'SeldonDeployment') return;
      if (typeof item.apiVersion !== 'string' || !ACCEPTED_API_VERSIONS.has(item.apiVersion)) {
        throw new CrdError(
          'SC_ERR_CRD_NOT_SELDON_DEPLOYMENT',
          `${at}.apiVersion`,
          `expected one of ${[...ACCEPTED_API_VERSIONS].join(', ')}, got ${JSON.stringify(item.apiVersion)}`,
        );
      }
      found.push(item as unknown as SeldonDeployment);
    });
  });
  return found;
}

/**
 * The single SeldonDeployment of a YAML or JSON text (other kinds in a multi-document file are
 * ignored). Throws `SC_ERR_CRD_EMPTY` when there is none and `SC_ERR_CRD_PARSE` when there are several.
 */
export function parseSeldonDeployment(text: string, options: ParseOptions = {}): SeldonDeployment {
  const all = parseSeldonDeployments(text, options);
  if (all.length === 0) throw new CrdError('SC_ERR_CRD_EMPTY', '', 'no document with kind: SeldonDeployment');
  if (all.length > 1) {
    throw new CrdError(
      'SC_ERR_CRD_PARSE',
      '',
      `expected one SeldonDeployment, found ${all.length} (use parseSeldonDeployments)`,
    );
  }
  return all[0];
}

function formatValue(value: string | number): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** One violation as Kubernetes prints it: `<path>: Invalid value: "<v>": <message>`. */
export function formatValidationError(error: ValidationError): string {
  return error.value === undefined
    ? `${error.path}: ${error.message}`
    : `${error.path}: Invalid value: ${formatValue(error.value)}: ${error.message}`;
}

/** Human-readable list, one violation per line with its code, for CLIs. */
export function formatValidationErrors(errors: readonly ValidationError[]): string {
  return errors.map((e) => `  - ${formatValidationError(e)} [${e.code}]`).join('\n');
}

/**
 * The admission webhook's denial message, as the reference words it (including the misspelt
 * group): `SeldonDeployment.machinelearing.seldon.io "<name>" is invalid: [<e1>, <e2>]`.
 */
export function formatAdmissionMessage(name: string, errors: readonly ValidationError[]): string {
  const messages = [...new Set(errors.map(formatValidationError))];
  const body = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
  return `SeldonDeployment.machinelearing.seldon.io ${JSON.stringify(name)} is invalid: ${body}`;
}
