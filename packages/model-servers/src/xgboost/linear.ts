// XGBoost's gblinear booster: one weight per (feature, output group) plus one bias per group.
import { numbersField, type ModelObject } from './json-fields.js';

/** A gblinear model: `weights[f * nGroups + g]`, biases after the last feature. */
export interface LinearModel {
  readonly weights: Float32Array;
}

/** Reads `gradient_booster.model` of a gblinear booster. */
export function readLinear(
  model: ModelObject,
  path: string,
  numFeature: number,
  nGroups: number,
): LinearModel {
  const w = numbersField(model, 'weights', path, (numFeature + 1) * nGroups);
  return { weights: Float32Array.from(w) };
}

/**
 * Sets `margins` (holding the base margin) to `base + bias + Σ w·x`: missing features skipped,
 * float32 sums in that order, as XGBoost's gblinear computes them.
 */
export function accumulateLinear(
  m: LinearModel,
  x: Float32Array,
  nRows: number,
  nFeatures: number,
  margins: Float32Array,
  nGroups: number,
): void {
  const w = m.weights;
  const sum = new Float32Array(1);
  for (let r = 0, xo = 0; r < nRows; r++, xo += nFeatures) {
    for (let g = 0; g < nGroups; g++) {
      const o = r * nGroups + g;
      sum[0] = margins[o] + w[nFeatures * nGroups + g];
      for (let f = 0; f < nFeatures; f++) {
        const v = x[xo + f];
        if (v === v) sum[0] += Math.fround(v * w[f * nGroups + g]);
      }
      margins[o] = sum[0];
    }
  }
}
