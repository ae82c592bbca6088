// The engine's own HTTP/1.1 server on node:net (node:tls with TLS): the REST front door's default.
//
// Why not node:http: per request node:http builds an IncomingMessage and a ServerResponse (two
// streams), emits half a dozen events and assembles the answer in several writes; a bare node:http
// echo server spends about 4.5 µs of its 13 µs per request on that, which is a third of the
// engine's own budget (docs/benchmarks.md). This server does only what the engine needs: it parses
// the request head once from the socket's bytes, collects the body (Content-Length or chunked,
// bounded by maxBodyBytes), hands one exchange to the handler and writes the answer in one write.
//
// What it does and does not do (RFC 9112): HTTP/1.0 and 1.1, keep-alive, pipelined requests
// answered in order, `Expect: 100-continue`, chunked request bodies with extensions and trailers,
// HEAD, absolute-form targets. It rejects what proxies could read differently (Content-Length with
// Transfer-Encoding, repeated Content-Length, obsolete line folding, whitespace before the colon,
// control characters, an HTTP/1.1 request without Host) with a Seldon status JSON that names the
// problem, and closes the connection. No upgrades (WebSocket, h2c): an Upgrade header is ignored.
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { STATUS_CODES } from 'node:http';
import { EngineError, type EngineErrorCode } from '../errors.js';
import { statusBody } from './error-body.js';
import { listenOn } from './listen.js';

/** One request and its answer, as the REST front door sees it (either HTTP server). */
export interface HttpExchange {
  readonly method: string;
  /** The request target as sent (origin form; an absolute-form target is reduced to its path and query). */
  readonly url: string;
  /** Request headers, lower-case names; repeated headers joined as node:http joins them. */
  readonly headers: Record<string, string | string[] | undefined>;
  /** The whole body; rejects with SC_ERR_ENGINE_BODY_TOO_LARGE above the limit or SC_ERR_ENGINE_BODY_READ_FAILED. */
  body(): Promise<Buffer>;
  /** The body is not needed (it is still read off the connection, or the connection is closed). */
  skipBody(): void;
  /** Sends the answer: status, a flat [name, value, ...] header list, content type and body; Content-Length is added. */
  respond(status: number, headers: string[], contentType?: string, body?: Uint8Array | string): void;
  /** The connection is closed after this answer (`Connection: close`). */
  closeAfterResponse(): void;
  /** True once respond() was called. */
  readonly responded: boolean;
  /** Closes the connection without an answer (only when an answer cannot be rendered). */
  destroy(): void;
}

export interface HttpExchangeHandler<X extends HttpExchange = HttpExchange> {
  /** A request head arrived; the body may still be on its way (exchange.body()). */
  request(exchange: X): void;
  /** The exchange is over: answered (`answered` true) or the connection closed first. Called once. */
  end(exchange: X, answered: boolean): void;
  /** A request the server refused on its own (malformed, head too large or too slow); no exchange was made. */
  refused?(code: EngineErrorCode): void;
}

export interface Http1ServerOptions {
  /** Largest request body; larger ones fail body() and the connection closes after the answer. */
  maxBodyBytes: number;
  /** Largest request head (request line and headers, like node's --max-http-header-size). Default 16384. */
  maxHeaderBytes?: number;
  /** A request head must arrive completely within this time (408 otherwise). Default 60000, as node:http. */
  headersTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this time. Default 65000, as the reference executor. */
  keepAliveTimeoutMs?: number;
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: Buffer; key: Buffer };
}

const DEFAULT_MAX_HEADER_BYTES = 16384;
/** Pipelined bytes buffered while a request is being answered before the socket is paused. */
const PIPELINE_BUFFER_BYTES = 65536;
/** Bodies up to this size are copied behind the head and written once; larger ones go as a second buffer of one writev. */
const COPY_BODY_BYTES = 16384;
const SWEEP_INTERVAL_MS = 1000;
/** Chunk data below this size is copied into a shared buffer instead of kept as its own slice. */
const SMALL_CHUNK_BYTES = 1024;
const SMALL_BUFFER_BYTES = 16384;

