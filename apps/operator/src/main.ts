import { parseArgs } from 'node:util';
import { hostname } from 'node:os';
import { Operator, OperatorError, configFromEnv, type OperatorConfig } from '@seldon-ts/operator';

export const OPERATOR_USAGE = `Usage: seldon-operator [flags]

Reconciles SeldonDeployments (machinelearning.seldon.io) into Deployments, Services, HPAs, PDBs and
ingress objects. The cluster is found the standard way: --kubeconfig, else in-cluster, else KUBECONFIG.

Flags (environment variables in brackets):
  --metrics-addr <[host]:port>        metrics, /healthz and /readyz (default :8080)
  --enable-leader-election            Lease-based leader election (default false)
  --leader-election-id <name>         Lease name [LEADER_ELECTION_ID] (default a33bd623.machinelearning.seldon.io)
  --leader-election-lease-duration-secs <n>   (default 15)
  --leader-election-renew-deadline-secs <n>   (default 10)
  --leader-election-retry-period-secs <n>     (default 2)
  --webhook-port <port>               validating webhook HTTPS port (default 4443; 0 disables the webhook)
  --webhook-cert-dir <dir>            use tls.crt/tls.key/ca.crt from here (cert-manager) instead of self-issued
  --webhook-configuration-name <n>    ValidatingWebhookConfiguration whose caBundle is kept in sync
                                      (default seldon-validating-webhook-configuration-<operator namespace>)
  --webhook-service-name <n>          Service name in the certificate (default seldon-webhook-service)
  --namespace <ns>                    only this namespace [WATCH_NAMESPACE wins]
  --operator-namespace <ns>           [POD_NAMESPACE wins] (default seldon-system)
  --workers <n>                       concurrent reconciles (default 4)
  --kubeconfig <file>                 kubeconfig to use
  --log-level <DEBUG|INFO|WARN|ERROR> [SELDON_LOG_LEVEL] (default INFO); --debug = DEBUG [SELDON_DEBUG]
  --print-config                      print the effective configuration as JSON and exit
  --version                           print the version and exit
  -h, --help

Everything else (engine image, ports, Istio, Ambassador, KEDA, user ids) comes from the environment
variables documented in docs/operator.md.`;

export interface OperatorCliOptions {
  metricsHost: string;
  metricsPort: number;
  leaderElection: boolean;
  leaderElectionId: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  webhookPort: number;
  webhookCertDir: string | undefined;
  webhookConfigurationName: string;
  webhookServiceName: string;
  workers: number;
  kubeconfig: string | undefined;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  printConfig: boolean;
  help: boolean;
  config: OperatorConfig;
}

function intFlag(name: string, v: string | undefined, def: number, min = 0): number {
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min)
    throw new OperatorError('SC_ERR_OPERATOR_CONFIG', `--${name}="${v}" must be an integer >= ${min}`);
  return n;
}

/** Flags > environment > defaults, validated once. Throws SC_ERR_OPERATOR_CONFIG naming the bad flag. */
export function parseOperatorArgs(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): OperatorCliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'metrics-addr': { type: 'string' },
        'enable-leader-election': { type: 'boolean' },
        'leader-election-id': { type: 'string' },
        'leader-election-resource-lock': { type: 'string' },
        'leader-election-lease-duration-secs': { type: 'string' },
        'leader-election-renew-deadline-secs': { type: 'string' },
        'leader-election-retry-period-secs': { type: 'string' },
        'webhook-port': { type: 'string' },
        'webhook-cert-dir': { type: 'string' },
        'webhook-configuration-name': { type: 'string' },
        'webhook-service-name': { type: 'string' },
        namespace: { type: 'string' },
        'operator-namespace': { type: 'string' },
        workers: { type: 'string' },
        kubeconfig: { type: 'string' },
        'log-level': { type: 'string' },
        debug: { type: 'boolean' },
        'print-config': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new OperatorError('SC_ERR_OPERATOR_CONFIG', `${(err as Error).message}\n\n${OPERATOR_USAGE}`);
  }
  const mergedEnv = { ...env };
  if (values.namespace && !env.WATCH_NAMESPACE) mergedEnv.WATCH_NAMESPACE = values.namespace;
  if (values['operator-namespace'] && !env.POD_NAMESPACE)
    mergedEnv.POD_NAMESPACE = values['operator-namespace'];
  const config = configFromEnv(mergedEnv);
  const addr = values['metrics-addr'] ?? ':8080';
  const m = /^(.*):(\d+)$/.exec(addr);
  if (!m) throw new OperatorError('SC_ERR_OPERATOR_CONFIG', `--metrics-addr="${addr}" must be [host]:port`);
  const level = (
    values.debug || env.SELDON_DEBUG === 'true'
      ? 'DEBUG'
      : (values['log-level'] ?? env.SELDON_LOG_LEVEL ?? 'INFO')
  ).toUpperCase();
  if (!['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(level))
    throw new OperatorError(
      'SC_ERR_OPERATOR_CONFIG',
      `--log-level="${level}" must be DEBUG, INFO, WARN or ERROR`,
    );
  return {
    metricsHost: m[1] || '0.0.0.0',
    metricsPort: intFlag('metrics-addr', m[2], 8080),
    leaderElection: values['enable-leader-election'] ?? false,
    leaderElectionId:
      values['leader-election-id'] || env.LEADER_ELECTION_ID || 'a33bd623.machinelearning.seldon.io',
    leaseDurationMs:
      intFlag('leader-election-lease-duration-secs', values['leader-election-lease-duration-secs'], 15, 1) *
      1000,
    renewDeadlineMs:
      intFlag('leader-election-renew-deadline-secs', values['leader-election-renew-deadline-secs'], 10, 1) *
      1000,
    retryPeriodMs:
      intFlag('leader-election-retry-period-secs', values['leader-election-retry-period-secs'], 2, 1) * 1000,
    webhookPort: intFlag('webhook-port', values['webhook-port'], 4443),
    webhookCertDir: values['webhook-cert-dir'],
    webhookConfigurationName:
      values['webhook-configuration-name'] ??
      `seldon-validating-webhook-configuration-${config.operatorNamespace}`,
    webhookServiceName: values['webhook-service-name'] ?? 'seldon-webhook-service',
    workers: intFlag('workers', values.workers, 4, 1),
    kubeconfig: values.kubeconfig,
    logLevel: level as OperatorCliOptions['logLevel'],
    printConfig: values['print-config'] ?? false,
    help: values.help ?? false,
    config,
  };
}

export interface RunningOperator {
  operator: Operator;
  stop(): Promise<void>;
}

const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 } as const;

/** Starts the operator process; resolves once it runs (standby replicas included). */
export async function runOperator(
  opts: OperatorCliOptions,
  out: (line: string) => void = (l) => process.stdout.write(l + '\n'),
): Promise<RunningOperator> {
  const min = LEVELS[opts.logLevel];
  const log = (entry: Record<string, unknown>) => {
    const level = String(entry.level ?? 'info').toUpperCase() as keyof typeof LEVELS;
    if ((LEVELS[level] ?? 20) >= min)
      out(JSON.stringify({ ts: new Date().toISOString(), logger: 'seldon-operator', ...entry }));
  };
  const ns = opts.config.operatorNamespace;
  const svc = opts.webhookServiceName;
  const operator = new Operator({
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
  });
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
