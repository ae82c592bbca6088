// Runs the operator process from parsed command-line options: JSON log lines, leader election and
// webhook as the flags say.
import { hostname } from 'node:os';
import { Operator, type OperatorOptions } from '@seldon-ts/operator';
import type { OperatorCliOptions } from './args.js';

export interface RunningOperator {
  operator: Operator;
  stop(): Promise<void>;
}

const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 } as const;

type Log = (entry: Record<string, unknown>) => void;

/** JSON lines at or above `level`, each with a timestamp and the logger name. */
function jsonLogger(level: OperatorCliOptions['logLevel'], out: (line: string) => void): Log {
  const min = LEVELS[level];
  return (entry) => {
    const entryLevel = String(entry.level ?? 'info').toUpperCase() as keyof typeof LEVELS;
    if ((LEVELS[entryLevel] ?? 20) >= min)
      out(JSON.stringify({ ts: new Date().toISOString(), logger: 'seldon-operator', ...entry }));
  };
}

/** The library's options from the command line: leader election when enabled, the webhook unless port 0. */
function operatorOptions(opts: OperatorCliOptions, log: Log): OperatorOptions {
  const ns = opts.config.operatorNamespace;
  const svc = opts.webhookServiceName;
  return {
    config: opts.config,
    kubeconfigPath: opts.kubeconfig,
    workers: opts.workers,
    metricsPort: opts.metricsPort,
    metricsHost: opts.metricsHost,
    log,
    ...(opts.leaderElection
      ? {
          leaderElection: {
            name: opts.leaderElectionId,
            namespace: ns,
            identity: `${hostname()}_${process.pid}`,
            leaseDurationMs: opts.leaseDurationMs,
            renewDeadlineMs: opts.renewDeadlineMs,
            retryPeriodMs: opts.retryPeriodMs,
          },
        }
      : {}),
    ...(opts.webhookPort > 0
      ? {
          webhook: {
            port: opts.webhookPort,
            configurationName: opts.webhookConfigurationName,
            certDir: opts.webhookCertDir,
            hosts: [`${svc}.${ns}`, `${svc}.${ns}.svc`, `${svc}.${ns}.svc.cluster.local`],
          },
        }
      : {}),
  };
}

/** Starts the operator process; resolves once it runs (standby replicas included). */
export async function runOperator(
  opts: OperatorCliOptions,
  out: (line: string) => void = (l) => process.stdout.write(l + '\n'),
): Promise<RunningOperator> {
  const log = jsonLogger(opts.logLevel, out);
  const operator = new Operator(operatorOptions(opts, log));
  const { engine, ...rest } = opts.config;
  log({ level: 'info', msg: 'starting', config: { ...rest, engine, seldonConfig: undefined } });
  await operator.start();
  log({
    level: 'info',
    msg: 'started',
    metricsPort: operator.metricsPort,
    webhookPort: operator.webhookPort,
  });
  return { operator, stop: () => operator.stop() };
}
