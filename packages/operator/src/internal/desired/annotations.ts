import type { SeldonDeployment } from '@seldon-ts/crd-types';
import { OperatorError } from '../../errors.js';

/** 07 §9: behaviour annotations are looked up in `spec.annotations` first, then `metadata.annotations`. */
export const lookupAnnotation = (sdep: SeldonDeployment, key: string): string | undefined =>
  sdep.spec.annotations?.[key] ?? sdep.metadata.annotations?.[key];

/** An integer annotation; a value that is not an integer is refused with the annotation's name. */
export function intAnnotation(sdep: SeldonDeployment, key: string, def: number): number {
  const v = lookupAnnotation(sdep, key);
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n))
    throw new OperatorError('SC_ERR_OPERATOR_BAD_ANNOTATION', `annotation ${key}="${v}" must be an integer`);
  return n;
}
