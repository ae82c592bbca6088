// Compile-time guarantees that a PredictiveUnit from @seldon-ts/crd-types (what the engine and the
// operator hold) is accepted as a GraphNodeSpec without casts, and that the built-in
// implementations run here are exactly crd-types' list. Type-only: nothing at run time.
import type { ExecutorImplementation, PredictiveUnit } from '@seldon-ts/crd-types';
import type { GraphNodeSpec } from '../graph.js';
import type { EXECUTOR_BUILT_INS } from './compile.js';

export type PredictiveUnitIsAGraphNode = PredictiveUnit extends GraphNodeSpec ? true : never;
const accepted: PredictiveUnitIsAGraphNode = true;
void accepted;

type Ours = (typeof EXECUTOR_BUILT_INS)[number];
export type SameBuiltIns = [Ours] extends [ExecutorImplementation]
  ? [ExecutorImplementation] extends [Ours]
    ? true
    : never
  : never;
const sameBuiltIns: SameBuiltIns = true;
void sameBuiltIns;
