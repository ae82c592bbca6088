// The effective configuration as text for the start-up log, secrets masked.
import type { PredictiveUnit } from '@seldon-ts/crd-types';
import type { EngineConfig } from './types.js';

/** The effective configuration as printable text (secrets masked), logged once at start. */
export function formatConfig(config: EngineConfig): string {
  const printable = {
    ...config,
    predictor: undefined,
    graph: summarizeGraph(config.predictor.graph),
    kafkaSecurity: {
      ...config.kafkaSecurity,
      keyPem: config.kafkaSecurity.keyPem ? '***' : undefined,
      keyPassword: config.kafkaSecurity.keyPassword ? '***' : undefined,
      saslPassword: config.kafkaSecurity.saslPassword ? '***' : undefined,
    },
  };
  return JSON.stringify(printable, null, 2);
}

function summarizeGraph(unit: PredictiveUnit): string {
  const kids = unit.children?.length ? `(${unit.children.map(summarizeGraph).join(', ')})` : '';
  return `${unit.name}${unit.type ? `:${unit.type}` : ''}${kids}`;
}
