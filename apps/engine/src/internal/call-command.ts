// `seldon-engine call`: a small gRPC client of the engine. It takes the JSON a user sends to the
// REST API, sends it as the method's protobuf message (grpc-json-methods.ts) and prints the answer
// as the JSON the REST API gives. Exit codes: 0 answered, 1 the call failed (gRPC status), 2 bad
// arguments or a request that cannot be sent (bad JSON, wrong fields).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { isPayloadError } from '@seldon-ts/payload/json';
import { EngineError } from '../errors.js';
import { identity } from './grpc-raw.js';
import {
  CALL_PROTOCOLS,
  findMethod,
  jsonMethods,
  type CallProtocol,
  type JsonMethod,
} from './grpc-json-methods.js';

const DEFAULT_ADDRESS = '127.0.0.1:5001';
const DEFAULT_DEADLINE_MS = 30_000;

const methodList = (protocol: CallProtocol): string =>
  jsonMethods(protocol)
    .map((m) => m.name)
    .join(', ');

/** `text` broken at spaces into lines of at most `width` characters, continued with `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${indent}`);
}

export const CALL_USAGE = `seldon-engine call — send a REST-style JSON request to an engine over gRPC

Usage:
  seldon-engine call [options] '<json>'     the request inline
  seldon-engine call [options] @req.json    from a file
  seldon-engine call [options] -            from standard input

Options:
  --address HOST:PORT   the engine's gRPC address (default ${DEFAULT_ADDRESS})
  --port N              shorthand for --address 127.0.0.1:N
  --protocol P          seldon (default) or v2 (also: kfserving)
  --method M            the RPC (default: the first below; any case)
                          seldon: ${wrap(methodList('seldon'), 64, ' '.repeat(34))}
                          v2:     ${wrap(methodList('v2'), 64, ' '.repeat(34))}
  --model NAME          the model: ModelMetadata's name (both protocols), v2 ModelInfer's and
                        ModelReady's model_name (the REST path's /v2/models/NAME)
  --deadline-ms N       give up after N ms (default ${DEFAULT_DEADLINE_MS}; 0 = no deadline)
  --tls                 connect with TLS, trusting the system's certificate authorities
  --cacert FILE         connect with TLS, trusting the PEM certificate(s) in FILE
  -h, --help            this text

The JSON is what the REST API takes (POST /api/v1.0/predictions, /api/v1.0/feedback, v2
/v2/models/NAME/infer); the answer is printed as the REST API gives it. GraphMetadata, the v2
Server* RPCs and RepositoryIndex need no JSON; ModelMetadata takes --model or {"name": "..."}.

Example:
  seldon-engine call --port 5001 '{"data":{"ndarray":[[1.0,2.0,5.0]]}}'

Exit codes: 0 answered, 1 the call failed (prints the gRPC status and details),
2 bad options or a request that is not valid JSON for the method.
`;

/** The command's options (node:util parseArgs); docs/cli.md's table lists exactly these. */
export const CALL_OPTIONS = {
  address: { type: 'string' },
  port: { type: 'string' },
  protocol: { type: 'string' },
  method: { type: 'string' },
  model: { type: 'string' },
  'deadline-ms': { type: 'string' },
  tls: { type: 'boolean' },
  cacert: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Where the command writes and reads. */
export interface CallIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin(): Promise<string>;
}

const processIo: CallIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** A problem with the command line or its inputs (exit code 2). */
function usageError(message: string): EngineError {
  return new EngineError('SC_ERR_ENGINE_CALL_USAGE', message);
}

/** What to call, from the command line. */
interface CallPlan {
  target: string;
  method: JsonMethod;
  /** The request argument: JSON text, `@file` or `-`; absent when none was given. */
  source?: string;
  model?: string;
  deadlineMs: number;
  tls: boolean;
  cacert?: string;
}

export async function callCommand(argv: string[], io: CallIo = processIo): Promise<number> {
  let plan: CallPlan | 'help';
  let request: Uint8Array;
  let credentials: grpc.ChannelCredentials;
  try {
    plan = parseCallArgs(argv);
    if (plan === 'help') {
      io.stdout(CALL_USAGE);
      return 0;
    }
    request = await buildRequest(plan, io);
    credentials = await channelCredentials(plan);
  } catch (err) {
    if (err instanceof EngineError && err.code === 'SC_ERR_ENGINE_CALL_USAGE') {
      io.stderr(`seldon-engine call: ${err.message}\nRun 'seldon-engine call --help' for the options.\n`);
      return 2;
    }
    throw err;
  }
  let answer: Buffer;
  try {
    answer = await unaryCall(plan, request, credentials);
  } catch (err) {
    io.stderr(`seldon-engine call: ${describeCallError(err, plan)}\n`);
    return 1;
  }
  try {
    io.stdout(`${plan.method.response(answer)}\n`);
  } catch (err) {
    io.stderr(
      `seldon-engine call: the answer of ${plan.method.name} from ${plan.target} cannot be read: ${(err as Error).message}\n`,
    );
    return 1;
  }
  return 0;
}

