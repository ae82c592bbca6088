// A thin unary gRPC server on node:http2. The engine's messages stay protobuf bytes end to end, so
// a call is one length-prefixed frame in and one out; @grpc/grpc-js's Server spends most of its
// per-call CPU on machinery a raw-bytes unary call does not use (interceptor chains, per-call
// Metadata objects, streams of deserialised messages). Chosen by measurement:
// benchmarks/grpc-server.bench.mjs and docs/benchmarks.md.
//
// Protocol: https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md (unary calls only).
import http2 from 'node:http2';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { GrpcStatus } from '../errors.js';
import { listenOn } from './listen.js';

/** Options of {@link createGrpcH2Server}. */
export interface GrpcH2ServerOptions {
  /**
   * Largest request message accepted, in bytes, after decompression; a larger one is answered
   * RESOURCE_EXHAUSTED without reading it. Default 4194304 (4 MiB, as @grpc/grpc-js).
   */
  readonly maxReceiveMessageBytes?: number;
  /**
   * Largest response message sent, in bytes; a handler returning a larger one is answered
   * RESOURCE_EXHAUSTED. Default `Infinity` (no limit, as @grpc/grpc-js).
   */
  readonly maxSendMessageBytes?: number;
  /** Concurrent calls per HTTP/2 connection (SETTINGS_MAX_CONCURRENT_STREAMS). Default 4294967295 (no limit). */
  readonly maxConcurrentStreams?: number;
  /**
   * Serve TLS with ALPN `h2` (no HTTP/1.1, no cleartext) with these `tls.createSecureContext`
   * options (`key`, `cert`, and `ca` + `requestCert` for client certificates). Default: cleartext
   * HTTP/2 (h2c, prior knowledge), as `grpc.ServerCredentials.createInsecure()`.
   */
  readonly tls?: http2.SecureServerOptions;
}

/** The defaults of {@link GrpcH2ServerOptions}. */
export const GRPC_H2_SERVER_DEFAULTS = {
  maxReceiveMessageBytes: 4 * 1024 * 1024,
  maxSendMessageBytes: Infinity,
  maxConcurrentStreams: 4294967295,
} as const;

/** Request metadata with text values: lower-case keys, repeated keys joined by `, ` (node:http2). */
export type GrpcMetadata = Record<string, string | string[]>;

/** Metadata a handler sends: `-bin` keys take bytes (sent base64), other keys printable ASCII text. */
export type GrpcOutgoingMetadata = Record<string, string | string[] | Uint8Array | Uint8Array[] | undefined>;

/** One unary call as its handler sees it. */
export interface GrpcH2Call {
  /** The method, e.g. `/seldon.protos.Seldon/Predict`. */
  readonly path: string;
  /**
   * The client's custom text metadata (`-bin` keys are in {@link binaryMetadata}); without pseudo
   * headers and the protocol's own (`content-type`, `te`, `grpc-timeout`, `grpc-encoding`,
   * `grpc-accept-encoding`, `accept-encoding`). The object belongs to the call: the handler may
   * change it.
   */
  readonly metadata: GrpcMetadata;
  /** The client's `-bin` metadata, base64-decoded; decoded on first use. */
  readonly binaryMetadata: Record<string, Buffer[]>;
  /** When the call's `grpc-timeout` runs out, in `Date.now()` milliseconds; undefined without one. */
  readonly deadline: number | undefined;
  /**
   * Aborted when the call will never be answered by this handler: the client cancelled it
   * (RST_STREAM or connection lost), its deadline passed, or the server was force-closed. The
   * reason is a {@link GrpcStatusError}. Created on first use; prefer {@link onCancel} on hot paths.
   */
  readonly signal: AbortSignal;
  /** True once the call was cancelled (see {@link signal}). */
  readonly cancelled: boolean;
  /**
   * Runs `listener` once when the call is cancelled (see {@link signal}); now if it already was.
   * An exception thrown by a listener is ignored.
   */
  onCancel(listener: (reason: GrpcStatusError) => void): void;
  /**
   * Initial metadata (response headers). Sent once, in the HEADERS frame that starts the answer
   * (before the response message, or before the trailers of an error); calls before then merge
   * into it, later calls do nothing. Throws a TypeError for an invalid key or value.
   */
  sendHeader(metadata: GrpcOutgoingMetadata): void;
  /** Trailing metadata for a successful answer (an error carries its own, see {@link GrpcStatusError}). */
  setTrailer(metadata: GrpcOutgoingMetadata): void;
}

