// Model metadata (01-payload §5.1): defaults from the image, the component's declaration and
// MODEL_METADATA merged, then validated against the reference's schema.
import { V2_DATATYPES, type SeldonModelMetadata } from '@seldon-ts/payload';

const V2_TYPES: ReadonlySet<string> = new Set(V2_DATATYPES);
const TOP_KEYS = new Set(['name', 'versions', 'platform', 'inputs', 'outputs', 'custom']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isIntArray = (v: unknown): boolean => Array.isArray(v) && v.every((s) => Number.isInteger(s));

function checkTensorSpec(item: unknown, where: string): string | undefined {
  if (!isObject(item)) return `${where} must be an object`;
  if ('messagetype' in item) {
    const mt = item.messagetype;
    if (typeof mt !== 'string') return `${where}.messagetype must be a string`;
    const extra = Object.keys(item).filter((k) => k !== 'messagetype' && k !== 'schema');
    if (mt === 'strData' || mt === 'binData') {
      return Object.keys(item).length === 1 ? undefined : `${where}: ${mt} takes no other keys`;
    }
    if (extra.length > 0) return `${where}: unexpected key ${extra[0]}`;
    if (item.schema === undefined) return undefined;
    if (!isObject(item.schema)) return `${where}.schema must be an object`;
    if (mt === 'tensor' || mt === 'ndarray' || mt === 'tftensor') {
      const s = item.schema;
      const bad = Object.keys(s).find((k) => k !== 'names' && k !== 'shape');
      if (bad !== undefined) return `${where}.schema: unexpected key ${bad}`;
      if (s.names !== undefined && !isStringArray(s.names))
        return `${where}.schema.names must be a list of strings`;
      if (s.shape !== undefined && !isIntArray(s.shape))
        return `${where}.schema.shape must be a list of integers`;
    }
    return undefined;
  }
  const bad = Object.keys(item).find((k) => k !== 'name' && k !== 'datatype' && k !== 'shape');
  if (bad !== undefined) return `${where}: unexpected key ${bad}`;
  if (item.name !== undefined && typeof item.name !== 'string') return `${where}.name must be a string`;
  if (item.datatype !== undefined && !V2_TYPES.has(item.datatype as string))
    return `${where}.datatype ${String(item.datatype)} is not a v2 datatype`;
  if (item.shape !== undefined && !isIntArray(item.shape)) return `${where}.shape must be a list of integers`;
  return undefined;
}

/** Returns a message naming what is wrong, or undefined when the metadata is valid. */
export function validateMetadata(meta: unknown): string | undefined {
  if (!isObject(meta)) return 'metadata must be an object';
  for (const key of Object.keys(meta)) if (!TOP_KEYS.has(key)) return `unexpected key ${key}`;
  if (meta.name !== undefined && typeof meta.name !== 'string') return 'name must be a string';
  if (meta.platform !== undefined && typeof meta.platform !== 'string') return 'platform must be a string';
  if (meta.versions !== undefined && !isStringArray(meta.versions))
    return 'versions must be a list of strings';
  if (meta.custom !== undefined) {
    if (!isObject(meta.custom)) return 'custom must be an object';
    for (const [k, v] of Object.entries(meta.custom))
      if (typeof v !== 'string') return `custom.${k} must be a string`;
  }
  for (const side of ['inputs', 'outputs'] as const) {
    const list = meta[side];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `${side} must be a list`;
    for (let i = 0; i < list.length; i++) {
      const problem = checkTensorSpec(list[i], `${side}[${i}]`);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

/** Defaults from `PREDICTIVE_UNIT_IMAGE` (name before the last `:`, version after it). */
export function metadataDefaults(image: string | undefined): SeldonModelMetadata {
  let name = '';
  let version = '';
  if (image !== undefined && image !== '') {
    const at = image.lastIndexOf(':');
    name = at >= 0 ? image.slice(0, at) : image;
    version = at >= 0 ? image.slice(at + 1) : '';
  }
  return { name, versions: [version], platform: '', inputs: [], outputs: [], custom: {} };
}

/** Parses MODEL_METADATA (JSON, or YAML when the `yaml` package is available). */
export async function parseModelMetadataEnv(text: string): Promise<unknown> {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    try {
      const yaml = (await import('yaml')) as { parse(t: string): unknown };
      return yaml.parse(text);
    } catch (err) {
      throw new Error(`MODEL_METADATA is neither JSON nor YAML: ${(err as Error).message}`);
    }
  }
}
