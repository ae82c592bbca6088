// What the builders of one SeldonDeployment's objects share, computed once by `desiredState`.
import type { PredictorSpec, SeldonDeployment } from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../../config.js';
import type { ClusterFacts } from './cluster-facts.js';
import type { MetaFn } from './metadata.js';

/** The operator configuration plus what was read from the cluster. */
export type BuildConfig = OperatorConfig & ClusterFacts;

/** One SeldonDeployment being built. */
export interface SdepContext {
  /** The SeldonDeployment, defaulted in memory (never written back). */
  sdep: SeldonDeployment;
  config: BuildConfig;
  namespace: string;
  /** `seldon-deployment-id` label value. */
  seldonId: string;
  meta: MetaFn;
}

/** One predictor of it, with the decisions all of its objects depend on. */
export interface PredictorContext extends SdepContext {
  predictor: PredictorSpec;
  /** Position in `spec.predictors`. */
  pIndex: number;
  /** Name of the predictor Service, also the pods' `seldon-app` label. */
  serviceName: string;
  /** `seldon.io/no-engine: "true"`: the graph's root container is served directly. */
  noEngine: boolean;
  /** The engine reads its graph from the mounted graph ConfigMap (`SELDON_ENGINE_GRAPH_DELIVERY=file`). */
  useGraphFile: boolean;
  /** The graph ConfigMap: its name and data; node parameters are added to `data` as containers are built. */
  graph: { configMap: string; data: Record<string, string> };
}