/**
 * Serves one method: the request message's bytes in, the response message's bytes out. Throw a
 * {@link GrpcStatusError} to answer with a status; any other error is answered UNKNOWN with its
 * message (as @grpc/grpc-js does).
 */
export type GrpcH2Handler = (request: Buffer, call: GrpcH2Call) => Promise<Uint8Array> | Uint8Array;

/** A gRPC status to answer a call with: code, message (`grpc-message`) and trailing metadata. */
export class GrpcStatusError extends Error {
  readonly grpcCode: number;
  readonly trailers: GrpcOutgoingMetadata | undefined;

  constructor(
    grpcCode: number,
    message: string,
    options: { trailers?: GrpcOutgoingMetadata; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GrpcStatusError';
    this.grpcCode = grpcCode;
    this.trailers = options.trailers;
  }
}

/** A running server; see {@link createGrpcH2Server}. */
export interface GrpcH2Server {
  /** The underlying node:http2 server (h2c or TLS). */
  readonly server: http2.Http2Server | http2.Http2SecureServer;
  /** Calls accepted and not yet answered or cancelled. */
  readonly inFlight: number;
  /** Listens on `host:port` (port 0 picks a free one); resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /**
   * Graceful close: stops accepting connections, sends GOAWAY on every connection (new calls are
   * refused, calls in progress finish) and resolves when every connection has closed.
   */
  close(): Promise<void>;
  /** Force close: destroys every connection; calls in progress are cancelled (their signal aborts). */
  forceClose(): void;
}

const STATUS_TEXT_OK = '0';
const ACCEPT_ENCODING = 'identity,deflate,gzip';
/** Request headers that are the protocol's, not the application's metadata. */
const PROTOCOL_HEADERS = new Set([
  'content-type',
  'te',
  'grpc-timeout',
  'grpc-encoding',
  'grpc-accept-encoding',
  'accept-encoding',
]);
/** Keys a handler may not send: they would corrupt the framing or the status. */
const RESERVED_OUT = new Set(['content-type', 'te', 'user-agent', 'content-length', 'connection']);
const METADATA_KEY = /^[0-9a-z_.-]+$/;
const PRINTABLE = /^[\x20-\x7e]*$/;
const PLAIN_MESSAGE = /^[\x20-\x24\x26-\x7e]*$/;
const TIMEOUT = /^(\d{1,8})([HMSmun])$/;
const TIMEOUT_UNIT_MS: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 };
/** setTimeout's limit; a longer grpc-timeout keeps its deadline but arms no timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A status message longer than this is cut: clients limit the size of a header block. */
const MAX_STATUS_MESSAGE_CHARS = 8192;
/** Responses up to this size are sent as one buffer (copy); larger ones as prefix + message (no copy). */
const COPY_LIMIT_BYTES = 16 * 1024;
const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const noop = (): void => undefined;

/**
 * A unary gRPC server on node:http2 serving `handlers` (method path to handler). Requests may be
 * identity, gzip or deflate encoded; responses are sent uncompressed. Methods not in the table are
 * answered UNIMPLEMENTED; a request that is not a POST gets HTTP 405, one whose content-type is not
 * `application/grpc[+proto|;…]` HTTP 415.
 */
