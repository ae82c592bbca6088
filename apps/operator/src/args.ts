// The command line of `seldon-operator`: its flags (the reference manager's long flags plus this
// operator's own), merged over the environment and the defaults, validated once.
import { parseArgs } from 'node:util';
import { OperatorError, configFromEnv } from '@seldon-ts/operator';
import type { OperatorConfig } from '@seldon-ts/operator';

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

const DEFAULT_LEASE_NAME = 'a33bd623.machinelearning.seldon.io';
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/** Every flag; values are validated after parsing so that errors name the flag and the rule. */
const FLAGS = {
  'metrics-addr': { type: 'string' },
  'enable-leader-election': { type: 'boolean' },
  'leader-election-id': { type: 'string' },
  // Accepted for compatibility with controller-runtime manifests; Leases are the only lock used.
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
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof FLAGS }>>['values'];
type Env = Record<string, string | undefined>;

function configError(message: string): OperatorError {
  return new OperatorError('SC_ERR_OPERATOR_CONFIG', message);
}

function intFlag(name: string, v: string | undefined, def: number, min = 0): number {
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw configError(`--${name}="${v}" must be an integer >= ${min}`);
  return n;
}

function readFlags(argv: string[]): Flags {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options: FLAGS }).values;
  } catch (err) {
    throw configError(`${(err as Error).message}\n\n${OPERATOR_USAGE}`);
  }
}

/** `--namespace` and `--operator-namespace` apply only where the environment does not say otherwise. */
function operatorConfig(flags: Flags, env: Env): OperatorConfig {
  const merged = { ...env };
  if (flags.namespace && !env.WATCH_NAMESPACE) merged.WATCH_NAMESPACE = flags.namespace;
  if (flags['operator-namespace'] && !env.POD_NAMESPACE) merged.POD_NAMESPACE = flags['operator-namespace'];
  return configFromEnv(merged);
}

/** `--metrics-addr [host]:port` (default `:8080`, all interfaces). */
function metricsAddress(flags: Flags): { host: string; port: number } {
  const addr = flags['metrics-addr'] ?? ':8080';
  const m = /^(.*):(\d+)$/.exec(addr);
  if (!m) throw configError(`--metrics-addr="${addr}" must be [host]:port`);
  return { host: m[1] || '0.0.0.0', port: intFlag('metrics-addr', m[2], 8080) };
}

/** `--debug`/`SELDON_DEBUG=true` win, then `--log-level`, then `SELDON_LOG_LEVEL`. */
function logLevel(flags: Flags, env: Env): OperatorCliOptions['logLevel'] {
  const level = (
    flags.debug || env.SELDON_DEBUG === 'true'
      ? 'DEBUG'
      : (flags['log-level'] ?? env.SELDON_LOG_LEVEL ?? 'INFO')
  ).toUpperCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw configError(`--log-level="${level}" must be DEBUG, INFO, WARN or ERROR`);
  return level as OperatorCliOptions['logLevel'];
}

/** Lease timing in ms from the `-secs` flags. */
function leaseTiming(flags: Flags) {
  const secs = (name: keyof Flags & string, def: number) =>
    intFlag(name, flags[name] as string | undefined, def, 1) * 1000;
  return {
    leaseDurationMs: secs('leader-election-lease-duration-secs', 15),
    renewDeadlineMs: secs('leader-election-renew-deadline-secs', 10),
    retryPeriodMs: secs('leader-election-retry-period-secs', 2),
  };
}

/** Flags > environment > defaults, validated once. Throws SC_ERR_OPERATOR_CONFIG naming the bad flag. */
export function parseOperatorArgs(argv: string[], env: Env = process.env): OperatorCliOptions {
  const flags = readFlags(argv);
  const config = operatorConfig(flags, env);
  const metrics = metricsAddress(flags);
  const level = logLevel(flags, env);
  return {
    metricsHost: metrics.host,
    metricsPort: metrics.port,
    leaderElection: flags['enable-leader-election'] ?? false,
    leaderElectionId: flags['leader-election-id'] || env.LEADER_ELECTION_ID || DEFAULT_LEASE_NAME,
    ...leaseTiming(flags),
    webhookPort: intFlag('webhook-port', flags['webhook-port'], 4443),
    webhookCertDir: flags['webhook-cert-dir'],
    webhookConfigurationName:
      flags['webhook-configuration-name'] ??
      `seldon-validating-webhook-configuration-${config.operatorNamespace}`,
    webhookServiceName: flags['webhook-service-name'] ?? 'seldon-webhook-service',
    workers: intFlag('workers', flags.workers, 4, 1),
    kubeconfig: flags.kubeconfig,
    logLevel: level,
    printConfig: flags['print-config'] ?? false,
    help: flags.help ?? false,
    config,
  };
}
