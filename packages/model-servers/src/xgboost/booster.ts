// An XGBoost model read from its JSON/UBJSON document, evaluated as `Booster.predict` does.
import { ModelServerError } from '../errors.js';
import { accumulateForest, flattenForest, type Forest } from './forest.js';
import {
  badModel,
  countParam,
  numbersField,
  objectField,
  stringField,
  stringsField,
  type ModelObject,
} from './json-fields.js';
import { accumulateLinear, readLinear, type LinearModel } from './linear.js';
import { OBJECTIVES, applyTransform, baseScoreToMargin, type ObjectiveSpec } from './objectives.js';

/** What a loaded model declares. */
export interface XGBoostModelInfo {
  /** `learner_model_param.num_feature`: the columns every row must have. */
  readonly numFeature: number;
  /** Output groups: `num_class` for multi-class models, `num_target` for multi-output, else 1. */
  readonly numGroups: number;
  /** The objective's name, e.g. `binary:logistic`. */
  readonly objective: string;
  /** `gbtree`, `dart` or `gblinear`. */
  readonly booster: 'gbtree' | 'dart' | 'gblinear';
  /** Number of trees (0 for gblinear). */
  readonly numTrees: number;
  /** `base_score` per output group, as stored (probability / mean space). */
  readonly baseScore: readonly number[];
  /** Feature names saved with the model (`[]` when none). */
  readonly featureNames: readonly string[];
  /** Feature types saved with the model (`q` numeric, `c` categorical…; `[]` when none). */
  readonly featureTypes: readonly string[];
  /** The XGBoost version that wrote the model (`[major, minor, patch]`), when stored. */
  readonly version: readonly number[] | undefined;
  /** True when some split is categorical. */
  readonly hasCategorical: boolean;
}

/** Options of {@link XGBoostBooster.predict}. */
export interface PredictOptions {
  /**
   * The value that marks a missing feature, besides NaN (XGBoost's `DMatrix(missing=…)`),
   * compared as float32. Default NaN (only NaN is missing).
   */
  missing?: number;
  /** Return the raw margins (`output_margin=True`) instead of transformed predictions. Default false. */
  outputMargin?: boolean;
}

/** Predictions: float32 values, row-major, with `Booster.predict`'s shape (`[n]` or `[n, groups]`). */
export interface Prediction {
  readonly values: Float32Array;
  readonly shape: readonly number[];
}

function parseBaseScore(param: ModelObject, path: string, nGroups: number): number[] {
  const raw = param.base_score;
  // XGBoost ≤ 2.x stores one number as a string ("5E-1"); 3.x a bracketed vector ("[5E-1]").
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '0.5';
  const parts = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1).split(',') : [text];
  const values = parts.map((p) => Number(p.trim()));
  if (values.some((v) => !Number.isFinite(v) || String(parts[0]).trim() === ''))
    badModel(`${path}.base_score`, `expected a number or a list of numbers, got ${JSON.stringify(raw)}`);
  if (values.length === 1) return new Array<number>(nGroups).fill(values[0]);
  if (values.length !== nGroups)
    badModel(`${path}.base_score`, `${values.length} values for ${nGroups} output groups`);
  return values;
}

function readObjective(learner: ModelObject): { name: string; spec: ObjectiveSpec } {
  const name = stringField(objectField(learner, 'objective', 'learner'), 'name', 'learner.objective');
  const spec = OBJECTIVES[name];
  if (spec === undefined)
    throw new ModelServerError(
      'SC_ERR_XGBOOST_UNSUPPORTED',
      `objective ${name} is not supported; supported: ${Object.keys(OBJECTIVES).join(', ')}`,
    );
  return { name, spec };
}

/** A model ready to predict; build it with {@link XGBoostBooster.fromDocument}. */
export class XGBoostBooster {
  readonly info: XGBoostModelInfo;
  private readonly spec: ObjectiveSpec;
  private readonly baseMargins: Float32Array;
  private readonly forest: Forest | null;
  private readonly linear: LinearModel | null;

  private constructor(
    info: XGBoostModelInfo,
    spec: ObjectiveSpec,
    forest: Forest | null,
    linear: LinearModel | null,
  ) {
    this.info = info;
    this.spec = spec;
    this.forest = forest;
    this.linear = linear;
    this.baseMargins = Float32Array.from(info.baseScore, (b) => baseScoreToMargin(b, spec.link));
  }

