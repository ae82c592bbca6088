import { BatchError } from './errors.js';
import { uuid1 } from './internal/uuid1.js';

/** How requests reach the deployment: through an ingress gateway, or straight to the predictor service. */
export type GatewayType = 'ambassador' | 'istio' | 'seldon';
/** Wire protocol to the deployment. */
export type Transport = 'rest' | 'grpc';
/** How each input line is turned into a request (see docs/batch.md). */
export type DataType = 'data' | 'json' | 'str' | 'raw';
/** Encoding of `data` lines: `data.ndarray`, `data.tensor` or `data.tftensor`. */
export type PayloadType = 'ndarray' | 'tensor' | 'tftensor';
/** Which endpoint each line is sent to. */
export type BatchMethod = 'predict' | 'feedback';
/** Minimum level the CLI logs. */
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';
/** `auto`: a bar on a TTY stderr, a periodic log line otherwise. */
export type ProgressMode = 'auto' | 'bar' | 'log' | 'none';

/** Options of one batch run. Every field but `deploymentName` has a documented default. */
export interface BatchOptions {
  /** Name of the SeldonDeployment. Required. */
  deploymentName: string;
  /** Default `istio`. `seldon` calls the predictor service directly (no `/seldon/<ns>/<name>` prefix). */
  gatewayType?: GatewayType;
  /** Kubernetes namespace of the deployment. Default `default`. */
  namespace?: string;
  /** `host:port` of the gateway or predictor service. Default `istio-ingressgateway.istio-system.svc.cluster.local:80`. */
  host?: string;
  /** Default `rest`. */
  transport?: Transport;
  /** Default `data`. */
  dataType?: DataType;
  /** Default `ndarray`. */
  payloadType?: PayloadType;
  /** Requests in flight at once. Default 1. */
  workers?: number;
  /** Attempts per request (total, not extra). Default 3. */
  retries?: number;
  /** Pause between failed attempts, in milliseconds. Default 0 (the reference retries at once). */
  retryDelayMs?: number;
  /** Local input file, one JSON value per line. Default `/assets/input-data.txt`. */
  inputDataPath?: string;
  /** Local output file (truncated). Default `/assets/output-data.txt`. */
  outputDataPath?: string;
  /** Default `predict`. `feedback` needs `dataType: 'raw'`. */
  method?: BatchMethod;
  /** Default `info`. */
  logLevel?: LogLevel;
  /** Log the elapsed time at the end. Default false. */
  benchmark?: boolean;
  /** Id stamped on every request and output line. Default: a time-based UUID (v1) made at start. */
  batchId?: string;
  /** Lines per request (mini-batching; `data` and `raw` only). Default 1. */
  batchSize?: number;
  /** Minimum duration of one worker iteration, in milliseconds (rate limiting). Default 0. */
  batchIntervalMs?: number;
  /** Use HTTPS / TLS gRPC. Default false. */
  useSsl?: boolean;
  /** Token sent as `X-Auth-Token` (REST) or `x-auth-token` metadata (gRPC). Default none. */
  callCredentialsToken?: string;
  /** Verify the server certificate when `useSsl`. Default true. */
  sslVerify?: boolean;
  /** Deadline of one attempt, in milliseconds. Default 60000. */
  timeoutMs?: number;
  /** Longest accepted input line, in bytes; longer lines become error records. Default 16 MiB. */
  maxLineBytes?: number;
  /** Largest accepted response body / gRPC message, in bytes. Default 64 MiB. */
  maxResponseBytes?: number;
  /** Progress display. Default `none` for {@link runBatch}, `auto` for the CLI. */
  progress?: ProgressMode;
  /** Period of the progress log line / bar refresh, in milliseconds. Default 5000 (log), bar refreshes every 200. */
  progressIntervalMs?: number;
}

/** {@link BatchOptions} with every default applied and validated. */
export type ResolvedBatchOptions = Required<BatchOptions>;

/** The defaults, in one place (docs/batch.md mirrors this table; a test checks it). */
export const batchOptionDefaults = {
  gatewayType: 'istio',
  namespace: 'default',
  host: 'istio-ingressgateway.istio-system.svc.cluster.local:80',
  transport: 'rest',
  dataType: 'data',
  payloadType: 'ndarray',
  workers: 1,
  retries: 3,
  retryDelayMs: 0,
  inputDataPath: '/assets/input-data.txt',
  outputDataPath: '/assets/output-data.txt',
  method: 'predict',
  logLevel: 'info',
  benchmark: false,
  batchSize: 1,
  batchIntervalMs: 0,
  useSsl: false,
  callCredentialsToken: '',
  sslVerify: true,
  timeoutMs: 60_000,
  maxLineBytes: 16 * 1024 * 1024,
  maxResponseBytes: 64 * 1024 * 1024,
  progress: 'none',
  progressIntervalMs: 5_000,
} as const satisfies Omit<ResolvedBatchOptions, 'deploymentName' | 'batchId'>;

