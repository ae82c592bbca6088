// GET /seldon.json: an OpenAPI 3 description of the internal (wrapper) API, built once.
let cached: string | undefined;

const MESSAGE = { $ref: '#/components/schemas/SeldonMessage' };
const ok = (schema: object) => ({
  '200': { description: 'OK', content: { 'application/json': { schema } } },
});
const post = (summary: string, request: object = MESSAGE) => ({
  summary,
  requestBody: { content: { 'application/json': { schema: request } } },
  responses: ok(MESSAGE),
});

export function openApiDocument(): string {
  cached ??= JSON.stringify({
    openapi: '3.0.0',
    info: { title: 'Seldon internal API (seldon-ts model wrapper)', version: '0.1.0' },
    paths: {
      '/predict': { post: post('Predict') },
      '/transform-input': { post: post('Transform input') },
      '/transform-output': { post: post('Transform output') },
      '/route': { post: post('Route') },
      '/aggregate': { post: post('Aggregate', { $ref: '#/components/schemas/SeldonMessageList' }) },
      '/send-feedback': { post: post('Send feedback', { $ref: '#/components/schemas/Feedback' }) },
      '/health/ping': { get: { summary: 'Liveness', responses: { '200': { description: 'pong' } } } },
      '/health/status': { get: { summary: 'Health status', responses: ok(MESSAGE) } },
      '/metadata': { get: { summary: 'Model metadata', responses: ok({ type: 'object' }) } },
    },
    components: {
      schemas: {
        SeldonMessage: { type: 'object', description: 'seldon.protos.SeldonMessage in proto3-JSON form' },
        SeldonMessageList: {
          type: 'object',
          properties: { seldonMessages: { type: 'array', items: MESSAGE } },
        },
        Feedback: {
          type: 'object',
          properties: { request: MESSAGE, response: MESSAGE, reward: { type: 'number' }, truth: MESSAGE },
        },
      },
    },
  });
  return cached;
}
