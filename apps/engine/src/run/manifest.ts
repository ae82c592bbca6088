// Reading the SeldonDeployment: the same validation the Kubernetes admission webhook applies and
// the same defaulting the operator applies before it hands a predictor to the engine.
import { readFileSync } from 'node:fs';
import {
  parseSeldonDeployment,
  validateSeldonDeployment,
  defaultSeldonDeployment,
  formatValidationErrors,
  findUnknownFields,
  formatUnknownField,
} from '@seldon-ts/crd-types';
import type { SeldonDeployment } from '@seldon-ts/crd-types';
import { EngineError } from '../errors.js';

/** Reads and parses the manifest; a multi-document file must hold exactly one SeldonDeployment. */
export function readManifest(path: string): SeldonDeployment {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new EngineError('SC_ERR_ENGINE_RUN_MANIFEST', `cannot read ${path}: ${(err as Error).message}`, {
      where: path,
      cause: err,
    });
  }
  return parseManifest(text, path);
}

/** Parses manifest text (YAML or JSON). */
export function parseManifest(text: string, where: string): SeldonDeployment {
  try {
    return parseSeldonDeployment(text);
  } catch (err) {
    throw new EngineError('SC_ERR_ENGINE_RUN_MANIFEST', `${where}: ${(err as Error).message}`, {
      where,
      cause: err,
    });
  }
}

/** Applies the admission webhook's rules; throws with every violation listed. */
export function validateManifest(sdep: SeldonDeployment, where: string): void {
  const result = validateSeldonDeployment(sdep);
  if (!result.valid) {
    throw new EngineError(
      'SC_ERR_ENGINE_RUN_INVALID',
      `${where}: the SeldonDeployment is invalid (the Kubernetes admission webhook would refuse it too):\n` +
        formatValidationErrors(result.errors),
      { where },
    );
  }
}

/**
 * One line per field the SeldonDeployment names but neither the CRD nor Kubernetes knows (a typo,
 * usually), with the nearest known name. Such fields are ignored, as the API server drops them.
 */
export function unknownFieldWarnings(sdep: SeldonDeployment, where: string): string[] {
  return findUnknownFields(sdep).map((f) => `${where}: ${formatUnknownField(f)}; it is ignored`);
}

/** The operator's defaulting (node types from implementations, endpoints, namespace). */
export function defaultManifest(sdep: SeldonDeployment, namespace: string): SeldonDeployment {
  return defaultSeldonDeployment(structuredClone(sdep), { defaultNamespace: namespace });
}
