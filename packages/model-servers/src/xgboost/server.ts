// XGBOOST_SERVER as a model-wrapper component: the reference's XGBoostServer (Python, calling
// xgboost's C++ library) with the model evaluated in TypeScript.
import {
  NdArray,
  SeldonMicroserviceError,
  type ComponentInput,
  type ComponentMetadata,
  type SeldonComponent,
} from '@seldon-ts/model-wrapper';
import type { XGBoostBooster } from './booster.js';
import { ModelServerError } from '../errors.js';
import { DEFAULT_MAX_MODEL_BYTES, loadBooster } from './model-file.js';

/**
 * Parameters (the node's `parameters` in the SeldonDeployment, `PREDICTIVE_UNIT_PARAMETERS`).
 * The operator always sets `model_uri` to `/mnt/models` for a prepackaged server.
 */
export interface XGBoostServerParameters {
  /** Folder holding model.json / model.ubj / model.bst, the model file itself, or a `file:` URI. */
  model_uri?: string;
  /** Value treated as missing besides NaN (an addition; the reference always uses NaN). */
  missing?: number;
  /** Largest model file accepted, in bytes. Default 1 GiB. */
  max_model_bytes?: number;
}

/** Options that are not deployment parameters. */
export interface XGBoostServerOptions {
  /** Folder a relative `model_uri` is resolved against. Default `process.cwd()`. */
  baseDir?: string;
}

/**
 * The wrapper answers a `SeldonMicroserviceError` with its status and reason (anything else is a
 * 500): a 4xx evaluator error becomes one, its message starting with the code.
 */
function toCallerError(err: unknown): unknown {
  if (err instanceof ModelServerError && err.httpStatus < 500)
    return new SeldonMicroserviceError(`${err.code}: ${err.message}`, {
      httpStatus: err.httpStatus,
      reason: err.reason,
    });
  return err;
}

function numberParameter(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (Number.isNaN(n) && !(typeof value === 'string' && value.trim().toLowerCase() === 'nan'))
    throw new ModelServerError(
      'SC_ERR_XGBOOST_BAD_PARAMETER',
      `parameter ${name}: ${JSON.stringify(value)} is not a number`,
    );
  return n;
}

/**
 * The XGBoost model server. `load()` reads the model; `predict(X)` answers what the reference's
 * `booster.predict(DMatrix(X))` answers: 1-D for binary/regression/ranking and multi:softmax,
 * 2-D `[rows, classes]` for multi:softprob.
 */
export class XGBoostServer implements SeldonComponent {
  readonly modelUri: string;
  private readonly missing: number;
  private readonly maxModelBytes: number;
  private readonly baseDir: string | undefined;
  private loaded: { booster: XGBoostBooster; file: string } | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    parameters: XGBoostServerParameters | Record<string, unknown> = {},
    options: XGBoostServerOptions = {},
  ) {
    const p = parameters as Record<string, unknown>;
    const uri = p.model_uri;
    if (typeof uri !== 'string' || uri.trim() === '')
      throw new ModelServerError('SC_ERR_XGBOOST_BAD_URI', 'parameter model_uri (STRING) is required');
    this.modelUri = uri;
    this.missing = numberParameter(p.missing, 'missing', NaN);
    this.maxModelBytes = numberParameter(p.max_model_bytes, 'max_model_bytes', DEFAULT_MAX_MODEL_BYTES);
    this.baseDir = options.baseDir;
  }

  /** The loaded model (after {@link load}). */
  get booster(): XGBoostBooster | undefined {
    return this.loaded?.booster;
  }

  /** Reads the model file; awaited by the wrapper before the ports open. */
  async load(): Promise<void> {
    this.loading ??= loadBooster(this.modelUri, {
      baseDir: this.baseDir,
      maxModelBytes: this.maxModelBytes,
    }).then(
      (loaded) => {
        this.loaded = loaded;
      },
      (err: unknown) => {
        this.loading = undefined;
        throw err;
      },
    );
    await this.loading;
  }

  async predict(X: ComponentInput): Promise<NdArray> {
    // As the reference, a server used without load() loads on first use.
    if (this.loaded === undefined) await this.load();
    try {
      return this.predictLoaded(this.loaded!.booster, X);
    } catch (err) {
      throw toCallerError(err);
    }
  }

  private predictLoaded(booster: XGBoostBooster, X: ComponentInput): NdArray {
    if (!(X instanceof NdArray) || !X.numeric)
      throw new ModelServerError(
        'SC_ERR_XGBOOST_BAD_INPUT',
        'expected numeric data (data.ndarray or data.tensor)',
      );
    if (X.ndim !== 2)
      throw new ModelServerError(
        'SC_ERR_XGBOOST_BAD_INPUT',
        `expected a 2-D array [rows, ${booster.info.numFeature}], got shape [${X.shape.join(', ')}]`,
      );
    const [nRows, nCols] = X.shape;
    if (nCols !== booster.info.numFeature)
      throw new ModelServerError(
        'SC_ERR_XGBOOST_FEATURE_COUNT',
        `the model expects ${booster.info.numFeature} features per row, got ${nCols}`,
      );
    const out = booster.predict(X.toFloat64Array(), nRows, { missing: this.missing });
    return new NdArray(Float64Array.from(out.values), out.shape);
  }

  /** Metadata from the model: input width and feature names, output shape, objective. */
  async initMetadata(): Promise<ComponentMetadata> {
    if (this.loaded === undefined) await this.load();
    const { booster, file } = this.loaded!;
    const info = booster.info;
    const classes = info.numGroups > 1 && info.objective !== 'multi:softmax' ? info.numGroups : 1;
    const inputSchema: { shape: number[]; names?: string[] } = { shape: [info.numFeature] };
    if (info.featureNames.length > 0) inputSchema.names = [...info.featureNames];
    const custom: Record<string, string> = {
      objective: info.objective,
      booster: info.booster,
      num_trees: String(info.numTrees),
      num_features: String(info.numFeature),
      model_file: file,
    };
    if (info.version !== undefined) custom.xgboost_version = info.version.join('.');
    return {
      platform: 'xgboost',
      inputs: [{ messagetype: 'tensor', schema: inputSchema }],
      outputs: [{ messagetype: 'tensor', schema: { shape: [classes] } }],
      custom,
    };
  }
}
