#!/usr/bin/env node
// Builds the project's images from the root Dockerfile: engine, operator, the microservice base
// image, the storage initializer and the ONNX and XGBoost model servers, tagged seldon-ts/<target>:<version>, and prints their sizes.
// Usage: node scripts/images.mjs [target ...]   (IMAGE_TAG overrides the tag; DOCKER_BUILD_ARGS adds
// arguments to `docker build`). Needs a running Docker daemon; on the test machines
// scripts/kube-node/base-image.sh starts one and makes the base image.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const TARGETS = [
  'engine',
  'operator',
  'microservice',
  'storage-initializer',
  'onnx-server',
  'xgboost-server',
];
export const IMAGE_TAG =
  process.env.IMAGE_TAG ?? JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version;

/** The images' base: the Dockerfile's `ARG NODE_IMAGE` default, e.g. `node:24-bookworm-slim`. */
export const BASE_IMAGE = (() => {
  const image = /^ARG NODE_IMAGE=(\S+)/m.exec(readFileSync(`${root}Dockerfile`, 'utf8'))?.[1];
  if (!image) throw new Error('Dockerfile: no ARG NODE_IMAGE=<image>');
  return image;
})();

/** `seldon-ts/<target>:<tag>` */
export const imageName = (target) => `seldon-ts/${target}:${IMAGE_TAG}`;

/** Builds one target; throws with docker's output when the build fails. */
export function buildImage(target) {
  const extra = (process.env.DOCKER_BUILD_ARGS ?? '').split(/\s+/).filter(Boolean);
  // The legacy builder with the host network: no BuildKit frontend to pull, and `npm ci` reaches the
  // registry the way the host does.
  const res = spawnSync(
    'docker',
    ['build', '--network', 'host', ...extra, '--target', target, '-t', imageName(target), '.'],
    { cwd: root, env: { ...process.env, DOCKER_BUILDKIT: '0' }, encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  if (res.status !== 0)
    throw new Error(
      `docker build --target ${target} failed:\n${res.stdout.slice(-4000)}\n${res.stderr.slice(-4000)}`,
    );
}

/** Image size in bytes, as `docker image inspect` reports it. */
export function imageSize(image) {
  const res = spawnSync('docker', ['image', 'inspect', '--format', '{{.Size}}', image], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`no image ${image}: ${res.stderr}`);
  return Number(res.stdout.trim());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const targets = process.argv.slice(2).length ? process.argv.slice(2) : TARGETS;
  for (const target of targets) {
    const started = Date.now();
    buildImage(target);
    const mb = (imageSize(imageName(target)) / 1e6).toFixed(0);
    console.log(`${imageName(target)}  ${mb} MB  (built in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}
