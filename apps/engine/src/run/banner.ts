// The start-up summary of a local deployment: public URLs, predictors, nodes and a curl to paste.
import { ENGINE_PROMETHEUS_PATH, predictionPath } from './plan.js';
import type { StartedComponent } from './components.js';
import type { LocalDeployment } from './local-deployment.js';

function describe(c: StartedComponent): string {
  const comp = c.node.component;
  switch (comp.kind) {
    case 'module':
      return c.process
        ? `process pid ${c.process.pid ?? '?'}, REST :${c.address?.httpPort}, gRPC :${c.address?.grpcPort}  (${comp.source})`
        : `in-process  (${comp.source})`;
    case 'url':
      return `remote ${comp.source.replace(/^url:/, '')}`;
    case 'command':
      return `command pid ${c.process?.pid ?? '?'}, REST :${c.address?.httpPort}, gRPC :${c.address?.grpcPort}  (${comp.command})`;
  }
}

/** The start-up summary: public URLs, predictors, nodes and a curl to paste. */
export function banner(d: LocalDeployment): string {
  const shownHost = d.host === '0.0.0.0' || d.host === '::' ? 'localhost' : d.host;
  const base = `http://${shownHost}:${d.httpPort}`;
  const path = predictionPath(d.plan);
  const lines = [
    `SeldonDeployment "${d.plan.name}" (namespace ${d.plan.namespace}, protocol ${d.plan.protocol}) is serving:`,
    `  REST  ${base}${path}`,
    `  gRPC  ${shownHost}:${d.grpcPort}`,
  ];
  // Metrics stay per engine, as Prometheus scrapes each engine pod in the cluster.
  if (d.graphPage) lines.push(`  Graph ${base}/graph/  (live figures and a try-it panel)`);
  if (d.frontDoor === undefined) lines.push(`  Metrics ${base}${ENGINE_PROMETHEUS_PATH}`);
  else
    for (const p of d.predictors)
      lines.push(
        `  Metrics http://127.0.0.1:${p.httpPort}${ENGINE_PROMETHEUS_PATH}  (predictor "${p.name}")`,
      );
  for (const p of d.predictors) {
    const role = p.shadow ? 'shadow' : `traffic ${d.predictors.length === 1 ? 100 : p.traffic}%`;
    lines.push(`  predictor "${p.name}" (${role}): engine REST :${p.httpPort}, gRPC :${p.grpcPort}`);
    for (const c of p.components) lines.push(`    node ${c.node.name}: ${describe(c)}`);
  }
  if (d.plan.serverType === 'kafka') {
    const first = d.plan.predictors[0];
    lines.push(
      `  Kafka: ${first.engineEnv.KAFKA_INPUT_TOPIC ?? '?'} -> ${first.engineEnv.KAFKA_OUTPUT_TOPIC ?? '?'} ` +
        `on ${first.engineEnv.KAFKA_BROKER ?? '?'}`,
    );
  }
  const body = d.plan.exampleRequest.replace(/'/g, `'\\''`);
  lines.push(
    '',
    'Try it:',
    `  curl -s ${base}${path} -H 'Content-Type: application/json' -d '${body}'`,
    '',
    'Ctrl-C stops everything.',
  );
  return lines.join('\n');
}
