// XGBoost objectives as prediction needs them: how `base_score` (stored as a probability / mean)
// becomes a margin, and how margins become what `Booster.predict` returns. Arithmetic is rounded
// to float32 where XGBoost computes in `float`.

/** How `base_score` becomes the starting margin (XGBoost's `ProbToMargin`). */
export type BaseScoreLink = 'identity' | 'logit' | 'log';

/** How summed margins become predictions (XGBoost's `PredTransform`). */
export type OutputTransform = 'identity' | 'sigmoid' | 'exp' | 'softmax' | 'argmax' | 'hinge';

/** What prediction needs to know about an objective. */
export interface ObjectiveSpec {
  readonly link: BaseScoreLink;
  readonly transform: OutputTransform;
}

/**
 * The objectives this evaluator serves, by XGBoost name. Objectives outside this table are
 * refused at load time (`SC_ERR_XGBOOST_UNSUPPORTED`) rather than guessed.
 */
export const OBJECTIVES: Readonly<Record<string, ObjectiveSpec>> = {
  'binary:logistic': { link: 'logit', transform: 'sigmoid' },
  // base_score is added as is (measured against xgboost 1.7.4).
  'binary:logitraw': { link: 'identity', transform: 'identity' },
  'binary:hinge': { link: 'identity', transform: 'hinge' },
  'reg:logistic': { link: 'logit', transform: 'sigmoid' },
  'reg:squarederror': { link: 'identity', transform: 'identity' },
  'reg:linear': { link: 'identity', transform: 'identity' },
  'reg:squaredlogerror': { link: 'identity', transform: 'identity' },
  'reg:pseudohubererror': { link: 'identity', transform: 'identity' },
  'reg:absoluteerror': { link: 'identity', transform: 'identity' },
  'reg:quantileerror': { link: 'identity', transform: 'identity' },
  'reg:gamma': { link: 'log', transform: 'exp' },
  'reg:tweedie': { link: 'log', transform: 'exp' },
  'count:poisson': { link: 'log', transform: 'exp' },
  'survival:cox': { link: 'log', transform: 'exp' },
  'multi:softprob': { link: 'identity', transform: 'softmax' },
  'multi:softmax': { link: 'identity', transform: 'argmax' },
  'rank:pairwise': { link: 'identity', transform: 'identity' },
  'rank:ndcg': { link: 'identity', transform: 'identity' },
  'rank:map': { link: 'identity', transform: 'identity' },
};

const f32 = Math.fround;

/** The starting margin for a stored `base_score` (float32, as XGBoost computes it). */
export function baseScoreToMargin(baseScore: number, link: BaseScoreLink): number {
  const p = f32(baseScore);
  switch (link) {
    case 'identity':
      return p;
    case 'logit':
      return f32(-f32(Math.log(f32(f32(1 / p) - 1))));
    case 'log':
      return f32(Math.log(p));
  }
}

/**
 * Turns margins (`nRows × nGroups`, row-major) into predictions, in place for element-wise
 * transforms. Returns the output and its shape as `Booster.predict` gives it: 1-D for one
 * output group and for `argmax` (multi:softmax), 2-D otherwise.
 */
export function applyTransform(
  margins: Float32Array,
  nRows: number,
  nGroups: number,
  transform: OutputTransform,
): { values: Float32Array; shape: number[] } {
  const shape = nGroups === 1 ? [nRows] : [nRows, nGroups];
  switch (transform) {
    case 'identity':
      return { values: margins, shape };
    case 'sigmoid':
      for (let i = 0; i < margins.length; i++) margins[i] = 1 / (1 + f32(Math.exp(-margins[i])));
      return { values: margins, shape };
    case 'exp':
      for (let i = 0; i < margins.length; i++) margins[i] = Math.exp(margins[i]);
      return { values: margins, shape };
    case 'hinge':
      for (let i = 0; i < margins.length; i++) margins[i] = margins[i] > 0 ? 1 : 0;
      return { values: margins, shape };
    case 'softmax':
      softmaxRows(margins, nRows, nGroups);
      return { values: margins, shape };
    case 'argmax':
      return { values: argmaxRows(margins, nRows, nGroups), shape: [nRows] };
  }
}

function softmaxRows(m: Float32Array, nRows: number, k: number): void {
  for (let r = 0, o = 0; r < nRows; r++, o += k) {
    let max = m[o];
    for (let j = 1; j < k; j++) if (m[o + j] > max) max = m[o + j];
    // XGBoost: float exponentials summed in double, divided by the sum rounded to float.
    let sum = 0;
    for (let j = 0; j < k; j++) {
      m[o + j] = Math.exp(f32(m[o + j] - max));
      sum += m[o + j];
    }
    const s = f32(sum);
    for (let j = 0; j < k; j++) m[o + j] = m[o + j] / s;
  }
}

function argmaxRows(m: Float32Array, nRows: number, k: number): Float32Array {
  const out = new Float32Array(nRows);
  for (let r = 0, o = 0; r < nRows; r++, o += k) {
    let best = 0;
    for (let j = 1; j < k; j++) if (m[o + j] > m[o + best]) best = j;
    out[r] = best;
  }
  return out;
}
