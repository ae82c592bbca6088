// The equivalent of `seldonio/mock_classifier`: a fixed logistic score of each row's mean.
// Request {"data":{"ndarray":[[1.0,2.0,5.0]]}} → {"data":{"names":["proba"],"ndarray":[[0.43782349911420193]]}}.
import type { ComponentInput, ComponentParameters, SeldonComponent } from '@seldon-ts/model-wrapper';
import { NdArray, SeldonMicroserviceError } from '@seldon-ts/model-wrapper';

/** The mean of the reference image's stored training data (its `model.npy`). */
const BASE_THRESHOLD = 35 / 12;

export default class MockClassifier implements SeldonComponent {
  readonly classNames = ['proba'];
  private readonly threshold: number;
  private readonly delayMs: number;

  /** Parameters: `intValue` (INT, added to the threshold), `delaySecs` (INT, sleep per request). */
  constructor(parameters: ComponentParameters = {}) {
    this.threshold = BASE_THRESHOLD + Number(parameters.intValue ?? 0);
    this.delayMs = Number(parameters.delaySecs ?? 0) * 1000;
  }

  async predict(X: ComponentInput): Promise<number[][]> {
    if (!(X instanceof NdArray) || X.ndim !== 2) {
      throw new SeldonMicroserviceError('mock classifier expects a 2-D array of numbers (rows of features)');
    }
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const [rows, cols] = X.shape;
    const values = X.toFloat64Array();
    const out: number[][] = [];
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let c = 0; c < cols; c++) sum += values[r * cols + c];
      const mean = cols === 0 ? 0 : sum / cols;
      out.push([1 / (1 + Math.exp(-(mean - this.threshold)))]);
    }
    return out;
  }
}
