// `seldon-microservice build <dir> --tag IMAGE`: one command from a component folder to an image
// that serves it (`docker run -p 9000:9000 IMAGE`), on the microservice base image.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { imageRecipe } from './image-recipe.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
export const DEFAULT_BASE_IMAGE = `seldon-ts/microservice:${VERSION}`;

const USAGE = `Usage: seldon-microservice build <dir> --tag IMAGE [options]

Builds an image serving the component in <dir> (the counterpart of
\`s2i build <dir> seldonio/seldon-core-s2i-python3 IMAGE\`); run it with \`docker run -p 9000:9000 IMAGE\`.

  --tag IMAGE          the image to build (required unless --print-dockerfile)
  --model FILE[:Export]
                       the component, relative to <dir> (default: MODEL_NAME in <dir>/.s2i/environment)
  --service-type T     MODEL | ROUTER | TRANSFORMER | OUTPUT_TRANSFORMER | COMBINER
                       (default: SERVICE_TYPE in .s2i/environment, else MODEL)
  --base-image IMAGE   default ${DEFAULT_BASE_IMAGE}
  --docker-arg ARG     passed to \`docker build\` (repeatable), e.g. --docker-arg=--network=host
  --print-dockerfile   print the Dockerfile and build nothing

The folder is copied to /app/model; a package.json there is installed with \`npm install --omit=dev\`
(declare @seldon-ts/model-wrapper as a peer or dev dependency: the base image provides it).
`;

/** Runs the build and returns the exit code for the process. */
export function buildCommand(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      tag: { type: 'string' },
      model: { type: 'string' },
      'service-type': { type: 'string' },
      'base-image': { type: 'string', default: DEFAULT_BASE_IMAGE },
      'docker-arg': { type: 'string', multiple: true, default: [] },
      'print-dockerfile': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0 || (!values.tag && !values['print-dockerfile'])) {
    process.stderr.write(`seldon-microservice build: expected one <dir> and --tag IMAGE\n\n${USAGE}`);
    return 2;
  }
  const recipe = imageRecipe(dir, {
    model: values.model,
    serviceType: values['service-type'],
    baseImage: values['base-image'],
  });
  if (values['print-dockerfile']) {
    process.stdout.write(recipe.dockerfile);
    return 0;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'seldon-microservice-build-'));
  try {
    const dockerfile = join(scratch, 'Dockerfile');
    writeFileSync(dockerfile, recipe.dockerfile);
    process.stderr.write(
      `seldon-microservice build: ${dir} → ${values.tag} (${recipe.env.MODEL_NAME} as ${recipe.env.SERVICE_TYPE})\n`,
    );
    const docker = spawnSync(
      'docker',
      ['build', ...values['docker-arg'], '-f', dockerfile, '-t', values.tag as string, dir],
      { stdio: 'inherit' },
    );
    if (docker.error) {
      process.stderr.write(`seldon-microservice build: cannot run docker: ${docker.error.message}\n`);
      return 1;
    }
    return docker.status ?? 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