type OptionKind = 'string' | 'int' | 'seconds' | 'choice' | 'bool' | 'flag';

/** One command-line option: flag, short flag, environment variable and how to parse it. */
export interface BatchOptionSpec {
  readonly key: keyof BatchOptions;
  readonly flag: string;
  readonly short?: string;
  readonly env: string;
  readonly kind: OptionKind;
  readonly choices?: readonly string[];
  /** Smallest accepted value for numbers. */
  readonly min?: number;
  readonly help: string;
}

/** The CLI's options, in `--help` order. Flags and env names are the reference's, plus a few extras. */
export const batchOptionSpecs: readonly BatchOptionSpec[] = [
  {
    key: 'deploymentName',
    flag: '--deployment-name',
    short: '-d',
    env: 'SELDON_BATCH_DEPLOYMENT_NAME',
    kind: 'string',
    help: 'SeldonDeployment to send requests to (required)',
  },
  {
    key: 'gatewayType',
    flag: '--gateway-type',
    short: '-g',
    env: 'SELDON_BATCH_GATEWAY_TYPE',
    kind: 'choice',
    choices: ['ambassador', 'istio', 'seldon'],
    help: 'ingress gateway, or seldon for the predictor service itself',
  },
  {
    key: 'namespace',
    flag: '--namespace',
    short: '-n',
    env: 'SELDON_BATCH_NAMESPACE',
    kind: 'string',
    help: 'namespace of the deployment',
  },
  {
    key: 'host',
    flag: '--host',
    short: '-h',
    env: 'SELDON_BATCH_HOST',
    kind: 'string',
    help: 'host:port of the gateway or service',
  },
  {
    key: 'transport',
    flag: '--transport',
    short: '-t',
    env: 'SELDON_BATCH_TRANSPORT',
    kind: 'choice',
    choices: ['rest', 'grpc'],
    help: 'protocol to the deployment',
  },
  {
    key: 'dataType',
    flag: '--data-type',
    short: '-a',
    env: 'SELDON_BATCH_DATA_TYPE',
    kind: 'choice',
    choices: ['data', 'json', 'str', 'raw'],
    help: 'how a line becomes a request',
  },
  {
    key: 'payloadType',
    flag: '--payload-type',
    short: '-p',
    env: 'SELDON_BATCH_PAYLOAD_TYPE',
    kind: 'choice',
    choices: ['ndarray', 'tensor', 'tftensor'],
    help: 'encoding of data lines',
  },
  {
    key: 'workers',
    flag: '--workers',
    short: '-w',
    env: 'SELDON_BATCH_WORKERS',
    kind: 'int',
    min: 1,
    help: 'requests in flight at once',
  },
  {
    key: 'retries',
    flag: '--retries',
    short: '-r',
    env: 'SELDON_BATCH_RETRIES',
    kind: 'int',
    min: 1,
    help: 'attempts per request before writing an error line',
  },
  {
    key: 'inputDataPath',
    flag: '--input-data-path',
    short: '-i',
    env: 'SELDON_BATCH_INPUT_DATA_PATH',
    kind: 'string',
    help: 'local input file, one JSON value per line',
  },
  {
    key: 'outputDataPath',
    flag: '--output-data-path',
    short: '-o',
    env: 'SELDON_BATCH_OUTPUT_DATA_PATH',
    kind: 'string',
    help: 'local output file',
  },
  {
    key: 'method',
    flag: '--method',
    short: '-m',
    env: 'SELDON_BATCH_METHOD',
    kind: 'choice',
    choices: ['predict', 'feedback'],
    help: 'predict, or feedback (needs --data-type raw)',
  },
  {
    key: 'logLevel',
    flag: '--log-level',
    short: '-l',
    env: 'SELDON_BATCH_LOG_LEVEL',
    kind: 'choice',
    choices: ['debug', 'info', 'warning', 'error'],
    help: 'minimum log level',
  },
  {
    key: 'benchmark',
    flag: '--benchmark',
    short: '-b',
    env: 'SELDON_BATCH_BENCHMARK',
    kind: 'flag',
    help: 'log the elapsed time at the end',
  },
  {
    key: 'batchId',
    flag: '--batch-id',
    short: '-u',
    env: 'SELDON_BATCH_ID',
    kind: 'string',
    help: 'id stamped on every request (default: a new time-based UUID)',
  },
  {
    key: 'batchSize',
    flag: '--batch-size',
    short: '-s',
    env: 'SELDON_BATCH_SIZE',
    kind: 'int',
    min: 1,
    help: 'lines per request (data and raw only)',
  },
  {
    key: 'batchIntervalMs',
    flag: '--batch-interval',
    env: 'SELDON_BATCH_MIN_INTERVAL',
    kind: 'seconds',
    min: 0,
    help: 'minimum seconds per worker iteration (float)',
  },
  { key: 'useSsl', flag: '--use-ssl', env: 'SELDON_BATCH_USE_SSL', kind: 'bool', help: 'HTTPS / TLS gRPC' },
  {
    key: 'callCredentialsToken',
    flag: '--call-credentials-token',
    env: 'SELDON_BATCH_CALL_CREDENTIALS_TOKEN',
    kind: 'string',
    help: 'auth token (X-Auth-Token header)',
  },
  {
    key: 'sslVerify',
    flag: '--ssl-verify',
    env: 'SELDON_BATCH_SSL_VERIFY',
    kind: 'bool',
    help: 'verify the server certificate',
  },
  {
    key: 'retryDelayMs',
    flag: '--retry-delay-ms',
    env: 'SELDON_BATCH_RETRY_DELAY_MS',
    kind: 'int',
    min: 0,
    help: 'pause between failed attempts (ms)',
  },
  {
    key: 'timeoutMs',
    flag: '--timeout-ms',
    env: 'SELDON_BATCH_TIMEOUT_MS',
    kind: 'int',
    min: 1,
    help: 'deadline of one attempt (ms)',
  },
  {
    key: 'maxLineBytes',
    flag: '--max-line-bytes',
    env: 'SELDON_BATCH_MAX_LINE_BYTES',
    kind: 'int',
    min: 1,
    help: 'longest accepted input line (bytes)',
  },
  {
    key: 'maxResponseBytes',
    flag: '--max-response-bytes',
    env: 'SELDON_BATCH_MAX_RESPONSE_BYTES',
    kind: 'int',
    min: 1,
    help: 'largest accepted response (bytes)',
  },
  {
    key: 'progress',
    flag: '--progress',
    env: 'SELDON_BATCH_PROGRESS',
    kind: 'choice',
    choices: ['auto', 'bar', 'log', 'none'],
    help: 'progress display (CLI default auto)',
  },
  {
    key: 'progressIntervalMs',
    flag: '--progress-interval-ms',
    env: 'SELDON_BATCH_PROGRESS_INTERVAL_MS',
    kind: 'int',
    min: 1,
    help: 'period of the progress log line (ms)',
  },
];