export function createGrpcH2Server(
  handlers: Readonly<Record<string, GrpcH2Handler>>,
  options: GrpcH2ServerOptions = {},
): GrpcH2Server {
  const limits = {
    maxReceiveMessageBytes: byteLimit(options.maxReceiveMessageBytes, 'maxReceiveMessageBytes'),
    maxSendMessageBytes: byteLimit(options.maxSendMessageBytes, 'maxSendMessageBytes'),
  } as Limits;
  const maxConcurrentStreams = options.maxConcurrentStreams ?? GRPC_H2_SERVER_DEFAULTS.maxConcurrentStreams;
  const table = new Map<string, GrpcH2Handler>(Object.entries(handlers));
  const serverOptions: http2.ServerOptions = {
    settings: { maxConcurrentStreams },
    // Message limits and HTTP/2 flow control bound the memory; node's default 10 MB per session
    // would refuse a few concurrent large messages (as @grpc/grpc-js, which lifts it too).
    maxSessionMemory: Number.MAX_SAFE_INTEGER,
  };
  const server = options.tls
    ? http2.createSecureServer({ ...options.tls, ...serverOptions, ALPNProtocols: ['h2'], allowHTTP1: false })
    : http2.createServer(serverOptions);
  const sessions = new Set<http2.ServerHttp2Session>();
  const state = { inFlight: 0, forced: false };

  server.on('session', (session) => {
    sessions.add(session);
    session.on('error', noop); // a broken connection cancels its calls; it must not crash the process
    session.once('close', () => sessions.delete(session));
  });
  server.on('sessionError', noop);
  server.on('stream', (stream, headers) => {
    stream.on('error', noop);
    if (headers[':method'] !== 'POST') {
      refuse(stream, 405, { allow: 'POST' });
      return;
    }
    const contentType = headers['content-type'];
    if (!isGrpcContentType(contentType)) {
      refuse(stream, 415, { 'accept-post': 'application/grpc' });
      return;
    }
    const path = headers[':path'] ?? '';
    const handler = table.get(path);
    if (handler === undefined) {
      trailersOnly(stream, GrpcStatus.UNIMPLEMENTED, `unknown method ${path}`);
      closeUnread(stream);
      return;
    }
    new ServerCall(stream, headers, path, handler, limits, state);
  });

  return {
    server,
    get inFlight() {
      return state.inFlight;
    },
    listen: (port, host) => listenOn(server, port, host),
    close() {
      const closed = new Promise<void>((resolve) => {
        if (!server.listening) resolve();
        else server.close(() => resolve());
      });
      for (const session of sessions) if (!session.closed) session.close();
      return closed;
    },
    forceClose() {
      state.forced = true;
      if (server.listening) server.close();
      for (const session of sessions) session.destroy();
    },
  };
}

interface Limits {
  maxReceiveMessageBytes: number;
  maxSendMessageBytes: number;
}

function byteLimit(value: number | undefined, name: keyof Limits): number {
  if (value === undefined) return GRPC_H2_SERVER_DEFAULTS[name];
  if (!(value >= 0) || (!Number.isInteger(value) && value !== Infinity))
    throw new RangeError(`${name} must be a non-negative integer number of bytes or Infinity, got ${value}`);
  return value;
}

function isGrpcContentType(value: string | undefined): boolean {
  if (value === undefined || !value.startsWith('application/grpc')) return false;
  if (value.length === 16) return true;
  const next = value.charCodeAt(16);
  return next === 43 /* + */ || next === 59; /* ; */
}

/** Not a gRPC request: a plain HTTP status, and stop the client sending its body. */
function refuse(stream: http2.ServerHttp2Stream, status: number, headers: http2.OutgoingHttpHeaders): void {
  stream.respond({ ':status': status, ...headers }, { endStream: true });
  closeUnread(stream);
}

/** The answer is complete but the client is still sending: RST_STREAM(NO_ERROR) tells it to stop. */
function closeUnread(stream: http2.ServerHttp2Stream): void {
  if (!stream.readableEnded && !stream.closed) stream.close(http2.constants.NGHTTP2_NO_ERROR);
}