  /**
   * Reads a parsed model document (what `Booster.save_model` writes, as JSON or decoded UBJSON).
   * Throws `SC_ERR_XGBOOST_BAD_MODEL` naming the field, or `SC_ERR_XGBOOST_UNSUPPORTED`.
   */
  static fromDocument(doc: unknown): XGBoostBooster {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
      badModel('(model)', 'expected an object');
    const learner = objectField(doc as ModelObject, 'learner', '(model)');
    const version = readVersion((doc as ModelObject).version);
    const param = objectField(learner, 'learner_model_param', 'learner');
    const pp = 'learner.learner_model_param';
    const numFeature = countParam(param, 'num_feature', pp);
    const numGroups = Math.max(
      1,
      countParam(param, 'num_class', pp, 0),
      countParam(param, 'num_target', pp, 1),
    );
    const objective = readObjective(learner);
    if ((objective.spec.transform === 'softmax' || objective.spec.transform === 'argmax') && numGroups < 2)
      badModel(`${pp}.num_class`, `${objective.name} needs num_class >= 2`);
    const baseScore = parseBaseScore(param, pp, numGroups);

    const gb = objectField(learner, 'gradient_booster', 'learner');
    const gbPath = 'learner.gradient_booster';
    const name = stringField(gb, 'name', gbPath) as XGBoostModelInfo['booster'];
    let forest: Forest | null = null;
    let linear: LinearModel | null = null;
    if (name === 'gbtree') {
      forest = flattenForest(
        objectField(gb, 'model', gbPath),
        `${gbPath}.model`,
        numFeature,
        numGroups,
        null,
      );
    } else if (name === 'dart') {
      const inner = objectField(gb, 'gbtree', gbPath);
      const model = objectField(inner, 'model', `${gbPath}.gbtree`);
      const nTrees = Array.isArray(model.trees) ? model.trees.length : 0;
      const weights = numbersField(gb, 'weight_drop', gbPath, nTrees);
      forest = flattenForest(model, `${gbPath}.gbtree.model`, numFeature, numGroups, weights);
    } else if (name === 'gblinear') {
      linear = readLinear(objectField(gb, 'model', gbPath), `${gbPath}.model`, numFeature, numGroups);
    } else {
      throw new ModelServerError(
        'SC_ERR_XGBOOST_UNSUPPORTED',
        `booster ${String(name)} is not supported (gbtree, dart, gblinear)`,
      );
    }
    if (
      forest?.hasCategorical &&
      version !== undefined &&
      (version[0] < 1 || (version[0] === 1 && version[1] < 6))
    )
      throw new ModelServerError(
        'SC_ERR_XGBOOST_UNSUPPORTED',
        `categorical splits written by XGBoost ${version.join('.')} are not supported (1.6 or newer): re-train with a newer XGBoost`,
      );
    const info: XGBoostModelInfo = {
      numFeature,
      numGroups,
      objective: objective.name,
      booster: name,
      numTrees: forest?.roots.length ?? 0,
      baseScore,
      featureNames: stringsField(learner, 'feature_names', 'learner'),
      featureTypes: stringsField(learner, 'feature_types', 'learner'),
      version,
      hasCategorical: forest?.hasCategorical ?? false,
    };
    return new XGBoostBooster(info, objective.spec, forest, linear);
  }

  /**
   * Predicts `nRows` rows given row-major in `rows` (`nRows × numFeature` values; NaN, and
   * `options.missing`, mean missing). Throws `SC_ERR_XGBOOST_FEATURE_COUNT` when the size does
   * not match.
   */
  predict(rows: ArrayLike<number>, nRows: number, options: PredictOptions = {}): Prediction {
    const nf = this.info.numFeature;
    if (!Number.isInteger(nRows) || nRows < 0 || rows.length !== nRows * nf) {
      const cols = nRows > 0 ? rows.length / nRows : rows.length;
      throw new ModelServerError(
        'SC_ERR_XGBOOST_FEATURE_COUNT',
        `the model expects ${nf} features per row, got ${Number.isInteger(cols) ? cols : rows.length + ' values for ' + nRows + ' rows'}`,
      );
    }
    const x = Float32Array.from(rows);
    const missing = options.missing;
    if (missing !== undefined && !Number.isNaN(missing)) {
      const m = Math.fround(missing);
      for (let i = 0; i < x.length; i++) if (x[i] === m) x[i] = NaN;
    }
    rejectInfinities(x, nf);
    const ng = this.info.numGroups;
    const margins = new Float32Array(nRows * ng);
    for (let r = 0; r < nRows; r++) margins.set(this.baseMargins, r * ng);
    if (this.forest !== null) accumulateForest(this.forest, x, nRows, nf, margins, ng);
    if (this.linear !== null) accumulateLinear(this.linear, x, nRows, nf, margins, ng);
    if (options.outputMargin === true) return { values: margins, shape: ng === 1 ? [nRows] : [nRows, ng] };
    return applyTransform(margins, nRows, ng, this.spec.transform);
  }
}

/** XGBoost refuses `inf` in a DMatrix (unless it is the missing value); so do we. */
function rejectInfinities(x: Float32Array, nf: number): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v === Infinity || v === -Infinity)
      throw new ModelServerError(
        'SC_ERR_XGBOOST_BAD_INPUT',
        `row ${Math.floor(i / nf)}, column ${i % nf} is infinite (or beyond float32): XGBoost does not accept inf`,
      );
  }
}

function readVersion(v: unknown): number[] | undefined {
  if (v === undefined) return undefined;
  const list = Array.isArray(v) || ArrayBuffer.isView(v) ? Array.from(v as ArrayLike<number>) : [];
  if (list.length !== 3 || !list.every((n) => Number.isInteger(n) && n >= 0))
    badModel('version', `expected [major, minor, patch], got ${JSON.stringify(v)}`);
  return list;
}
