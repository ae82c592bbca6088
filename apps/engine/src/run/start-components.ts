// Step 1 of a local deployment: every graph node's component. Child processes start concurrently;
// in-process modules load here; a prepackaged server's model is provisioned first.
import { EngineError } from '../errors.js';
import { startProcessComponent, urlComponent, type StartedComponent } from './components.js';
import { loadInProcessComponent } from './in-process.js';
import type { LocalRunOptions } from './options.js';
import { componentEnv, type DeploymentPlan, type NodePlan, type PredictorPlan } from './plan.js';
import { provisionModel, withModelPath, type ProvisionedModel } from './prepackaged.js';
import type { Supervisor } from './supervisor.js';

/** Where started components and provisioned models are recorded, so a failed start can undo them. */
export interface ComponentStart {
  plan: DeploymentPlan;
  supervisor: Supervisor;
  manifestDir: string;
  importModule: LocalRunOptions['importModule'];
  log: (line: string) => void;
  started: StartedComponent[];
  models: ProvisionedModel[];
}

/** Starts every node of every predictor and waits until each is ready; the components per predictor. */
export async function startComponents(
  start: ComponentStart,
  startTimeoutMs: number,
): Promise<Map<string, StartedComponent[]>> {
  const perPredictor = new Map<string, StartedComponent[]>();
  await Promise.all(
    start.plan.predictors.map(async (p) => {
      const list = await Promise.all(
        p.nodes.map(async (n) => {
          const c = await startComponent(start, p, n);
          start.started.push(c);
          return c;
        }),
      );
      perPredictor.set(p.name, list);
    }),
  );
  await Promise.all(start.started.map((c) => c.process?.waitReady(startTimeoutMs)));
  return perPredictor;
}

async function startComponent(
  start: ComponentStart,
  p: PredictorPlan,
  node: NodePlan,
): Promise<StartedComponent> {
  const { plan } = start;
  if (node.modelUri !== undefined) await provisionNodeModel(start, node);
  const c = node.component;
  if (c.kind === 'url') return urlComponent(node);
  if (c.kind === 'module' && c.isolation === 'inprocess') {
    return loadInProcessComponent(
      node,
      componentEnv(plan, p, node, { httpPort: 0, grpcPort: 0, metricsPort: 0 }),
      start.importModule,
      start.log,
    );
  }
  return startProcessComponent(node, start.supervisor, (ports) => componentEnv(plan, p, node, ports));
}

/** A prepackaged server's model, local or downloaded, becomes its `model_uri` parameter. */
async function provisionNodeModel(start: ComponentStart, node: NodePlan): Promise<void> {
  const model = await provisionModel(node.modelUri!, start.manifestDir).catch((err: unknown) => {
    throw new EngineError(
      'SC_ERR_ENGINE_RUN_COMPONENT',
      `predictor "${node.predictor}" node "${node.name}": modelUri ${node.modelUri}: ${(err as Error).message}`,
      { where: node.name, cause: err },
    );
  });
  start.models.push(model);
  start.log(`[runner] ${node.predictor}/${node.name}: ${node.node.implementation} serves ${model.path}`);
  node.node = { ...node.node, parameters: withModelPath(node.node.parameters, model.path) };
}
