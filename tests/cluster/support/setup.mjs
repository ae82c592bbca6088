// Brings up what the cluster suite runs against. Plain ESM so that jest's globalSetup and a person
// (`node tests/cluster/support/setup.mjs`) can both run it; prints each step with its duration.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildImage, imageName, imageSize, TARGETS } from '../../../scripts/images.mjs';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Component images of the examples, built with `seldon-microservice build` as a user would. */
export const COMPONENT_IMAGES = [
  {
    dir: 'examples/mock-classifier',
    model: 'mock-classifier.ts',
    tag: 'seldon-ts-examples/mock-classifier:0.1.0',
  },
  {
    dir: 'examples/mock-classifier',
    model: 'mock-classifier.ts',
    tag: 'seldon-ts-examples/mock-classifier:0.1.1',
  },
  {
    dir: 'examples/egreedy-router',
    model: 'egreedy-router.ts',
    type: 'ROUTER',
    tag: 'seldon-ts-examples/egreedy-router:0.1.0',
  },
  {
    dir: 'examples/three-step-chain',
    model: 'input-transformer.ts',
    type: 'TRANSFORMER',
    tag: 'seldon-ts-examples/input-transformer:0.1.0',
  },
  { dir: 'examples/three-step-chain', model: 'model.ts', tag: 'seldon-ts-examples/logistic-model:0.1.0' },
  {
    dir: 'examples/three-step-chain',
    model: 'output-transformer.ts',
    type: 'OUTPUT_TRANSFORMER',
    tag: 'seldon-ts-examples/output-transformer:0.1.0',
  },
];

function step(name, fn) {
  const started = Date.now();
  const result = fn();
  process.stderr.write(`cluster setup: ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return result;
}

function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  if (res.status !== 0)
    throw new Error(
      `${cmd} ${args.join(' ')} exited ${res.status ?? res.signal}:\n${(res.stdout ?? '').slice(-3000)}\n${(res.stderr ?? '').slice(-3000)}`,
    );
  return res.stdout;
}

async function waitForWebhook() {
  const probe = JSON.stringify({
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    metadata: { name: 'webhook-probe', namespace: 'default' },
    spec: { predictors: [] },
  });
  const started = Date.now();
  for (;;) {
    const res = spawnSync('kubectl', ['apply', '--dry-run=server', '-f', '-'], {
      input: probe,
      encoding: 'utf8',
    });
    if (/denied the request/.test(res.stderr)) break;
    if (Date.now() - started > 120_000)
      throw new Error(`the operator's webhook did not answer: ${res.stderr}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  process.stderr.write(
    `cluster setup: webhook answering (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
}

export async function bringUp() {
  const kubeconfig = step('node up (scripts/kube-node/up.sh)', () =>
    run('bash', ['scripts/kube-node/up.sh']).trim().split('\n').pop(),
  );
  process.env.KUBECONFIG = kubeconfig;
  for (const target of TARGETS) step(`image ${imageName(target)}`, () => buildImage(target));
  for (const c of COMPONENT_IMAGES)
    step(`component image ${c.tag}`, () =>
      run(
        process.execPath,
        [
          'packages/model-wrapper/dist/cli.js',
          'build',
          c.dir,
          '--model',
          c.model,
          ...(c.type ? ['--service-type', c.type] : []),
          '--tag',
          c.tag,
          '--docker-arg=--network=host',
        ],
        { env: { ...process.env, DOCKER_BUILDKIT: '0' } },
      ),
    );
  for (const target of TARGETS)
    process.stderr.write(
      `cluster setup: ${imageName(target)} is ${(imageSize(imageName(target)) / 1e6).toFixed(0)} MB\n`,
    );
  step('kubectl apply -k deploy', () => run('kubectl', ['apply', '-k', 'deploy']));
  step('operator Available', () =>
    run('kubectl', [
      '-n',
      'seldon-system',
      'rollout',
      'status',
      'deploy/seldon-controller-manager',
      '--timeout=180s',
    ]),
  );
  // Available says the operator's probes pass; the API server reaches the webhook only once the
  // Service's endpoint is programmed too. Wait for the webhook's own answer (it refuses a server-side
  // dry run of a SeldonDeployment without predictors) instead of "connection refused".
  await waitForWebhook();
  return kubeconfig;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kubeconfig = await bringUp();
  console.log(`export KUBECONFIG=${kubeconfig}`);
}
