// Compile-time guarantee that a PredictiveUnit from @seldon-ts/crd-types (what the engine and the
// operator hold) is accepted as a GraphNodeSpec without casts. Type-only: nothing at run time.
import type { PredictiveUnit } from '@seldon-ts/crd-types';
import type { GraphNodeSpec } from '../graph.js';

export type PredictiveUnitIsAGraphNode = PredictiveUnit extends GraphNodeSpec ? true : never;
const accepted: PredictiveUnitIsAGraphNode = true;
void accepted;
