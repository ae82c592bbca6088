// A keep-alive REST client on node:http for the benchmarks that drive servers over loopback, and a
// one-shot request for readiness probes.
import { Agent, request } from 'node:http';

/**
 * Sends `body` (a JSON string; none for GET) to `method path` on 127.0.0.1:`port` with `agent`;
 * resolves with the status and the answer's text, rejects on a socket error or after `timeoutMs`.
 */
function send(port, method, path, body, agent, timeoutMs) {
  return new Promise((resolve, reject) => {
    const headers =
      body === undefined
        ? {}
        : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
    const req = request(
      { host: '127.0.0.1', port, method, path, agent, headers, timeout: timeoutMs },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${method} ${path} on port ${port}: no answer in ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A client for {@link measure}: each `call()` POSTs `body` to `path` and rejects unless the
 * answer is 200. Up to `concurrency` kept-alive connections (a server that closes them, such as
 * gunicorn's sync worker, gets a new one per request).
 */
export function restClient(port, path, body, concurrency) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const call = async () => {
    const { status, text } = await send(port, 'POST', path, body, agent, 60_000);
    if (status !== 200)
      throw new Error(`POST ${path} on port ${port}: status ${status}: ${text.slice(0, 200)}`);
  };
  return { call, close: () => agent.destroy() };
}

/** One request on a fresh connection: `{ status, text }`, rejecting on a socket error or timeout. */
export function requestOnce(port, method, path, body, timeoutMs) {
  return send(port, method, path, body, false, timeoutMs);
}
