// A small OpenAPI 3 document of the engine's external API and a Swagger UI page that loads it.
// Swagger UI's files come from the swagger-ui-dist package and are served by the engine itself, so
// the page works where the browser reaches nothing but the engine (clusters, offline laptops).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { EngineConfig } from '../config.js';

const seldonMessage = {
  type: 'object',
  properties: {
    data: {
      type: 'object',
      properties: {
        names: { type: 'array', items: { type: 'string' } },
        ndarray: { type: 'array', items: {} },
        tensor: { type: 'object' },
        tftensor: { type: 'object' },
      },
    },
    binData: { type: 'string', format: 'byte' },
    strData: { type: 'string' },
    jsonData: {},
    meta: { type: 'object' },
  },
};
const status = {
  type: 'object',
  properties: {
    status: {
      type: 'object',
      properties: {
        code: { type: 'integer' },
        info: { type: 'string' },
        reason: { type: 'string' },
        status: { type: 'string' },
      },
    },
  },
};

export function openApiDocument(config: EngineConfig): unknown {
  const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
  const errors = {
    '400': { description: 'bad request', ...json(status) },
    '500': { description: 'engine or node error', ...json(status) },
  };
  return {
    openapi: '3.0.3',
    info: {
      title: `Seldon engine: ${config.deploymentName}/${config.predictorName}`,
      version: '1.0',
      description: 'External API of seldon-engine (Seldon Core v1 compatible).',
    },
    paths: {
      '/api/v1.0/predictions': {
        post: {
          summary: 'Run the inference graph',
          requestBody: json(seldonMessage),
          responses: { '200': { description: 'prediction', ...json(seldonMessage) }, ...errors },
        },
      },
      '/api/v1.0/feedback': {
        post: {
          summary: 'Send feedback (reward) through the graph',
          requestBody: json({
            type: 'object',
            properties: {
              request: seldonMessage,
              response: seldonMessage,
              reward: { type: 'number' },
              truth: seldonMessage,
            },
          }),
          responses: { '200': { description: 'feedback result', ...json(seldonMessage) }, ...errors },
        },
      },
      '/api/v1.0/metadata': {
        get: {
          summary: 'Graph metadata',
          responses: { '200': { description: 'graph metadata', ...json({ type: 'object' }) } },
        },
      },
      '/api/v1.0/metadata/{model}': {
        get: {
          summary: 'Metadata of one node',
          parameters: [{ name: 'model', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'model metadata', ...json({ type: 'object' }) } },
        },
      },
      '/api/v1.0/status/{model}': {
        get: {
          summary: 'Health status of one node',
          parameters: [{ name: 'model', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'status' } },
        },
      },
      '/ready': {
        get: {
          summary: 'Readiness: 200 when every node answers (add ?verbose=1 for per-node state)',
          responses: { '200': { description: 'ready' }, '503': { description: 'not ready' } },
        },
      },
      '/live': { get: { summary: 'Liveness', responses: { '200': { description: 'alive' } } } },
      [config.prometheusPath]: {
        get: { summary: 'Prometheus metrics', responses: { '200': { description: 'text exposition' } } },
      },
    },
  };
}

/** The Swagger UI page; `base` is the documentation path ending in `/` (its assets live there). */
export function swaggerPage(specUrl: string, base: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Seldon engine API</title>
<link rel="stylesheet" href="${base}swagger-ui.css">
<link rel="icon" type="image/png" href="${base}favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="${base}swagger-ui-bundle.js"></script>
<script>window.onload = () => { window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: '#swagger-ui' }); };</script>
</body></html>
`;
}

/** The files of swagger-ui-dist the page uses, with their content types; nothing else is served. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const assetCache = new Map<string, Buffer>();

/** A Swagger UI asset by file name (read once, then kept); undefined for any other name. */
export function swaggerAsset(name: string): { contentType: string; body: Buffer } | undefined {
  const contentType = ASSETS[name];
  if (contentType === undefined) return undefined;
  let body = assetCache.get(name);
  if (body === undefined) {
    const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    body = readFileSync(join(dir, name));
    assetCache.set(name, body);
  }
  return { contentType, body };
}
