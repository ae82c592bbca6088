// Step 3 of 3 (OUTPUT_TRANSFORMER): rounds the probabilities and tags the response with the
// predicted label of the first row.
import type { ComponentInput, ComponentParameters, SeldonComponent } from '@seldon-ts/model-wrapper';
import { NdArray, SeldonMicroserviceError, SeldonResponse } from '@seldon-ts/model-wrapper';

export default class ProbabilityRounder implements SeldonComponent {
  private readonly factor: number;

  /** Parameters: `decimals` (INT, default 3). */
  constructor(parameters: ComponentParameters = {}) {
    const decimals = Number(parameters.decimals ?? 3);
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15)
      throw new Error('decimals parameter must be an integer 0..15');
    this.factor = 10 ** decimals;
  }

  transformOutput(X: ComponentInput, names: string[]): SeldonResponse {
    if (!(X instanceof NdArray) || X.ndim !== 2 || !X.numeric)
      throw new SeldonMicroserviceError('output transformer expects 2-D probabilities');
    const v = X.toFloat64Array();
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = Math.round(v[i] * this.factor) / this.factor;
    const cols = X.shape[1];
    let best = 0;
    for (let c = 1; c < cols; c++) if (v[c] > v[best]) best = c;
    const label = names[best] ?? `t:${best}`;
    return new SeldonResponse(new NdArray(out, X.shape), { label }, [
      { key: 'chain_predictions', type: 'COUNTER', value: X.shape[0] },
    ]);
  }
}