/** A status with no message and no initial metadata: one HEADERS frame holding status and trailers. */
function trailersOnly(
  stream: http2.ServerHttp2Stream,
  code: number,
  message: string,
  trailers?: GrpcOutgoingMetadata,
): void {
  if (stream.closed || stream.destroyed) return;
  const head: http2.OutgoingHttpHeaders = {
    ':status': 200,
    'content-type': 'application/grpc',
    'grpc-accept-encoding': ACCEPT_ENCODING,
  };
  if (trailers !== undefined) safeMerge(head, trailers);
  head['grpc-status'] = String(code);
  if (message !== '') head['grpc-message'] = encodeStatusMessage(message);
  stream.respond(head, { endStream: true });
}

/** Trailers from an error: a bad trailer key must not cost the client its status. */
function safeMerge(into: http2.OutgoingHttpHeaders, metadata: GrpcOutgoingMetadata): void {
  try {
    mergeMetadata(into, metadata);
  } catch {
    // The status still goes out; the invalid entry is what is dropped.
  }
}

function mergeMetadata(into: http2.OutgoingHttpHeaders, metadata: GrpcOutgoingMetadata): void {
  for (const key in metadata) {
    const value = metadata[key];
    if (value === undefined) continue;
    if (!METADATA_KEY.test(key) || key.startsWith('grpc-') || RESERVED_OUT.has(key))
      throw new TypeError(
        `metadata key "${key}" is not allowed: keys are lower-case [0-9a-z_.-], not grpc-* or ${[...RESERVED_OUT].join(', ')}`,
      );
    if (key.endsWith('-bin')) {
      const values = Array.isArray(value) ? value : [value];
      into[key] = values.map((v, i) => {
        if (!(v instanceof Uint8Array))
          throw new TypeError(
            `metadata "${key}"${Array.isArray(value) ? `[${i}]` : ''} must be bytes (a -bin key)`,
          );
        return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
      });
      if (!Array.isArray(value)) into[key] = (into[key] as string[])[0];
    } else {
      const values = Array.isArray(value) ? value : [value];
      for (const v of values)
        if (typeof v !== 'string' || !PRINTABLE.test(v))
          throw new TypeError(
            `metadata "${key}" must be printable ASCII text (use a -bin key for bytes), got ${JSON.stringify(String(v)).slice(0, 80)}`,
          );
      into[key] = value as string | string[];
    }
  }
}

/** `grpc-message`: percent-encoded UTF-8 outside printable ASCII (and `%` itself). */
export function encodeStatusMessage(message: string): string {
  if (message.length > MAX_STATUS_MESSAGE_CHARS) message = `${message.slice(0, MAX_STATUS_MESSAGE_CHARS)}…`;
  if (PLAIN_MESSAGE.test(message)) return message;
  let out = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    if (byte >= 0x20 && byte <= 0x7e && byte !== 0x25) out += String.fromCharCode(byte);
    else out += `%${byte < 16 ? '0' : ''}${byte.toString(16).toUpperCase()}`;
  }
  return out;
}

/** Parses `grpc-timeout` (1 to 8 digits and a unit H M S m u n) to milliseconds; undefined if malformed. */
export function parseGrpcTimeout(value: string): number | undefined {
  const match = TIMEOUT.exec(value);
  if (match === null) return undefined;
  return Number(match[1]) * TIMEOUT_UNIT_MS[match[2]]!;
}

/** Where a call is: reading its request, in its handler, or answered / cancelled. */
const READING = 0;
const HANDLING = 1;
const DONE = 2;

class ServerCall implements GrpcH2Call {
  readonly path: string;
  readonly metadata: GrpcMetadata = {};
  readonly deadline: number | undefined;
  readonly #stream: http2.ServerHttp2Stream;
  readonly #handler: GrpcH2Handler;
  readonly #limits: Limits;
  readonly #server: { inFlight: number; forced: boolean };
  readonly #encoding: string | undefined;
  #phase: typeof READING | typeof HANDLING | typeof DONE = READING;
  #rawBinary: Record<string, string | string[]> | undefined;
  #binary: Record<string, Buffer[]> | undefined;
  #chunks: Buffer[] = [];
  #received = 0;
  /** 5 + the message length, once the length prefix has arrived. */
  #expected = -1;
  #timer: NodeJS.Timeout | undefined;
  #cancelReason: GrpcStatusError | undefined;
  #cancelListeners: ((reason: GrpcStatusError) => void)[] | undefined;
  #controller: AbortController | undefined;
  #header: http2.OutgoingHttpHeaders | undefined;
  #trailer: GrpcOutgoingMetadata | undefined;

