// A small loopback Seldon-protocol deployment for tests that must not depend on the engine:
// an identity model answering like the Python wrapper (request data kind kept, tags carried),
// with switches to inject failures.
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: any;
}

export interface StubDeployment {
  readonly host: string;
  readonly requests: StubRequest[];
  close(): Promise<void>;
}

export interface StubBehaviour {
  /** Status to answer for a request (default 200 with the identity response). */
  failWith?: (body: any, attempt: number) => number | undefined;
  /** Never answer these requests (the socket stays open until close). */
  hang?: (body: any) => boolean;
  /** Answer only once this promise settles (per request). */
  holdUntil?: () => Promise<void>;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** Record every request (default false: large runs keep memory flat). */
  record?: boolean;
}

export async function startStubDeployment(behaviour: StubBehaviour = {}): Promise<StubDeployment> {
  const requests: StubRequest[] = [];
  const attempts = new Map<string, number>();
  const handler = (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (behaviour.holdUntil) await behaviour.holdUntil();
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"status":{"status":1,"info":"bad json","code":-1,"reason":"MICROSERVICE_BAD_DATA"}}');
        return;
      }
      if (behaviour.record) requests.push({ path: req.url ?? '', headers: req.headers, body });
      if (behaviour.hang?.(body)) return;
      const key = JSON.stringify(body?.data ?? body?.strData ?? body?.jsonData ?? body);
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      const status = behaviour.failWith?.(body, attempt);
      if (status !== undefined && status !== 200) {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            status: { status: 1, info: 'injected failure', code: -1, reason: 'MICROSERVICE_INTERNAL_ERROR' },
          }),
        );
        return;
      }
      let response: any;
      if (req.url?.endsWith('/feedback')) {
        response = { data: { tensor: { shape: [0], values: [] }, names: [] }, meta: {} };
      } else {
        response = { meta: body.meta ?? {} };
        if (body.data !== undefined) {
          response.data = { names: body.data.names ?? [], ...body.data };
        } else if (body.strData !== undefined) {
          response.strData = body.strData;
        } else if (body.jsonData !== undefined) {
          response.jsonData = body.jsonData;
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(response));
    });
  };
  const server: Server = behaviour.tls ? createTlsServer(behaviour.tls, handler) : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