// Byte classes (RFC 9110 §5.6.2 tchar for names and methods; field values: VCHAR, obs-text, SP, HTAB).
const TCHAR = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~") TCHAR[c.charCodeAt(0)] = 1;
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;
const VALUE_CHAR = new Uint8Array(256);
for (let c = 0x20; c <= 0xff; c++) VALUE_CHAR[c] = c === 0x7f ? 0 : 1;
VALUE_CHAR[0x09] = 1;
const CR = 13;
const LF = 10;
const SP = 32;
const HTAB = 9;
const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');
/** Headers whose repetitions are dropped (the first one wins), as node:http does. */
const FIRST_WINS = new Set([
  'content-type',
  'user-agent',
  'referer',
  'host',
  'authorization',
  'proxy-authorization',
  'if-modified-since',
  'if-unmodified-since',
  'from',
  'location',
  'max-forwards',
  'retry-after',
  'etag',
  'last-modified',
  'server',
  'age',
  'expires',
]);
const BAD_VALUE = /[\r\n\0]/;

const statusLines = new Map<number, string>();
function statusLine(status: number): string {
  let line = statusLines.get(status);
  if (line === undefined) {
    line = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`;
    statusLines.set(status, line);
  }
  return line;
}

let dateHeader = '';
let dateValidUntil = 0;
/** `Date: <IMF-fixdate>\r\n`, recomputed at most once a second. */
function date(): string {
  const now = Date.now();
  if (now >= dateValidUntil) {
    dateHeader = `Date: ${new Date(now).toUTCString()}\r\n`;
    dateValidUntil = now - (now % 1000) + 1000;
  }
  return dateHeader;
}

const enum State {
  /** Waiting for (the rest of) a request head. */
  Head,
  /** Reading a Content-Length body. */
  Body,
  /** Reading a chunked body. */
  Chunked,
  /** Request read, answer pending: later bytes are buffered (pipelining). */
  Answering,
  /** Input is no longer read (the connection closes after the answer). */
  Ignore,
  Closed,
}

const enum ChunkState {
  Size,
  Data,
  DataEnd,
  Trailers,
}

/**
 * An error the parser found in the request. Its own class so that only the parser's errors are
 * answered as protocol errors; it is an EngineError, so it is also what body() rejects with.
 */
class ProtocolError extends EngineError {}

class Exchange implements HttpExchange {
  responded = false;
  keepAlive: boolean;
  #conn: Connection;
  #body: Buffer | undefined;
  #bodyError: EngineError | undefined;
  #waiter: { resolve: (b: Buffer) => void; reject: (e: Error) => void } | undefined;
  #pending: Promise<Buffer> | undefined;

  constructor(
    conn: Connection,
    readonly method: string,
    readonly url: string,
    readonly headers: Record<string, string | string[] | undefined>,
    readonly http10: boolean,
    keepAlive: boolean,
  ) {
    this.#conn = conn;
    this.keepAlive = keepAlive;
  }

  body(): Promise<Buffer> {
    if (this.#body !== undefined) return Promise.resolve(this.#body);
    if (this.#bodyError !== undefined) return Promise.reject(this.#bodyError);
    // One promise for every caller: a second waiter must not replace the first.
    return (this.#pending ??= new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    }));
  }

  skipBody(): void {
    this.#conn.skipBody(this);
  }

  /** @internal The body is complete. */
  bodyDone(body: Buffer): void {
    this.#body = body;
    const w = this.#waiter;
    if (w !== undefined) {
      this.#waiter = undefined;
      w.resolve(body);
    }
  }

  /** @internal The body cannot be had. */
  bodyFailed(err: EngineError): void {
    if (this.#body !== undefined || this.#bodyError !== undefined) return;
    this.#bodyError = err;
    const w = this.#waiter;
    if (w !== undefined) {
      this.#waiter = undefined;
      w.reject(err);
    }
  }

  respond(status: number, headers: string[], contentType?: string, body?: Uint8Array | string): void {
    if (this.responded) return;
    this.#conn.respond(this, status, headers, contentType, body);
  }

  closeAfterResponse(): void {
    this.keepAlive = false;
  }

  destroy(): void {
    // An exchange that is over must not take down the connection's next request.
    if (this.#conn.current === this) this.#conn.socket.destroy();
  }
}

class Connection {
  state = State.Head;
  /** Unparsed bytes. */
  buf: Buffer | null = null;
  /** Where the search for the end of the head resumes. */
  scanFrom = 0;
  /** When the current head started arriving (0: no byte yet), or when the connection became idle. */
  since: number;
  /** When the connection last became idle: empty lines between requests do not keep it alive. */
  idleSince: number;
  current: Exchange | undefined;
  /** The current request's body has been read completely. */
  bodyComplete = false;
  // Content-Length body
  remaining = 0;
  chunks: Buffer[] = [];
  received = 0;
  // chunked body
  chunkState = ChunkState.Size;
  chunkLeft = 0;
  trailerBytes = 0;
  /** Where small chunk data is gathered: a body of tiny chunks must not cost an object per chunk. */
  small: Buffer | null = null;
  smallUsed = 0;
  /** The handler does not want the current body: it is read off the socket and dropped. */
  discard = false;
  paused = false;
  /** Answers wait in the socket's buffer: no further request is read until the client takes them. */
  awaitingDrain = false;

  constructor(
    readonly server: Http1Server,
    readonly socket: Socket,
  ) {
    this.since = this.idleSince = Date.now();
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined); // 'close' follows; nothing to tell the client
    socket.on('close', () => this.onClose());
  }

  /** Idle: between requests with nothing buffered, or answered and closing. */
  get idle(): boolean {
    return (
      (this.state === State.Head && this.current === undefined && this.buf === null) ||
      this.state === State.Closed
    );
  }

  onData(chunk: Buffer): void {
    const state = this.state;
    if (state === State.Ignore || state === State.Closed) return;
    if (this.buf === null) {
      this.buf = chunk;
      if (state === State.Head && this.current === undefined) this.since = Date.now();
    } else {
      this.buf = Buffer.concat([this.buf, chunk]);
    }
    if (state === State.Answering) {
      if (this.buf.length > PIPELINE_BUFFER_BYTES && !this.paused) {
        this.paused = true;
        this.socket.pause();
      }
      return;
    }
    this.parse();
  }

  parse(): void {
    try {
      for (;;) {
        const state = this.state;
        if (state === State.Head) {
          if (this.buf === null || this.awaitingDrain || !this.parseHead()) return;
        } else if (state === State.Body) {
          if (this.buf === null) return;
          this.readBody();
        } else if (state === State.Chunked) {
          if (this.buf === null || !this.readChunked()) return;
        } else return;
      }
    } catch (err) {
      if (err instanceof ProtocolError) this.fail(err);
      else throw err;
    }
  }

  /** Parses one request head from `buf`; false when more bytes are needed. */
  parseHead(): boolean {
    const buf = this.buf as Buffer;
    const max = this.server.maxHeaderBytes;
    // Empty lines before a request line are ignored (RFC 9112 §2.2).
    let start = 0;
    while (start < buf.length && (buf[start] === CR || buf[start] === LF)) start++;
    if (start === buf.length) {
      this.buf = null;
      this.scanFrom = 0;
      this.since = this.idleSince;
      return false;
    }
    const end = buf.indexOf(CRLFCRLF, Math.max(start, this.scanFrom));
    if (end < 0) {
      // A line ending in a bare LF would never end the head: refuse it now rather than at the timeout.
      for (let k = Math.max(start + 1, this.scanFrom); k < buf.length; k++) {
        if (buf[k] === LF && buf[k - 1] !== CR)
          throw malformed('a line of the request head ends with a bare LF, not CRLF');
      }
      if (buf.length - start > max) throw headersTooLarge('the request head exceeds', max);
      this.scanFrom = Math.max(start, buf.length - 3);
      return false;
    }
    if (end + 2 - start > max) throw headersTooLarge('the request head exceeds', max);
    this.scanFrom = 0;

    // Request line: method SP request-target SP HTTP-version CRLF
    let i = start;
    while (TCHAR[buf[i]] === 1) i++;
    if (i === start || buf[i] !== SP) throw malformed('the request line has no valid method');
    const method = methodOf(buf, start, i);
    const targetStart = ++i;
    while (buf[i] > SP && buf[i] !== 0x7f) i++;
    if (i === targetStart || buf[i] !== SP) throw malformed('the request line has no valid request target');
    let url = raw(buf).latin1Slice(targetStart, i);
    i++;
    if (
      buf[i] !== 0x48 ||
      buf[i + 1] !== 0x54 ||
      buf[i + 2] !== 0x54 ||
      buf[i + 3] !== 0x50 ||
      buf[i + 4] !== 0x2f ||
      buf[i + 6] !== 0x2e ||
      buf[i + 8] !== CR ||
      buf[i + 9] !== LF
    ) {
      throw malformed('the request line does not end with an HTTP version (HTTP/1.1)');
    }
    const major = buf[i + 5] - 0x30;
    const minor = buf[i + 7] - 0x30;
    if (major !== 1 || (minor !== 0 && minor !== 1)) {
      if (major >= 0 && major <= 9 && minor >= 0 && minor <= 9) {
        throw new ProtocolError(
          'SC_ERR_ENGINE_HTTP_VERSION',
          `HTTP/${major}.${minor} is not supported; use HTTP/1.1 (or gRPC on the gRPC port)`,
        );
      }
      throw malformed('the request line does not end with an HTTP version (HTTP/1.1)');
    }
    const http10 = minor === 0;
    i += 10;

    // Header fields.
    const headers: Record<string, string | string[] | undefined> = {};
    let line = 1;
    while (i < end + 2) {
      line++;
      const nameStart = i;
      if (buf[i] === SP || buf[i] === HTAB)
        throw malformed(`header line ${line} is folded (obsolete line folding)`);
      while (TCHAR[buf[i]] === 1) i++;
      if (i === nameStart || buf[i] !== 0x3a) {
        throw malformed(
          i === nameStart
            ? `header line ${line} has no field name`
            : buf[i] === SP || buf[i] === HTAB
              ? `header line ${line} has whitespace before the colon`
              : `header line ${line} has an invalid character in its name or no colon`,
        );
      }
      const name = lowerName(raw(buf).latin1Slice(nameStart, i));
      i++;
      while (buf[i] === SP || buf[i] === HTAB) i++;
      const valueStart = i;
      while (VALUE_CHAR[buf[i]] === 1) i++;
      if (buf[i] !== CR || buf[i + 1] !== LF) {
        throw malformed(`header ${name} (line ${line}) has a control character in its value`);
      }
      let valueEnd = i;
      while (valueEnd > valueStart && (buf[valueEnd - 1] === SP || buf[valueEnd - 1] === HTAB)) valueEnd--;
      const value = raw(buf).latin1Slice(valueStart, valueEnd);
      i += 2;
      const prev = headers[name];
      if (prev === undefined || typeof prev === 'function') {
        headers[name] = name === 'set-cookie' ? [value] : value;
      } else if (name === 'content-length') {
        throw malformed('the request has more than one Content-Length header');
      } else if (name === 'host') {
        // RFC 9112 §3.2 (and Go's net/http, which the reference executor uses): one Host only.
        throw malformed('the request has more than one Host header');
      } else if (name === 'set-cookie') {
        (prev as string[]).push(value);
      } else if (!FIRST_WINS.has(name)) {
        headers[name] = `${prev as string}${name === 'cookie' ? '; ' : ', '}${value}`;
      }
    }
    const consumed = end + 4;
    this.buf = consumed === buf.length ? null : buf.subarray(consumed);

    if (url.charCodeAt(0) !== 0x2f && url !== '*') url = originForm(url);
    if (!http10 && headers.host === undefined) throw malformed('the HTTP/1.1 request has no Host header');

    // Body framing (RFC 9112 §6.3).
    const te = headers['transfer-encoding'] as string | undefined;
    const cl = headers['content-length'] as string | undefined;
    let chunked = false;
    let length = 0;
    if (te !== undefined) {
      if (cl !== undefined) throw malformed('the request has both Content-Length and Transfer-Encoding');
      if (te.toLowerCase() !== 'chunked') {
        throw new ProtocolError(
          'SC_ERR_ENGINE_HTTP_NOT_IMPLEMENTED',
          `Transfer-Encoding "${te}" is not supported; send the body with Content-Length or "chunked"`,
        );
      }
      chunked = true;
    } else if (cl !== undefined) {
      if (cl.length === 0 || cl.length > 15 || !/^\d+$/.test(cl)) {
        throw malformed(`Content-Length "${cl}" is not a number of bytes`);
      }
      length = Number(cl);
    }
    const connection = headers.connection as string | undefined;
    let keepAlive =
      connection === undefined
        ? !http10
        : http10
          ? /(?:^|,)[ \t]*keep-alive[ \t]*(?:,|$)/i.test(connection)
          : !/(?:^|,)[ \t]*close[ \t]*(?:,|$)/i.test(connection);
    // An HTTP/1.0 message with Transfer-Encoding has faulty framing: close after it (RFC 9112 §6.1).
    if (http10 && te !== undefined) keepAlive = false;
    const limit = this.server.maxBodyBytes;
    const expect = headers.expect as string | undefined;
    if (expect !== undefined && expect.toLowerCase() !== '100-continue') {
      throw new ProtocolError(
        'SC_ERR_ENGINE_HTTP_EXPECTATION',
        `Expect "${expect}" cannot be met; only 100-continue is supported`,
      );
    }

    const exchange = new Exchange(this, method, url, headers, http10, keepAlive && !this.server.draining);
    this.current = exchange;
    this.bodyComplete = false;
    this.discard = false;
    if (chunked || length > 0) {
      if (length > limit) {
        exchange.bodyFailed(
          new EngineError(
            'SC_ERR_ENGINE_BODY_TOO_LARGE',
            `request body of ${length} bytes exceeds the limit of ${limit} bytes (maxBodyBytes)`,
          ),
        );
        exchange.keepAlive = false;
        this.state = State.Ignore;
        this.buf = null;
      } else {
        if (expect !== undefined && !http10) this.socket.write('HTTP/1.1 100 Continue\r\n\r\n');
        this.chunks = [];
        this.received = 0;
        if (chunked) {
          this.state = State.Chunked;
          this.chunkState = ChunkState.Size;
          this.trailerBytes = 0;
          this.small = null;
          this.smallUsed = 0;
        } else {
          this.state = State.Body;
          this.remaining = length;
          if (this.buf !== null) this.readBody();
        }
      }
    } else {
      this.bodyDone(EMPTY);
    }
    this.server.handler.request(exchange);
    return this.state === State.Head || this.state === State.Body || this.state === State.Chunked;
  }

  /** Takes Content-Length body bytes from `buf`. */
  readBody(): void {
    const buf = this.buf as Buffer;
    const take = Math.min(buf.length, this.remaining);
    if (this.discard) {
      this.remaining -= take;
      this.buf = take === buf.length ? null : buf.subarray(take);
      if (this.remaining === 0) this.bodyDone(EMPTY);
      return;
    }
    if (take === buf.length && this.chunks.length === 0 && take === this.remaining) {
      // The whole body in one piece: no copy.
      this.buf = null;
      this.remaining = 0;
      this.bodyDone(buf);
      return;
    }
    this.chunks.push(take === buf.length ? buf : buf.subarray(0, take));
    this.received += take;
    this.remaining -= take;
    this.buf = take === buf.length ? null : buf.subarray(take);
    if (this.remaining === 0) {
      const chunks = this.chunks;
      this.chunks = [];
      this.bodyDone(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.received));
    }
  }

  /** Decodes chunked body bytes from `buf`; false when more bytes are needed. */
  readChunked(): boolean {
    let buf = this.buf as Buffer;
    for (;;) {
      if (this.chunkState === ChunkState.Size) {
        const eol = buf.indexOf(LF);
        if (eol < 0) {
          if (buf.length > 1024) throw malformed('a chunk-size line is longer than 1024 bytes');
          // Keep only what is not consumed yet: the chunks before this line are already taken.
          this.buf = buf;
          return false;
        }
        if (eol === 0 || buf[eol - 1] !== CR) throw malformed('a chunk-size line does not end with CRLF');
        let size = 0;
        let j = 0;
        for (; j < eol - 1; j++) {
          const c = buf[j];
          const d =
            c >= 0x30 && c <= 0x39
              ? c - 0x30
              : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66
                ? (c | 0x20) - 0x57
                : -1;
          if (d < 0) break;
          if (j >= 12) throw malformed('a chunk size has more than 12 hex digits');
          size = size * 16 + d;
        }
        if (j === 0) throw malformed('a chunk-size line does not start with a hex size');
        if (j < eol - 1 && buf[j] !== 0x3b && buf[j] !== SP && buf[j] !== HTAB) {
          throw malformed('a chunk-size line has an invalid character after the size');
        }
        if (eol > 1024) throw malformed('a chunk-size line is longer than 1024 bytes');
        buf = buf.subarray(eol + 1);
        if (size === 0) {
          this.chunkState = ChunkState.Trailers;
        } else {
          if (this.received + size > this.server.maxBodyBytes) {
            throw new ProtocolError(
              'SC_ERR_ENGINE_BODY_TOO_LARGE',
              `request body exceeds the limit of ${this.server.maxBodyBytes} bytes (maxBodyBytes)`,
            );
          }
          this.chunkLeft = size;
          this.chunkState = ChunkState.Data;
        }
      } else if (this.chunkState === ChunkState.Data) {
        if (buf.length === 0) break;
        const take = Math.min(buf.length, this.chunkLeft);
        this.addChunkData(take === buf.length ? buf : buf.subarray(0, take));
        this.received += take;
        this.chunkLeft -= take;
        buf = buf.subarray(take);
        if (this.chunkLeft === 0) this.chunkState = ChunkState.DataEnd;
      } else if (this.chunkState === ChunkState.DataEnd) {
        if (buf.length < 2) break;
        if (buf[0] !== CR || buf[1] !== LF) throw malformed('chunk data is not followed by CRLF');
        buf = buf.subarray(2);
        this.chunkState = ChunkState.Size;
      } else {
        // Trailer fields up to an empty line; read and dropped.
        const eol = buf.indexOf(LF);
        if (eol < 0) {
          if (this.trailerBytes + buf.length > this.server.maxHeaderBytes)
            throw headersTooLarge("the chunked body's trailers exceed", this.server.maxHeaderBytes);
          break;
        }
        if (eol === 0 || buf[eol - 1] !== CR) throw malformed('a trailer line does not end with CRLF');
        this.trailerBytes += eol + 1;
        if (this.trailerBytes > this.server.maxHeaderBytes)
          throw headersTooLarge("the chunked body's trailers exceed", this.server.maxHeaderBytes);
        const empty = eol === 1;
        buf = buf.subarray(eol + 1);
        if (empty) {
          this.buf = buf.length === 0 ? null : buf;
          this.flushSmall();
          const chunks = this.chunks;
          this.chunks = [];
          this.bodyDone(
            this.discard ? EMPTY : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.received),
          );
          return this.state === State.Head;
        }
      }
      if (buf.length === 0 && this.chunkState !== ChunkState.Trailers) break;
    }
    this.buf = buf.length === 0 ? null : buf;
    return false;
  }

  addChunkData(piece: Buffer): void {
    if (this.discard) return;
    if (piece.length >= SMALL_CHUNK_BYTES) {
      this.flushSmall();
      this.chunks.push(piece);
      return;
    }
    if (this.small === null || this.small.length - this.smallUsed < piece.length) {
      this.flushSmall();
      this.small = Buffer.allocUnsafe(SMALL_BUFFER_BYTES);
    }
    piece.copy(this.small, this.smallUsed);
    this.smallUsed += piece.length;
  }

  flushSmall(): void {
    const small = this.small;
    if (small === null) return;
    const used = this.smallUsed;
    // A mostly empty buffer is not kept whole (small and large chunks could alternate).
    if (used > 0)
      this.chunks.push(
        used < SMALL_BUFFER_BYTES / 2 ? Buffer.from(small.subarray(0, used)) : small.subarray(0, used),
      );
    this.small = null;
    this.smallUsed = 0;
  }

  /** The handler answers without the body: what is kept of it is let go, the rest is dropped as it comes. */
  skipBody(exchange: Exchange): void {
    if (this.current !== exchange || this.bodyComplete || this.discard) return;
    this.discard = true;
    this.chunks = [];
    this.small = null;
    this.smallUsed = 0;
  }

  bodyDone(body: Buffer): void {
    const exchange = this.current as Exchange;
    this.bodyComplete = true;
    exchange.bodyDone(body);
    if (exchange.responded) this.next();
    else this.state = State.Answering;
  }

  /** Writes the answer of `exchange`. */
  respond(
    exchange: Exchange,
    status: number,
    headers: string[],
    contentType: string | undefined,
    body: Uint8Array | string | undefined,
  ): void {
    const socket = this.socket;
    if (this.state === State.Closed || socket.destroyed) return;
    let head = statusLine(status);
    for (let k = 0; k < headers.length; k += 2) {
      const value = headers[k + 1];
      if (BAD_VALUE.test(value))
        throw new Error(`response header ${headers[k]} has a CR, LF or NUL in its value`);
      head += `${headers[k]}: ${value}\r\n`;
    }
    if (contentType !== undefined) {
      if (BAD_VALUE.test(contentType)) throw new Error('the response Content-Type has a CR, LF or NUL');
      head += `Content-Type: ${contentType}\r\n`;
    }
    const bodyLength =
      body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    // An answer given before the body was read (an error) keeps the connection: the rest of the
    // body is read and dropped, then the next request is parsed.
    const keepAlive = exchange.keepAlive && !this.server.draining;
    head += `Content-Length: ${bodyLength}\r\n${date()}${
      keepAlive
        ? exchange.http10
          ? `Connection: keep-alive\r\n${this.server.keepAliveHint}`
          : this.server.keepAliveHint
        : 'Connection: close\r\n'
    }\r\n`;
    exchange.responded = true;
    const sendBody = body !== undefined && bodyLength > 0 && exchange.method !== 'HEAD';
    if (!sendBody) {
      socket.write(head, 'latin1');
    } else if (bodyLength <= COPY_BODY_BYTES) {
      const out = Buffer.allocUnsafe(head.length + bodyLength);
      raw(out).latin1Write(head, 0);
      if (typeof body === 'string') raw(out).utf8Write(body, head.length);
      else out.set(body as Uint8Array, head.length);
      socket.write(out);
    } else {
      socket.cork();
      socket.write(head, 'latin1');
      socket.write(body as Uint8Array | string);
      socket.uncork();
    }
    this.server.handler.end(exchange, true);
    if (!keepAlive) {
      this.close();
      return;
    }
    if (this.bodyComplete) this.next();
  }

  /** The current exchange is over (answered, body read): on to the next request. */
  next(): void {
    this.current = undefined;
    this.state = State.Head;
    this.since = this.idleSince = Date.now();
    if (this.socket.writableNeedDrain) {
      // The client is not reading its answers: no further request is read until it does, or
      // pipelined requests would pile their answers up in memory without bound.
      if (!this.paused) {
        this.paused = true;
        this.socket.pause();
      }
      if (!this.awaitingDrain) {
        this.awaitingDrain = true;
        this.socket.once('drain', () => {
          this.awaitingDrain = false;
          if (this.state !== State.Head) return;
          if (this.paused) {
            this.paused = false;
            this.socket.resume();
          }
          this.parse();
        });
      }
      return;
    }
    if (this.paused) {
      this.paused = false;
      this.socket.resume();
    }
    // Pipelined bytes: parsed on a later tick, after the socket has taken the answer.
    if (this.buf !== null) setImmediate(() => this.parse());
  }

  /** Ends the connection after what was written. */
  close(): void {
    if (this.state === State.Closed) return;
    this.state = State.Closed;
    this.buf = null;
    // Lingering close: our side ends, and whatever the peer still sends is read and dropped, so the
    // kernel does not answer it with a reset that could destroy the answer before it is read. A
    // peer that never closes is destroyed by the sweeper after the keep-alive timeout.
    this.socket.end();
    if (this.paused) {
      this.paused = false;
      this.socket.resume();
    }
    this.since = Date.now();
  }

  /** A malformed request: the client gets a Seldon status JSON naming the problem, then the connection closes. */
  fail(err: ProtocolError): void {
    const exchange = this.current;
    this.buf = null;
    if (exchange !== undefined && !this.bodyComplete) {
      // The head was good, the body is not: the handler answers (its body() rejects).
      this.state = State.Ignore;
      exchange.keepAlive = false;
      exchange.bodyFailed(err);
      if (exchange.responded) this.close();
      return;
    }
    this.server.handler.refused?.(err.code);
    const body = statusBody(err.httpStatus, err.message, err.code);
    this.socket.write(
      `${statusLine(err.httpStatus)}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${date()}Connection: close\r\n\r\n${body}`,
    );
    this.close();
  }

  onClose(): void {
    const exchange = this.current;
    this.state = State.Closed;
    this.buf = null;
    this.server.forget(this);
    if (exchange !== undefined && !exchange.responded) {
      exchange.bodyFailed(
        new EngineError(
          'SC_ERR_ENGINE_BODY_READ_FAILED',
          'the client aborted while sending the request body',
        ),
      );
      this.current = undefined;
      this.server.handler.end(exchange, false);
    }
  }

  /** Closes the connection if it is between requests; an answer still being written is finished first. */
  closeIfIdle(): void {
    if (!this.idle) return;
    if (this.socket.writableLength > 0) this.close();
    else this.socket.destroy();
  }

  /** Called by the sweeper: closes idle or too slow connections. */
  sweep(now: number): void {
    const state = this.state;
    if (state === State.Closed) {
      if (now - this.since > this.server.keepAliveTimeoutMs) this.socket.destroy();
      return;
    }
    if (state !== State.Head || this.current !== undefined) return;
    if (this.buf === null) {
      if (now - this.since > this.server.keepAliveTimeoutMs) this.socket.destroy();
    } else if (now - this.since > this.server.headersTimeoutMs) {
      this.fail(
        new ProtocolError(
          'SC_ERR_ENGINE_HTTP_HEADERS_TIMEOUT',
          `the request head did not arrive within ${this.server.headersTimeoutMs} ms`,
        ),
      );
    }
  }
}

const EMPTY = Buffer.alloc(0);

/** Buffer's string methods without the encoding dispatch (undocumented but long stable; undici uses them too). */
interface RawBuffer {
  latin1Slice(start: number, end: number): string;
  latin1Write(value: string, offset: number): number;
  utf8Write(value: string, offset: number): number;
}
const raw = (b: Buffer) => b as unknown as RawBuffer;

function malformed(message: string): ProtocolError {
  return new ProtocolError('SC_ERR_ENGINE_HTTP_MALFORMED', message);
}

function headersTooLarge(what: string, max: number): ProtocolError {
  return new ProtocolError('SC_ERR_ENGINE_HTTP_HEADERS_TOO_LARGE', `${what} ${max} bytes (maxHeaderBytes)`);
}

/** The method as a constant string for the usual ones (no allocation). */
function methodOf(buf: Buffer, start: number, end: number): string {
  const n = end - start;
  if (
    n === 4 &&
    buf[start] === 0x50 &&
    buf[start + 1] === 0x4f &&
    buf[start + 2] === 0x53 &&
    buf[start + 3] === 0x54
  )
    return 'POST';
  if (n === 3 && buf[start] === 0x47 && buf[start + 1] === 0x45 && buf[start + 2] === 0x54) return 'GET';
  return raw(buf).latin1Slice(start, end);
}

const lowerNames = new Map<string, string>();
/** Lower-cases a header name, remembering the usual ones. */
function lowerName(raw: string): string {
  let name = lowerNames.get(raw);
  if (name === undefined) {
    name = raw.toLowerCase();
    if (lowerNames.size < 512) lowerNames.set(raw, name);
  }
  return name;
}

/** `http://host:port/path?q` -> `/path?q` (RFC 9112 §3.2.2 absolute form). */
function originForm(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  if (m === null) return url;
  const rest = url.slice(m[0].length);
  return rest === '' || rest[0] === '?' ? `/${rest}` : rest;
}

/**
 * The server: one listening socket, its connections, and a sweeper that closes idle keep-alive
 * connections and answers 408 to heads that take longer than headersTimeoutMs.
 */
export class Http1Server {
  readonly maxBodyBytes: number;
  readonly maxHeaderBytes: number;
  readonly headersTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly keepAliveHint: string;
  /** Answers carry `Connection: close` and connections close after them. */
  draining = false;
  readonly #server: Server;
  readonly #connections = new Set<Connection>();
  #sweeper: NodeJS.Timeout | undefined;
  #closed: Promise<void> | undefined;

  constructor(
    readonly handler: HttpExchangeHandler,
    options: Http1ServerOptions,
  ) {
    this.maxBodyBytes = options.maxBodyBytes;
    this.maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
    this.headersTimeoutMs = options.headersTimeoutMs ?? 60000;
    this.keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? 65000;
    this.keepAliveHint = `Keep-Alive: timeout=${Math.floor(this.keepAliveTimeoutMs / 1000)}\r\n`;
    const accept = (socket: Socket) => {
      socket.setNoDelay(true);
      this.#connections.add(new Connection(this, socket));
    };
    this.#server = options.tls
      ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, accept)
      : createNetServer({ noDelay: true }, accept);
  }

  /** Listens on host:port (0: a free port) and resolves with the port. */
  async listen(port: number, host: string): Promise<number> {
    const bound = await listenOn(this.#server, port, host);
    // Once listening, the only errors are failed accepts (EMFILE when out of file descriptors):
    // the listener stays open and accepts again, so they must not end the process.
    this.#server.on('error', () => undefined);
    this.#sweeper = setInterval(() => this.#sweep(), SWEEP_INTERVAL_MS);
    this.#sweeper.unref();
    return bound;
  }

  /** Open connections. */
  get connections(): number {
    return this.#connections.size;
  }

  /**
   * Stops accepting connections; later answers close their connections. Resolves once every
   * connection is closed (see closeIdleConnections / closeAllConnections).
   */
  close(): Promise<void> {
    this.draining = true;
    // net.Server calls back once the last connection is gone (also when it never listened); the
    // sweeper keeps running until then, so lingering and idle connections are still closed.
    this.#closed ??= new Promise<void>((resolve) => {
      this.#server.close(() => {
        if (this.#sweeper) clearInterval(this.#sweeper);
        resolve();
      });
    });
    return this.#closed;
  }

  /** Closes the connections that are between requests. */
  closeIdleConnections(): void {
    for (const conn of this.#connections) conn.closeIfIdle();
  }

  /** Closes every connection, answered or not. */
  closeAllConnections(): void {
    for (const conn of this.#connections) conn.socket.destroy();
  }

  /** @internal */
  forget(conn: Connection): void {
    this.#connections.delete(conn);
  }

  #sweep(): void {
    const now = Date.now();
    for (const conn of this.#connections) conn.sweep(now);
  }
}