function checkInt(value: unknown, key: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new BatchError(
      'SC_ERR_BATCH_INVALID_OPTION',
      `${key} must be an integer >= ${min}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function checkChoice<T extends string>(value: unknown, key: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw new BatchError(
      'SC_ERR_BATCH_INVALID_OPTION',
      `${key} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

function checkString(value: unknown, key: string, allowEmpty: boolean): string {
  if (typeof value !== 'string' || (!allowEmpty && value === '')) {
    throw new BatchError(
      'SC_ERR_BATCH_INVALID_OPTION',
      `${key} must be a${allowEmpty ? '' : ' non-empty'} string, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function checkBool(value: unknown, key: string): boolean {
  if (typeof value !== 'boolean') {
    throw new BatchError(
      'SC_ERR_BATCH_INVALID_OPTION',
      `${key} must be a boolean, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

const OBJECT_STORE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

function checkLocalPath(value: unknown, key: string): string {
  const path = checkString(value, key, false);
  if (OBJECT_STORE_URL.test(path) && !path.startsWith('file://')) {
    throw new BatchError(
      'SC_ERR_BATCH_UNSUPPORTED_URL',
      `${key} '${path}' is a URL; only local files are supported (download it first, e.g. with an init step)`,
    );
  }
  return path.startsWith('file://') ? new URL(path).pathname : path;
}

/**
 * Applies defaults and validates every field once; throws {@link BatchError} naming the field.
 * Also enforces the reference's pre-checks (feedback needs raw; batch size > 1 needs data or raw).
 */
export function resolveBatchOptions(options: BatchOptions): ResolvedBatchOptions {
  const known = new Set<string>([...batchOptionSpecs.map((s) => s.key as string)]);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new BatchError('SC_ERR_BATCH_INVALID_OPTION', `unknown option '${key}'`);
  }
  const o = { ...batchOptionDefaults, ...stripUndefined(options) } as Record<string, unknown>;
  if (o.deploymentName === undefined || o.deploymentName === '') {
    throw new BatchError(
      'SC_ERR_BATCH_MISSING_OPTION',
      'deploymentName (--deployment-name, SELDON_BATCH_DEPLOYMENT_NAME) is required',
    );
  }
  const resolved: ResolvedBatchOptions = {
    deploymentName: checkString(o.deploymentName, 'deploymentName', false),
    gatewayType: checkChoice(o.gatewayType, 'gatewayType', ['ambassador', 'istio', 'seldon'] as const),
    namespace: checkString(o.namespace, 'namespace', false),
    host: checkString(o.host, 'host', false),
    transport: checkChoice(o.transport, 'transport', ['rest', 'grpc'] as const),
    dataType: checkChoice(o.dataType, 'dataType', ['data', 'json', 'str', 'raw'] as const),
    payloadType: checkChoice(o.payloadType, 'payloadType', ['ndarray', 'tensor', 'tftensor'] as const),
    workers: checkInt(o.workers, 'workers', 1),
    retries: checkInt(o.retries, 'retries', 1),
    retryDelayMs: checkInt(o.retryDelayMs, 'retryDelayMs', 0),
    inputDataPath: checkLocalPath(o.inputDataPath, 'inputDataPath'),
    outputDataPath: checkLocalPath(o.outputDataPath, 'outputDataPath'),
    method: checkChoice(o.method, 'method', ['predict', 'feedback'] as const),
    logLevel: checkChoice(o.logLevel, 'logLevel', ['debug', 'info', 'warning', 'error'] as const),
    benchmark: checkBool(o.benchmark, 'benchmark'),
    batchId: o.batchId === undefined || o.batchId === '' ? uuid1() : checkString(o.batchId, 'batchId', false),
    batchSize: checkInt(o.batchSize, 'batchSize', 1),
    batchIntervalMs:
      typeof o.batchIntervalMs === 'number' && Number.isFinite(o.batchIntervalMs) && o.batchIntervalMs >= 0
        ? o.batchIntervalMs
        : invalid('batchIntervalMs must be a number >= 0', o.batchIntervalMs),
    useSsl: checkBool(o.useSsl, 'useSsl'),
    callCredentialsToken: checkString(o.callCredentialsToken, 'callCredentialsToken', true),
    sslVerify: checkBool(o.sslVerify, 'sslVerify'),
    timeoutMs: checkInt(o.timeoutMs, 'timeoutMs', 1),
    maxLineBytes: checkInt(o.maxLineBytes, 'maxLineBytes', 1),
    maxResponseBytes: checkInt(o.maxResponseBytes, 'maxResponseBytes', 1),
    progress: checkChoice(o.progress, 'progress', ['auto', 'bar', 'log', 'none'] as const),
    progressIntervalMs: checkInt(o.progressIntervalMs, 'progressIntervalMs', 1),
  };
  if (resolved.method === 'feedback' && resolved.dataType !== 'raw') {
    throw new BatchError(
      'SC_ERR_BATCH_UNSUPPORTED_COMBINATION',
      'method feedback is supported only with data type raw',
    );
  }
  if (resolved.batchSize > 1 && resolved.dataType !== 'data' && resolved.dataType !== 'raw') {
    throw new BatchError(
      'SC_ERR_BATCH_UNSUPPORTED_COMBINATION',
      'batch size greater than 1 is supported only with data type data or raw',
    );
  }
  if (resolved.batchSize > 1 && resolved.method === 'feedback') {
    throw new BatchError(
      'SC_ERR_BATCH_UNSUPPORTED_COMBINATION',
      'batch size greater than 1 is supported only with method predict',
    );
  }
  if (resolved.inputDataPath === resolved.outputDataPath) {
    // The reference defaults both paths to the same file and would truncate its own input.
    throw new BatchError(
      'SC_ERR_BATCH_UNSUPPORTED_COMBINATION',
      `input and output data paths are the same file (${resolved.inputDataPath})`,
    );
  }
  return resolved;
}

function invalid(message: string, value: unknown): never {
  throw new BatchError('SC_ERR_BATCH_INVALID_OPTION', `${message}, got ${JSON.stringify(value)}`);
}

function stripUndefined(options: BatchOptions): Partial<BatchOptions> {
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as Partial<BatchOptions>;
}
