// The Dockerfile that turns a component folder into an image on the microservice base image: the
// project's answer to `s2i build <dir> seldonio/seldon-core-s2i-python3 <image>`. Pure: reads the
// folder, returns text; running docker is the build command's job.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WrapperError } from '../errors.js';

export interface ImageRecipeOptions {
  /** `<file>[:Export]` relative to the folder; else MODEL_NAME from `.s2i/environment`. */
  readonly model?: string;
  /** MODEL, ROUTER, TRANSFORMER, ...; else SERVICE_TYPE from `.s2i/environment`, else MODEL. */
  readonly serviceType?: string;
  /** The image to build on. */
  readonly baseImage: string;
}

export interface ImageRecipe {
  readonly dockerfile: string;
  /** The environment baked into the image (MODEL_NAME, SERVICE_TYPE and the s2i file's others). */
  readonly env: Readonly<Record<string, string>>;
}

/** Reads `.s2i/environment` (KEY=VALUE lines, `#` comments) as the reference's s2i builder does. */
export function readS2iEnvironment(dir: string): Record<string, string> {
  const file = join(dir, '.s2i', 'environment');
  if (!existsSync(file)) return {};
  const env: Record<string, string> = {};
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      if (eq <= 0)
        throw new WrapperError(
          'SC_ERR_WRAPPER_BAD_IMAGE_FOLDER',
          `${file}:${i + 1}: expected KEY=VALUE, got "${line}"`,
        );
      env[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    });
  return env;
}

const quote = (value: string): string => JSON.stringify(value);

/** The Dockerfile for `dir`; throws a WrapperError naming what is missing. */
export function imageRecipe(dir: string, options: ImageRecipeOptions): ImageRecipe {
  if (!existsSync(dir)) throw new WrapperError('SC_ERR_WRAPPER_BAD_IMAGE_FOLDER', `no folder ${dir}`);
  const env = readS2iEnvironment(dir);
  if (options.model) env.MODEL_NAME = options.model;
  if (options.serviceType) env.SERVICE_TYPE = options.serviceType.toUpperCase();
  env.SERVICE_TYPE ??= 'MODEL';
  const model = env.MODEL_NAME;
  if (!model)
    throw new WrapperError(
      'SC_ERR_WRAPPER_BAD_IMAGE_FOLDER',
      `${dir}: name the component with --model <file>[:Export] or MODEL_NAME=<file> in .s2i/environment`,
    );
  const file = model.replace(/:[A-Za-z_$][\w$]*$/, '');
  if (!existsSync(join(dir, file)))
    throw new WrapperError(
      'SC_ERR_WRAPPER_BAD_IMAGE_FOLDER',
      `${dir}: the component file ${file} does not exist`,
    );
  const lines = [`FROM ${options.baseImage}`, 'COPY --chown=8888:8888 . /app/model'];
  // The folder's own dependencies; the wrapper itself comes with the base image.
  if (existsSync(join(dir, 'package.json')))
    lines.push(
      'RUN HOME=/tmp npm install --omit=dev --omit=peer --no-audit --no-fund --ignore-scripts --no-package-lock',
    );
  lines.push(
    `ENV ${Object.entries(env)
      .map(([k, v]) => `${k}=${quote(v)}`)
      .join(' ')}`,
  );
  return { dockerfile: `${lines.join('\n')}\n`, env };
}
