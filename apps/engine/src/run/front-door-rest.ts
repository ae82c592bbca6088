// The front door's REST side: probes, the graph page, and every other request forwarded as opaque
// bytes to the picked predictor's engine (and copied to the shadow).
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
  type Server as HttpServer,
} from 'node:http';
import { Pool } from 'undici';
import { EngineError } from '../errors.js';
import type { TrafficSplit } from '../graph-page/traffic-split.js';
import { ENGINE_PROMETHEUS_PATH } from './plan.js';
import type { DoorRouting, FrontDoorBackend } from './traffic-picker.js';

// Hop-by-hop headers (RFC 9110 §7.6.1) and those the HTTP client recomputes.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
  // curl sends `Expect: 100-continue` for large bodies; node:http already answered it, and the
  // HTTP client to the engine refuses the header.
  'expect',
]);

type Headers = Record<string, string | string[] | undefined>;

/** The REST side of a running front door. */
export class RestDoor {
  readonly server: HttpServer;
  private readonly pools: Map<string, Pool>;
  private shadowFailures = 0;

  constructor(
    private readonly routing: DoorRouting,
    private readonly split: TrafficSplit | undefined,
  ) {
    this.pools = new Map(
      routing.backends.map((b) => [b.name, new Pool(`http://127.0.0.1:${b.httpPort}`, { connections: 32 })]),
    );
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: Error) =>
        fail(res, new EngineError('SC_ERR_ENGINE_RUN_UNAVAILABLE', err.message)),
      );
    });
    this.server.keepAliveTimeout = 65_000;
  }

  /** Stops accepting, waits for open requests, then closes the engine connections. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  /** Closes the connections to the engines, gracefully or (`destroy`) at once. */
  async closePools(destroy = false): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => (destroy ? p.destroy() : p.close())));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    if (path === '/live') {
      res.writeHead(200).end();
      return;
    }
    if (path === '/ready') {
      res.writeHead((await this.readyAll()) ? 200 : 503).end();
      return;
    }
    if (
      this.split !== undefined &&
      (path === '/graph' || path.startsWith('/graph/') || path.startsWith('/graph?'))
    ) {
      await this.serveGraphPage(req, res, this.split);
      return;
    }
    if (path === '/prometheus' || path === '/metrics') {
      this.explainMetrics(res);
      return;
    }
    await this.forward(req, res, path);
  }

  /** Ready when every non-shadow engine is. */
  private async readyAll(): Promise<boolean> {
    const results = await Promise.all(
      this.routing.backends
        .filter((b) => !b.shadow)
        .map(async (b) => {
          try {
            const r = await this.pools.get(b.name)!.request({ path: '/ready', method: 'GET' });
            await r.body.dump();
            return r.statusCode === 200;
          } catch {
            return false;
          }
        }),
    );
    return results.every(Boolean);
  }

  /**
   * As in the cluster, where Prometheus scrapes each engine pod rather than the ingress: a random
   * predictor's numbers on the public port would only mislead, so this names where they are.
   */
  private explainMetrics(res: ServerResponse): void {
    const where = this.routing.backends
      .map((b) => `${b.name}: http://127.0.0.1:${b.httpPort}${ENGINE_PROMETHEUS_PATH}`)
      .join('\n');
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`metrics are per predictor engine; scrape\n${where}\n`);
  }

  /** A prediction (or any other call): to the picked predictor, a copy to the shadow. */
  private async forward(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    let body: Buffer;
    try {
      body = await readBody(req, this.routing.maxBodyBytes);
    } catch (err) {
      fail(
        res,
        err instanceof EngineError ? err : new EngineError('SC_ERR_ENGINE_RUN_UNAVAILABLE', String(err)),
      );
      return;
    }
    const headers = withoutHopByHop(req.headers);
    const sent = method !== 'GET' && method !== 'HEAD' ? body : undefined;
    const { picker, count } = this.routing;
    const target = picker.pick();
    count(target.name);
    if (picker.shadow) this.mirror(picker.shadow, path, method, headers, sent);
    try {
      const upstream = await this.pools
        .get(target.name)!
        .request({ path, method: method as 'POST', headers, body: sent });
      const outHeaders = withoutHopByHop(upstream.headers);
      outHeaders['seldon-predictor'] = target.name;
      res.writeHead(upstream.statusCode, outHeaders);
      for await (const chunk of upstream.body) res.write(chunk);
      res.end();
    } catch (err) {
      fail(
        res,
        new EngineError(
          'SC_ERR_ENGINE_RUN_UNAVAILABLE',
          `predictor "${target.name}" is unreachable on 127.0.0.1:${target.httpPort}: ${(err as Error).message}`,
          { where: target.name, cause: err },
        ),
      );
    }
  }

  /** Sends the shadow its copy; its answer is discarded. */
  private mirror(
    shadow: FrontDoorBackend,
    path: string,
    method: string,
    headers: Record<string, string | string[]>,
    body: Buffer | undefined,
  ): void {
    this.routing.count(shadow.name);
    this.pools
      .get(shadow.name)!
      .request({ path, method: method as 'POST', headers, body })
      .then((r) => r.body.dump())
      .catch((err: Error) => {
        // Mirrored traffic never affects the caller; say so once in a while rather than per request.
        if (this.shadowFailures++ % 100 === 0)
          this.routing.log(`[runner] shadow predictor "${shadow.name}" failed: ${err.message}`);
      });
  }

  /** The graph page of one predictor's engine, and the split over all of them. */
  private async serveGraphPage(
    req: IncomingMessage,
    res: ServerResponse,
    split: TrafficSplit,
  ): Promise<void> {
    req.resume();
    const url = new URL(req.url ?? '/', 'http://front-door');
    const shown = split.pick(url.searchParams.get('predictor'));
    if (shown === undefined) {
      // A page address, like the engine's other unknown paths: a plain 404 naming what exists.
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(
        `no predictor "${url.searchParams.get('predictor')}" in this deployment (predictors: ${split.predictors.map((p) => p.name).join(', ')})\n`,
      );
      return;
    }
    if (url.pathname === '/graph/split') {
      const body = JSON.stringify(split.snapshot(shown.name));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(body);
      return;
    }
    const upstream = await this.pools.get(shown.name)!.request({ path: req.url ?? '/', method: 'GET' });
    res.writeHead(upstream.statusCode, withoutHopByHop(upstream.headers));
    for await (const chunk of upstream.body) res.write(chunk);
    res.end();
  }
}

/** The request body, refused past `maxBodyBytes`. */
function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(
          new EngineError(
            'SC_ERR_ENGINE_RUN_BODY_TOO_LARGE',
            `request body is over the front door's limit of ${maxBodyBytes} bytes (--max-body-bytes)`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** The end-to-end headers of a request or answer. */
function withoutHopByHop(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  }
  return out;
}

/** Answers with the error's status and Seldon status body, or cuts an answer already under way. */
function fail(res: ServerResponse, err: EngineError): void {
  if (res.headersSent) {
    res.destroy(err);
    return;
  }
  const body = JSON.stringify(err.toSeldonStatus());
  res.writeHead(err.httpStatus, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
