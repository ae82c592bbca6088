// The processor against seldon-engine + model-wrapper (identity graph) over gRPC.
import { defineEngineGraphCases } from './support/engine-graph-cases.js';

defineEngineGraphCases('grpc');
