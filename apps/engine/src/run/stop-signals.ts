// The runner's stop request: the first SIGINT, SIGTERM or SIGHUP; later ones are only acknowledged.
/** The first stop signal, and whether it has arrived. */
export interface StopSignals {
  readonly received: Promise<NodeJS.Signals>;
  stopping(): boolean;
}

/** Listens for SIGINT, SIGTERM and SIGHUP. */
export function listenForStop(log: (line: string) => void, stopTimeoutMs: number): StopSignals {
  let stopping = false;
  const received = new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (sig: NodeJS.Signals) => {
      // Stopping is bounded by --stop-timeout-ms; later signals must not kill the runner half-way
      // and orphan its component processes.
      if (stopping) {
        log(`[runner] ${sig}: already stopping (at most ${stopTimeoutMs} ms per component)`);
        return;
      }
      stopping = true;
      resolve(sig);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // A closed terminal must not orphan command: components (they have no parent guard).
    process.on('SIGHUP', onSignal);
  });
  return { received, stopping: () => stopping };
}
