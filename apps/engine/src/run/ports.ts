// Free loopback ports for component processes. A child process must be told its ports before it
// starts, so the runner asks the kernel for a free port and releases it; the small window in which
// another program could take it is covered by the start-up readiness check failing loudly.
import { createServer } from 'node:net';

/** Returns a port that was free on `host` a moment ago. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Returns `count` distinct free ports. */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const seen = new Set<number>();
  while (seen.size < count) seen.add(await freePort(host));
  return [...seen];
}
