// The Seldon REST routes for an existing express 5 app: `@seldon-ts/model-wrapper/express`. A
// subpath of its own, so that express (an optional peer dependency) loads only for those who use it.
import express, { type Request, type Response, type Router } from 'express';
import type { ComponentRuntime, ComponentRuntimeOptions } from './runtime.js';
import { createComponentRuntime } from './runtime.js';
import type { SeldonComponent, SeldonComponentClass } from './types.js';
import { Gate } from './internal/gate.js';
import { REST_ROUTES, dispatchRest, isGated, type RestContext } from './internal/rest-dispatch.js';
import { toWrapperError } from './errors.js';
import { MICROSERVICE_DEFAULTS } from './microservice.js';

/** Options of {@link createExpressRouter}. */
export interface ExpressRouterOptions extends ComponentRuntimeOptions {
  /** Largest accepted body in bytes. Default 104 857 600 (100 MiB). */
  maxMessageBytes?: number;
  /** Requests served at once before answering 429; 0 = unlimited. Default 1024. */
  maxInFlight?: number;
}

function isRuntime(value: unknown): value is ComponentRuntime {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ComponentRuntime).has === 'function' &&
    typeof (value as ComponentRuntime).health === 'function' &&
    typeof (value as ComponentRuntime).load === 'function' &&
    'ready' in value
  );
}

async function bodyOf(req: Request, limit: number): Promise<Buffer | { tooLarge: number }> {
  // A body parser mounted before us already consumed the stream.
  const parsed: unknown = req.body;
  if (Buffer.isBuffer(parsed)) return parsed;
  if (typeof parsed === 'string') return Buffer.from(parsed);
  if (
    parsed !== undefined &&
    parsed !== null &&
    typeof parsed === 'object' &&
    Object.keys(parsed).length > 0
  ) {
    return Buffer.from(JSON.stringify(parsed));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return { tooLarge: size };
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * The Seldon REST routes (05 §4) as an express router, to mount in an existing app:
 * `app.use('/model', createExpressRouter(new MyModel()))`. Accepts a component or a
 * {@link ComponentRuntime}. The component's `load()` runs before the first request is served.
 */
export function createExpressRouter(
  component: SeldonComponent | SeldonComponentClass | ComponentRuntime,
  options: ExpressRouterOptions = {},
): Router {
  const runtime = isRuntime(component) ? component : createComponentRuntime(component, options);
  const maxMessageBytes = options.maxMessageBytes ?? MICROSERVICE_DEFAULTS.maxMessageBytes;
  const ctx: RestContext = {
    runtime,
    gate: new Gate(options.maxInFlight ?? MICROSERVICE_DEFAULTS.maxInFlight),
    metrics: undefined,
    decodeOptions: { maxMessageBytes, rejectUnknownFields: false },
    maxMessageBytes,
    passthrough: undefined,
  };
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    next();
  });
  for (const [path, entry] of REST_ROUTES) {
    const handle = async (req: Request, res: Response): Promise<void> => {
      if (isGated(entry.endpoint)) {
        try {
          ctx.gate.enter();
        } catch (err) {
          const e = toWrapperError(err);
          res.status(e.httpStatus).json(e.toSeldonStatus());
          return;
        }
        res.once('close', () => ctx.gate.leave());
      }
      try {
        await runtime.load();
      } catch (err) {
        const e = toWrapperError(err);
        res.status(503).json(e.toSeldonStatus());
        return;
      }
      const body = await bodyOf(req, maxMessageBytes);
      const q = req.originalUrl.indexOf('?');
      const query = q < 0 ? undefined : req.originalUrl.slice(q + 1);
      const result = Buffer.isBuffer(body)
        ? await dispatchRest(ctx, entry.endpoint, req.headers['content-type'] ?? '', body, query)
        : {
            status: 413,
            contentType: 'application/json',
            body: JSON.stringify({
              status: {
                status: 1,
                info: `Request body of ${body.tooLarge} bytes exceeds maxMessageBytes ${maxMessageBytes}`,
                code: -1,
                reason: 'MICROSERVICE_BAD_DATA',
              },
            }),
          };
      res.status(result.status).type(result.contentType).send(result.body);
    };
    const route = router.route(path);
    for (const method of entry.methods) {
      if (method === 'GET') route.get(handle);
      else route.post(handle);
    }
    route.options((req, res) => {
      res.setHeader('Access-Control-Allow-Methods', [...entry.methods, 'OPTIONS'].join(', '));
      const asked = req.headers['access-control-request-headers'];
      if (asked !== undefined) res.setHeader('Access-Control-Allow-Headers', asked);
      res.status(200).end();
    });
  }
  return router;
}
