// Listening for the engine's REST server (node:http or node:https).
import type { AddressInfo, Server } from 'node:net';

/** Listens on host:port (0: a free port) and resolves with the port; rejects if the port cannot be had. */
export function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
