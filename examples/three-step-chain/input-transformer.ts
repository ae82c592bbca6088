// Step 1 of 3 (TRANSFORMER): standardises each feature with a fixed mean and scale.
import type { ComponentInput, ComponentParameters, SeldonComponent } from '@seldon-ts/model-wrapper';
import { NdArray, SeldonMicroserviceError } from '@seldon-ts/model-wrapper';

export default class FeatureScaler implements SeldonComponent {
  private readonly mean: number;
  private readonly scale: number;

  /** Parameters: `mean` (FLOAT, default 0), `scale` (FLOAT, default 1, not 0). */
  constructor(parameters: ComponentParameters = {}) {
    this.mean = Number(parameters.mean ?? 0);
    this.scale = Number(parameters.scale ?? 1);
    if (this.scale === 0 || !Number.isFinite(this.scale))
      throw new Error('scale parameter must be a non-zero number');
  }

  transformInput(X: ComponentInput): NdArray {
    if (!(X instanceof NdArray) || !X.numeric)
      throw new SeldonMicroserviceError('feature scaler expects a numeric array');
    const v = X.toFloat64Array();
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = (v[i] - this.mean) / this.scale;
    return new NdArray(out, X.shape);
  }
}