/** @throws EngineError SC_ERR_ENGINE_CALL_USAGE */
function parseCallArgs(argv: string[]): CallPlan | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: CALL_OPTIONS,
    });
  } catch (err) {
    throw usageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length > 1)
    throw usageError(
      `one request argument expected, got ${positionals.length} (quote the JSON so the shell keeps it one argument)`,
    );
  const protocol = parseProtocol(values.protocol ?? 'seldon');
  const method = values.method === undefined ? jsonMethods(protocol)[0] : findMethod(protocol, values.method);
  if (!method)
    throw usageError(
      `--method ${values.method}: ${protocol} has no such method; one of ${methodList(protocol)}`,
    );
  return {
    target: parseTarget(values.address, values.port),
    method,
    source: positionals[0],
    model: values.model,
    deadlineMs: parseDeadline(values['deadline-ms']),
    tls: values.tls === true || values.cacert !== undefined,
    cacert: values.cacert,
  };
}

function parseProtocol(value: string): CallProtocol {
  if (value === 'kfserving') return 'v2';
  if ((CALL_PROTOCOLS as readonly string[]).includes(value)) return value as CallProtocol;
  throw usageError(`--protocol ${value}: expected ${CALL_PROTOCOLS.join(' or ')}`);
}

function parseTarget(address: string | undefined, port: string | undefined): string {
  if (address !== undefined && port !== undefined)
    throw usageError('--address and --port both given; use one');
  if (port !== undefined) {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 1 || n > 65535)
      throw usageError(`--port ${port}: expected a port number from 1 to 65535`);
    return `127.0.0.1:${n}`;
  }
  if (address === undefined) return DEFAULT_ADDRESS;
  if (address.trim() === '') throw usageError('--address is empty; expected HOST:PORT');
  return address;
}

function parseDeadline(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DEADLINE_MS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw usageError(`--deadline-ms ${value}: expected a whole number of milliseconds (0 = none)`);
  return n;
}

/** Reads the request JSON and converts it to the method's protobuf message. @throws EngineError SC_ERR_ENGINE_CALL_USAGE */
async function buildRequest(plan: CallPlan, io: CallIo): Promise<Uint8Array> {
  const { text, from } = await readSource(plan.source, io);
  if (text === undefined && plan.method.needsJson)
    throw usageError(
      `${plan.method.name} needs a JSON request: give it as an argument, @file.json or - (standard input)`,
    );
  try {
    return plan.method.request({ json: text, model: plan.model });
  } catch (err) {
    if (isPayloadError(err))
      throw usageError(
        `the request (${from}) cannot be sent as ${plan.method.name}: ${err.code}: ${err.message}`,
      );
    throw err;
  }
}

/** The request text and where it came from (for messages). @throws EngineError SC_ERR_ENGINE_CALL_USAGE */
async function readSource(
  source: string | undefined,
  io: CallIo,
): Promise<{ text: string | undefined; from: string }> {
  if (source === undefined) return { text: undefined, from: 'no request' };
  if (source === '-') return { text: await io.stdin(), from: 'standard input' };
  if (source.startsWith('@')) {
    const file = source.slice(1);
    try {
      return { text: await readFile(file, 'utf8'), from: `file ${file}` };
    } catch (err) {
      throw usageError(`cannot read the request file ${file}: ${(err as Error).message}`);
    }
  }
  return { text: source, from: 'the command-line argument' };
}

/** @throws EngineError SC_ERR_ENGINE_CALL_USAGE when the --cacert file cannot be read */
async function channelCredentials(plan: CallPlan): Promise<grpc.ChannelCredentials> {
  if (!plan.tls) return grpc.credentials.createInsecure();
  // grpc-js passes an IP address target as the TLS server name, for which Node prints a
  // deprecation warning (DEP0123) that the user cannot act on; the certificate is still checked
  // against the IP address.
  process.noDeprecation = true;
  if (plan.cacert === undefined) return grpc.credentials.createSsl();
  try {
    return grpc.credentials.createSsl(await readFile(plan.cacert));
  } catch (err) {
    throw usageError(`--cacert ${plan.cacert}: cannot read it: ${(err as Error).message}`);
  }
}

/** One unary call with the request bytes; resolves with the response bytes. */
function unaryCall(
  plan: CallPlan,
  request: Uint8Array,
  credentials: grpc.ChannelCredentials,
): Promise<Buffer> {
  const client = new grpc.Client(plan.target, credentials);
  const options: grpc.CallOptions = plan.deadlineMs > 0 ? { deadline: Date.now() + plan.deadlineMs } : {};
  return new Promise<Buffer>((resolve, reject) => {
    client.makeUnaryRequest(
      plan.method.path,
      identity,
      identity,
      Buffer.from(request.buffer, request.byteOffset, request.byteLength),
      new grpc.Metadata(),
      options,
      (err, response) => {
        client.close();
        if (err) reject(err);
        else resolve(response ?? Buffer.alloc(0));
      },
    );
  });
}

/** `Predict on 127.0.0.1:5001 failed: UNAVAILABLE (14): <details> [SC_ERR_...]`. */
function describeCallError(err: unknown, plan: CallPlan): string {
  const where = `${plan.method.name} (${plan.method.path}) on ${plan.target} failed`;
  const e = err as Partial<grpc.ServiceError>;
  if (typeof e.code !== 'number') return `${where}: ${(err as Error).message}`;
  const name = grpc.status[e.code] ?? 'UNKNOWN_STATUS';
  const errorCode = e.metadata?.get('seldon-error-code')[0];
  return `${where}: ${name} (${e.code}): ${e.details ?? ''}${errorCode ? ` [${String(errorCode)}]` : ''}`;
}
