// The processor against seldon-engine + model-wrapper (identity graph) over REST.
import { defineEngineGraphCases } from './support/engine-graph-cases.js';

defineEngineGraphCases('rest');
