// Fields a SeldonDeployment names that neither the CRD nor the Kubernetes objects it embeds know:
// almost always a typo (`imgae:`, `componentSpec:`). The API server drops such fields without a word
// (and the webhook, like the reference's, stays lenient), so the local tools name them, with the
// nearest known name.
import { seldonDeploymentSpecSchema, type JsonSchema } from './schema.js';
import { EMBEDDED_SHAPES, OBJECT_META_SHAPE, type KubernetesShape } from './kubernetes-fields.js';

/** One unknown field: where it is, and the known name it is most likely a misspelling of. */
export interface UnknownField {
  /** Field path of the unknown key, e.g. `spec.predictors[0].componentSpec`. */
  path: string;
  /** The nearest known name at that place, when one is close enough. */
  suggestion?: string;
}

const ROOT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];

/** Levenshtein distance with a transposition counted as one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...new Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known name `field` most likely meant: same letters in another case, or a few edits away. */
export function nearestName(field: string, known: readonly string[]): string | undefined {
  const lower = field.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  const limit = Math.max(1, Math.floor(field.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const k of known) {
    const distance = editDistance(lower, k.toLowerCase());
    if (distance < bestDistance) {
      best = k;
      bestDistance = distance;
    }
  }
  return best;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

class Walker {
  readonly found: UnknownField[] = [];

  private report(path: string, field: string, known: readonly string[]): void {
    const suggestion = nearestName(field, known);
    this.found.push({ path: `${path}.${field}`, ...(suggestion ? { suggestion } : {}) });
  }

  private resolve(schema: JsonSchema): JsonSchema {
    if (schema.$ref === undefined) return schema;
    const name = schema.$ref.replace('#/$defs/', '');
    return seldonDeploymentSpecSchema.$defs?.[name] ?? {};
  }

  schema(value: unknown, schemaIn: JsonSchema, path: string): void {
    const schema = this.resolve(schemaIn);
    if (Array.isArray(value)) {
      if (schema.items) value.forEach((v, i) => this.schema(v, schema.items!, `${path}[${i}]`));
      return;
    }
    if (!isObject(value)) return;
    if (schema['x-kubernetes-preserve-unknown-fields']) {
      const shape = schema.description?.startsWith('metav1.ObjectMeta')
        ? OBJECT_META_SHAPE
        : EMBEDDED_SHAPES[schema.description ?? ''];
      if (shape) this.shape(value, shape, path);
      return;
    }
    if (schema.additionalProperties) {
      for (const [k, v] of Object.entries(value)) this.schema(v, schema.additionalProperties, `${path}.${k}`);
      return;
    }
    const properties = schema.properties;
    if (!properties) return;
    const known = Object.keys(properties);
    for (const [k, v] of Object.entries(value)) {
      if (k in properties) this.schema(v, properties[k], `${path}.${k}`);
      else this.report(path, k, known);
    }
  }

  shape(value: unknown, shape: KubernetesShape, path: string): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.shape(v, shape, `${path}[${i}]`));
      return;
    }
    if (!isObject(value)) return;
    for (const [k, v] of Object.entries(value)) {
      if (!shape.fields.includes(k)) this.report(path, k, shape.fields);
      else if (shape.nested?.[k]) this.shape(v, shape.nested[k], `${path}.${k}`);
    }
  }
}

/**
 * Lists the fields of a SeldonDeployment that the CRD schema and the embedded Kubernetes objects
 * (PodSpec, Container, ObjectMeta) do not define, each with the nearest known name. `status` and
 * objects this package does not describe field by field (affinity, volumes, ...) are not checked.
 */
export function findUnknownFields(sdep: unknown): UnknownField[] {
  const walker = new Walker();
  if (!isObject(sdep)) return walker.found;
  for (const [k, v] of Object.entries(sdep)) {
    if (!ROOT_FIELDS.includes(k)) {
      const suggestion = nearestName(k, ROOT_FIELDS);
      walker.found.push({ path: k, ...(suggestion ? { suggestion } : {}) });
    } else if (k === 'metadata') walker.shape(v, OBJECT_META_SHAPE, 'metadata');
    else if (k === 'spec') walker.schema(v, seldonDeploymentSpecSchema, 'spec');
  }
  return walker.found;
}

/** `spec.predictors[0].componentSpec: unknown field (did you mean "componentSpecs"?)` */
export function formatUnknownField(field: UnknownField): string {
  return `${field.path}: unknown field${field.suggestion ? ` (did you mean "${field.suggestion}"?)` : ''}`;
}