  constructor(
    stream: http2.ServerHttp2Stream,
    headers: http2.IncomingHttpHeaders,
    path: string,
    handler: GrpcH2Handler,
    limits: Limits,
    server: { inFlight: number; forced: boolean },
  ) {
    this.#stream = stream;
    this.path = path;
    this.#handler = handler;
    this.#limits = limits;
    this.#server = server;
    server.inFlight++;
    let timeout: string | undefined;
    for (const key in headers) {
      if (key.charCodeAt(0) === 58 /* : */) continue;
      const value = headers[key];
      if (value === undefined) continue;
      if (PROTOCOL_HEADERS.has(key)) {
        if (key === 'grpc-timeout') timeout = value as string;
        else if (key === 'grpc-encoding') this.#encoding = value as string;
        continue;
      }
      if (key.endsWith('-bin')) (this.#rawBinary ??= {})[key] = value;
      else this.metadata[key] = value;
    }
    stream.on('close', () => this.#onClose());
    if (timeout !== undefined) {
      const ms = parseGrpcTimeout(timeout);
      if (ms === undefined) {
        this.#fail(
          GrpcStatus.INTERNAL,
          `invalid grpc-timeout header "${timeout}": expected 1 to 8 digits and a unit H, M, S, m, u or n`,
        );
        return;
      }
      this.deadline = Date.now() + ms;
      if (ms <= MAX_TIMER_MS) this.#timer = setTimeout(() => this.#onDeadline(), ms);
    }
    stream.on('data', (chunk: Buffer) => this.#onData(chunk));
    stream.once('end', () => this.#onEnd());
  }

  get binaryMetadata(): Record<string, Buffer[]> {
    if (this.#binary === undefined) {
      this.#binary = {};
      const raw = this.#rawBinary;
      for (const key in raw) {
        const value = raw[key]!;
        // node:http2 joins repeated headers with ", "; gRPC joins repeated -bin values with ",".
        const parts = (Array.isArray(value) ? value.join(',') : value).split(',');
        this.#binary[key] = parts.map((p) => Buffer.from(p.trim(), 'base64'));
      }
    }
    return this.#binary;
  }

  get cancelled(): boolean {
    return this.#cancelReason !== undefined;
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#cancelReason !== undefined) this.#controller.abort(this.#cancelReason);
    }
    return this.#controller.signal;
  }

  onCancel(listener: (reason: GrpcStatusError) => void): void {
    if (this.#cancelReason === undefined) (this.#cancelListeners ??= []).push(listener);
    else callQuietly(listener, this.#cancelReason);
  }

  sendHeader(metadata: GrpcOutgoingMetadata): void {
    if (this.#phase === DONE) return;
    mergeMetadata((this.#header ??= {}), metadata);
  }

  setTrailer(metadata: GrpcOutgoingMetadata): void {
    this.#trailer = this.#trailer === undefined ? { ...metadata } : { ...this.#trailer, ...metadata };
  }

  #onData(chunk: Buffer): void {
    if (this.#phase !== READING) return;
    this.#chunks.push(chunk);
    this.#received += chunk.length;
    if (this.#expected < 0 && this.#received >= 5) {
      const head = this.#chunks[0]!.length >= 5 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
      const length = head.readUInt32BE(1);
      // A compressed message is checked again after decompression.
      if (length > this.#limits.maxReceiveMessageBytes) {
        this.#fail(
          GrpcStatus.RESOURCE_EXHAUSTED,
          `request message to ${this.path} is ${length} bytes; this server accepts at most ${this.#limits.maxReceiveMessageBytes} (maxReceiveMessageBytes)`,
        );
        return;
      }
      this.#expected = 5 + length;
    }
    if (this.#expected >= 0 && this.#received > this.#expected)
      this.#fail(GrpcStatus.UNIMPLEMENTED, `received a second request message for unary method ${this.path}`);
  }

  #onEnd(): void {
    if (this.#phase !== READING) return;
    if (this.#received < 5) {
      this.#fail(GrpcStatus.UNIMPLEMENTED, `received no request message for unary method ${this.path}`);
      return;
    }
    if (this.#received < this.#expected) {
      this.#fail(
        GrpcStatus.INTERNAL,
        `request to ${this.path} ended inside its message: ${this.#received - 5} of ${this.#expected - 5} bytes`,
      );
      return;
    }
    this.#phase = HANDLING;
    const frame = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#received);
    this.#chunks = [];
    const flag = frame[0];
    const message = frame.subarray(5);
    if (flag === 0) this.#run(message);
    else if (flag === 1) this.#decompress(message);
    else
      this.#fail(
        GrpcStatus.INTERNAL,
        `invalid message flag ${flag} (expected 0 or 1) in request to ${this.path}`,
      );
  }

  #decompress(message: Buffer): void {
    const encoding = this.#encoding ?? 'identity';
    const decode = encoding === 'gzip' ? gunzip : encoding === 'deflate' ? inflate : undefined;
    if (decode === undefined) {
      this.#fail(
        encoding === 'identity' ? GrpcStatus.INTERNAL : GrpcStatus.UNIMPLEMENTED,
        encoding === 'identity'
          ? `request to ${this.path} has a compressed message but no grpc-encoding header`
          : `request to ${this.path} is compressed with "${encoding}"; this server decodes ${ACCEPT_ENCODING}`,
      );
      return;
    }
    const max = this.#limits.maxReceiveMessageBytes;
    decode(message, max < 2 ** 32 ? { maxOutputLength: Math.max(1, max) } : {}).then(
      (plain) => {
        if (plain.length > max)
          throw Object.assign(new RangeError('too large'), { code: 'ERR_BUFFER_TOO_LARGE' });
        this.#run(plain);
      },
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'ERR_BUFFER_TOO_LARGE')
          this.#fail(
            GrpcStatus.RESOURCE_EXHAUSTED,
            `request message to ${this.path} decompresses to more than ${max} bytes (maxReceiveMessageBytes)`,
          );
        else
          this.#fail(
            GrpcStatus.INTERNAL,
            `cannot decompress the ${encoding} request message to ${this.path}: ${err.message}`,
          );
      },
    );
  }

  #run(message: Buffer): void {
    if (this.#phase === DONE) return;
    let result: Promise<Uint8Array> | Uint8Array;
    try {
      result = this.#handler(message, this);
    } catch (err) {
      this.#onError(err);
      return;
    }
    if (result instanceof Uint8Array) this.#respond(result);
    else
      Promise.resolve(result).then(
        (response) => this.#respond(response),
        (err: unknown) => this.#onError(err),
      );
  }

  #respond(response: unknown): void {
    try {
      this.#sendResponse(response);
    } catch {
      this.#abandon();
    }
  }

  #sendResponse(response: unknown): void {
    if (this.#phase === DONE) return;
    if (!(response instanceof Uint8Array)) {
      this.#fail(
        GrpcStatus.INTERNAL,
        `the handler of ${this.path} returned ${describe(response)}, not bytes`,
      );
      return;
    }
    const length = response.byteLength;
    if (length > this.#limits.maxSendMessageBytes) {
      this.#fail(
        GrpcStatus.RESOURCE_EXHAUSTED,
        `response message of ${this.path} is ${length} bytes; this server sends at most ${this.#limits.maxSendMessageBytes} (maxSendMessageBytes)`,
      );
      return;
    }
    const stream = this.#stream;
    this.#finish();
    if (stream.closed || stream.destroyed) return;
    // The call's own header object (no copy); grpc-accept-encoding only goes with errors, where
    // a client may need it to pick another encoding.
    const head = this.#header ?? {};
    head[':status'] = 200;
    head['content-type'] = 'application/grpc';
    const trailer = this.#trailer;
    stream.respond(head, { waitForTrailers: true });
    stream.once('wantTrailers', () => {
      const out: http2.OutgoingHttpHeaders = {};
      if (trailer !== undefined) safeMerge(out, trailer);
      out['grpc-status'] = STATUS_TEXT_OK;
      stream.sendTrailers(out);
    });
    if (length <= COPY_LIMIT_BYTES) {
      const frame = Buffer.allocUnsafe(5 + length);
      frame[0] = 0;
      frame.writeUInt32BE(length, 1);
      frame.set(response, 5);
      stream.end(frame);
    } else {
      const prefix = Buffer.allocUnsafe(5);
      prefix[0] = 0;
      prefix.writeUInt32BE(length, 1);
      stream.cork();
      stream.write(prefix);
      stream.end(response);
      stream.uncork();
    }
  }

  #onError(err: unknown): void {
    if (err instanceof GrpcStatusError) this.#fail(err.grpcCode, err.message, err.trailers);
    else this.#fail(GrpcStatus.UNKNOWN, err instanceof Error ? err.message : String(err));
  }

  /**
   * Answers with a non-OK status and no message. With initial metadata, as HEADERS then trailers:
   * clients read the headers of a trailers-only response as trailers, and a client that got
   * `seldon-puid` in its initial metadata from @grpc/grpc-js's server must still get it there.
   */
  #fail(code: number, message: string, trailers?: GrpcOutgoingMetadata): void {
    try {
      this.#sendStatus(code, message, trailers);
    } catch {
      this.#abandon();
    }
  }

  #sendStatus(code: number, message: string, trailers: GrpcOutgoingMetadata | undefined): void {
    if (this.#phase === DONE) return;
    const reading = this.#phase === READING;
    const stream = this.#stream;
    this.#finish();
    const header = this.#header;
    if (header === undefined || stream.closed || stream.destroyed) {
      trailersOnly(stream, code, message, trailers);
    } else {
      header[':status'] = 200;
      header['content-type'] = 'application/grpc';
      header['grpc-accept-encoding'] = ACCEPT_ENCODING;
      stream.respond(header, { waitForTrailers: true });
      stream.once('wantTrailers', () => {
        const out: http2.OutgoingHttpHeaders = {};
        if (trailers !== undefined) safeMerge(out, trailers);
        out['grpc-status'] = String(code);
        if (message !== '') out['grpc-message'] = encodeStatusMessage(message);
        stream.sendTrailers(out);
      });
      stream.end();
    }
    if (reading) closeUnread(stream);
  }

  /**
   * node:http2 refused the answer (a stream reset between the check and the write): the client
   * gets RST_STREAM(INTERNAL_ERROR) rather than the process an uncaught exception.
   */
  #abandon(): void {
    if (this.#phase !== DONE) this.#finish();
    const stream = this.#stream;
    if (!stream.destroyed) stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
  }

  #finish(): void {
    this.#phase = DONE;
    this.#chunks = [];
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#server.inFlight--;
  }

  #onDeadline(): void {
    if (this.#phase === DONE) return;
    this.#timer = undefined;
    this.#cancel(new GrpcStatusError(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded'));
    this.#fail(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded');
  }

  #onClose(): void {
    if (this.#phase === DONE) return;
    this.#finish();
    this.#cancel(
      this.#server.forced
        ? new GrpcStatusError(GrpcStatus.UNAVAILABLE, 'the server was closed before the call finished')
        : new GrpcStatusError(GrpcStatus.CANCELLED, 'the client cancelled the call'),
    );
  }

  #cancel(reason: GrpcStatusError): void {
    if (this.#cancelReason !== undefined) return;
    this.#cancelReason = reason;
    const listeners = this.#cancelListeners;
    this.#cancelListeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) callQuietly(listener, reason);
    this.#controller?.abort(reason);
  }
}

/** A cancel listener's failure must not stop the others nor reach the stream's 'close' event. */
function callQuietly(listener: (reason: GrpcStatusError) => void, reason: GrpcStatusError): void {
  try {
    listener(reason);
  } catch {
    // ignored, as documented on onCancel
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return typeof value;
}
