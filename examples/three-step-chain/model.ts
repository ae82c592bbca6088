// Step 2 of 3 (MODEL): a logistic regression with fixed weights over each row, answering the
// probabilities of classes [negative, positive].
import type { ComponentInput, ComponentParameters, SeldonComponent } from '@seldon-ts/model-wrapper';
import { NdArray, SeldonMicroserviceError } from '@seldon-ts/model-wrapper';

export default class LogisticModel implements SeldonComponent {
  readonly classNames = ['negative', 'positive'];
  private readonly weight: number;
  private readonly bias: number;

  /** Parameters: `weight` (FLOAT, applied to every feature, default 1), `bias` (FLOAT, default 0). */
  constructor(parameters: ComponentParameters = {}) {
    this.weight = Number(parameters.weight ?? 1);
    this.bias = Number(parameters.bias ?? 0);
  }

  predict(X: ComponentInput): NdArray {
    if (!(X instanceof NdArray) || X.ndim !== 2 || !X.numeric)
      throw new SeldonMicroserviceError('model expects a 2-D numeric array');
    const [rows, cols] = X.shape;
    const v = X.toFloat64Array();
    const out = new Float64Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      let z = this.bias;
      for (let c = 0; c < cols; c++) z += this.weight * v[r * cols + c];
      const p = 1 / (1 + Math.exp(-z));
      out[r * 2] = 1 - p;
      out[r * 2 + 1] = p;
    }
    return new NdArray(out, [rows, 2]);
  }
}
