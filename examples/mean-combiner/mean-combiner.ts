// A combiner that answers the element-wise mean of its children's outputs (the Seldon
// AVERAGE_COMBINER behaviour, as a component).
import type { ComponentInput, SeldonComponent } from '@seldon-ts/model-wrapper';
import { NdArray, SeldonMicroserviceError } from '@seldon-ts/model-wrapper';

export default class MeanCombiner implements SeldonComponent {
  aggregate(Xs: ComponentInput[]): NdArray {
    if (Xs.length === 0) throw new SeldonMicroserviceError('mean combiner needs at least one input');
    const arrays = Xs.map((X, i) => {
      if (!(X instanceof NdArray) || !X.numeric)
        throw new SeldonMicroserviceError(`input ${i} is not a numeric array`);
      return X;
    });
    const shape = arrays[0].shape;
    for (let i = 1; i < arrays.length; i++) {
      if (arrays[i].shape.join(',') !== shape.join(',')) {
        throw new SeldonMicroserviceError(
          `input ${i} has shape [${arrays[i].shape.join(',')}], input 0 has [${shape.join(',')}]`,
        );
      }
    }
    const sum = new Float64Array(arrays[0].size);
    for (const a of arrays) {
      const v = a.toFloat64Array();
      for (let k = 0; k < sum.length; k++) sum[k] += v[k];
    }
    for (let k = 0; k < sum.length; k++) sum[k] /= arrays.length;
    return new NdArray(sum, shape);
  }
}
