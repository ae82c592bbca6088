import { WrapperError } from './errors.js';

/** The parameter types of a predictive unit (`graph.parameters[].type`). */
export type ParameterType = 'INT' | 'FLOAT' | 'DOUBLE' | 'STRING' | 'BOOL';

/** One entry of `PREDICTIVE_UNIT_PARAMETERS` as the operator writes it. */
export interface ParameterSpec {
  name: string;
  value: string;
  type: ParameterType;
}

/** Converted parameters, passed to the component's constructor as one object. */
export type ComponentParameters = Record<string, string | number | boolean>;

const VALID_TYPES = 'INT, FLOAT, DOUBLE, STRING, BOOL';
const INT_RE = /^\s*[+-]?\d+(_\d+)*\s*$/;
// Python's float(): decimal/exponent forms, inf/infinity/nan, surrounding whitespace.
const FLOAT_RE = /^\s*[+-]?((\d+(_\d+)*)?\.?\d+(_\d+)*([eE][+-]?\d+)?|\d+\.|inf|infinity|nan)\s*$/i;
const TRUE_WORDS = new Set(['y', 'yes', 't', 'true', 'on', '1']);
const FALSE_WORDS = new Set(['n', 'no', 'f', 'false', 'off', '0']);

function bad(name: string, value: unknown, type: string): WrapperError {
  return new WrapperError(
    'SC_ERR_WRAPPER_BAD_PARAMETER',
    `Bad model parameter: ${name} with value ${String(value)} can't be parsed as a ${type}`,
  );
}

function parseFloatLikePython(text: string): number {
  const t = text.trim().replace(/_/g, '').toLowerCase();
  if (t === 'nan' || t === '+nan' || t === '-nan') return Number.NaN;
  if (/^[+]?inf(inity)?$/.test(t)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/.test(t)) return Number.NEGATIVE_INFINITY;
  return Number(t);
}

/** Converts one parameter value by the reference's rules (05 §3). */
export function convertParameter(spec: ParameterSpec): string | number | boolean {
  const { name, value, type } = spec;
  const text = String(value);
  switch (type) {
    case 'INT': {
      if (!INT_RE.test(text)) throw bad(name, value, type);
      const n = Number(text.trim().replace(/_/g, ''));
      if (!Number.isSafeInteger(n)) throw bad(name, value, type);
      return n;
    }
    case 'FLOAT':
    case 'DOUBLE': {
      if (!FLOAT_RE.test(text)) throw bad(name, value, type);
      return parseFloatLikePython(text);
    }
    case 'STRING':
      return text;
    case 'BOOL': {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      throw bad(name, value, type);
    }
    default:
      throw new WrapperError(
        'SC_ERR_WRAPPER_BAD_PARAMETER',
        `Bad model parameter type: ${String(type)} valid are ${VALID_TYPES}`,
      );
  }
}

/**
 * Parses `PREDICTIVE_UNIT_PARAMETERS` / `--parameters` (a JSON list of `{name, value, type}`)
 * into the object given to the component's constructor. An empty string means no parameters.
 * @throws WrapperError `SC_ERR_WRAPPER_BAD_PARAMETER`
 */
export function parseParameters(json: string | undefined | ParameterSpec[]): ComponentParameters {
  if (json === undefined) return {};
  let list: unknown;
  if (typeof json === 'string') {
    if (json.trim() === '') return {};
    try {
      list = JSON.parse(json);
    } catch (err) {
      throw new WrapperError(
        'SC_ERR_WRAPPER_BAD_PARAMETER',
        `Bad model parameters: not JSON (${(err as Error).message})`,
      );
    }
  } else {
    list = json;
  }
  if (!Array.isArray(list)) {
    throw new WrapperError(
      'SC_ERR_WRAPPER_BAD_PARAMETER',
      'Bad model parameters: expected a JSON list of {name, value, type}',
    );
  }
  // A null-prototype object so that a parameter named `__proto__` is just a parameter.
  const out: ComponentParameters = Object.create(null) as ComponentParameters;
  list.forEach((item: unknown, i: number) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new WrapperError('SC_ERR_WRAPPER_BAD_PARAMETER', `Bad model parameters: [${i}] is not an object`);
    }
    const { name, value, type } = item as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') {
      throw new WrapperError(
        'SC_ERR_WRAPPER_BAD_PARAMETER',
        `Bad model parameters: [${i}].name must be a non-empty string`,
      );
    }
    if (value === undefined || value === null || typeof value === 'object') {
      throw new WrapperError(
        'SC_ERR_WRAPPER_BAD_PARAMETER',
        `Bad model parameters: [${i}].value (${name}) must be a string`,
      );
    }
    out[name] = convertParameter({ name, value: String(value), type: type as ParameterType });
  });
  return { ...out };
}
