// A small HTTP/1.1 client for node calls: keep-alive connections per node origin, one request per
// connection at a time (no pipelining), the whole request written with a single socket write and
// the response parsed straight from the socket's chunks. Node calls are short POSTs of a payload the
// engine already holds as bytes, answered with a body the engine forwards as bytes; a general client
// (streams, dispatcher layers, interceptors) spent more CPU per call than the rest of the engine
// (docs/benchmarks.md, "node client"). What it supports: Content-Length, chunked and
// read-until-close bodies, 1xx interim answers, Keep-Alive hints, header and body limits,
// cancellation by AbortSignal, and one transparent retry when a reused keep-alive connection turns
// out to be closed by the node before any answer byte arrived.
import { connect, type Socket } from 'node:net';
import type { CancelSource } from './net.js';

/** Options of an {@link Http1Pool}. */
export interface Http1PoolOptions {
  /** Connections opened at most; further requests wait in FIFO order. */
  readonly connections: number;
  /** Idle time after which a kept-alive connection is closed, in milliseconds. */
  readonly keepAliveTimeoutMs: number;
  /** TCP connect timeout in milliseconds. */
  readonly connectTimeoutMs: number;
  /** Largest response head (status line and headers) accepted, in bytes. */
  readonly maxHeaderBytes: number;
  /**
   * A call fails with `ETIMEDOUT` when its node has sent nothing for this long (checked about
   * every tenth of it, at least every second); 0 = never. A safety net under the calls' own deadlines.
   */
  readonly answerTimeoutMs: number;
}

export interface Http1Request {
  readonly method: string;
  readonly path: string;
  /** Header lines (`name: value\r\n` each, validated by the caller), without Host and Content-Length. */
  readonly headerLines: string;
  readonly body: Uint8Array | string | undefined;
  /** Largest body accepted; a larger answer fails with code `ETOOLARGE`. */
  readonly maxBodyBytes: number;
  readonly cancel: CancelSource | undefined;
}

export interface Http1Response {
  readonly statusCode: number;
  /** `Content-Type`, if any (repeated headers joined with `, `). */
  readonly contentType: string | undefined;
  /** `Content-Encoding`, if any. */
  readonly contentEncoding: string | undefined;
  readonly body: Buffer;
}

/**
 * A failure of one exchange. `code` is a Node errno-style code (`ECONNREFUSED`, `ECONNRESET`, ...)
 * or one of this module's: `ECONNECT_TIMEOUT` (nothing sent), `EPROTO` (not a valid HTTP/1.1
 * answer), `ETOOLARGE` (body over the limit), `EHEADERTOOLARGE`, `ECLOSED` (pool closed),
 * `EABORTED` (the signal aborted).
 */
export class Http1Error extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'Http1Error';
  }
}

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');
/** Body bytes up to which head and body are copied into one buffer for a single write. */
const COALESCE_BYTES = 64 * 1024;
/** Kept-alive connections are retired this long before the node's announced keep-alive timeout. */
const KEEP_ALIVE_MARGIN_MS = 1000;

interface Exchange {
  readonly request: Http1Request;
  readonly resolve: (response: Http1Response) => void;
  readonly reject: (err: Error) => void;
  /** Set once the exchange is on a connection. */
  connection: Connection | undefined;
  /** A stale-connection retry was already spent. */
  retried: boolean;
  /** Removes the abort callback. */
  unlisten: (() => void) | undefined;
}

type BodyMode = 'length' | 'chunked' | 'close' | 'none';

/** The keep-alive connections of one origin. */
export class Http1Pool {
  readonly #host: string;
  readonly #port: number;
  readonly #hostHeader: string;
  readonly #options: Http1PoolOptions;
  readonly #idle: Connection[] = [];
  readonly #queue: Exchange[] = [];
  #queueHead = 0;
  #open = 0;
  #closed = false;
  #sweeper: NodeJS.Timeout | undefined;
  /** Every open connection (for the answer-timeout sweep). */
  readonly #all = new Set<Connection>();

  constructor(host: string, port: number, options: Http1PoolOptions) {
    this.#host = host;
    this.#port = port;
    this.#hostHeader = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    this.#options = options;
  }

  /** Connections currently open (busy or idle). */
  get connections(): number {
    return this.#open;
  }

  request(request: Http1Request): Promise<Http1Response> {
    return new Promise<Http1Response>((resolve, reject) => {
      if (this.#closed) {
        reject(new Http1Error('ECLOSED', 'the HTTP client is closed'));
        return;
      }
      const cancel = request.cancel;
      if (cancel?.aborted) {
        reject(new Http1Error('EABORTED', 'aborted'));
        return;
      }
      const exchange: Exchange = {
        request,
        resolve,
        reject,
        connection: undefined,
        retried: false,
        unlisten: undefined,
      };
      if (cancel !== undefined) exchange.unlisten = cancel.onAbort(() => this.#abort(exchange));
      this.#dispatch(exchange);
    });
  }

  /** Closes idle connections at once and busy ones when their exchange ends; queued requests fail. */
  close(): Promise<void> {
    this.#closed = true;
    if (this.#sweeper !== undefined) clearInterval(this.#sweeper);
    for (const c of this.#idle) c.destroy();
    this.#idle.length = 0;
    while (this.#queueHead < this.#queue.length) {
      const e = this.#queue[this.#queueHead++]!;
      this.settle(e, undefined, new Http1Error('ECLOSED', 'the HTTP client is closed'));
    }
    this.#queue.length = 0;
    this.#queueHead = 0;
    return Promise.resolve();
  }

  #dispatch(exchange: Exchange): void {
    const now = performance.now();
    let connection: Connection | undefined;
    while ((connection = this.#idle.pop()) !== undefined) {
      if (now < connection.expiresAt && !connection.ended) break;
      connection.destroy();
    }
    if (connection === undefined) {
      if (this.#open >= this.#options.connections) {
        this.#queue.push(exchange);
        return;
      }
      connection = this.#connect();
    }
    connection.start(exchange);
  }

  #connect(): Connection {
    this.#open++;
    if (this.#sweeper === undefined) {
      // Idle connections are checked when taken; the sweeper closes those nobody takes any more,
      // and fails calls whose node went silent for answerTimeoutMs.
      const answer = this.#options.answerTimeoutMs;
      const every = Math.max(
        1000,
        Math.min(this.#options.keepAliveTimeoutMs, answer > 0 ? answer / 10 : Infinity, 30_000),
      );
      this.#sweeper = setInterval(() => this.#sweep(), every);
      this.#sweeper.unref();
    }
    const connection = new Connection(this, this.#host, this.#port, this.#options);
    this.#all.add(connection);
    return connection;
  }

  #sweep(): void {
    const now = performance.now();
    const answer = this.#options.answerTimeoutMs;
    if (answer > 0) for (const c of this.#all) if (c.busy && now - c.lastActivity > answer) c.silent(answer);
    for (let i = this.#idle.length - 1; i >= 0; i--) {
      const c = this.#idle[i]!;
      if (now >= c.expiresAt || c.ended) {
        this.#idle.splice(i, 1);
        c.destroy();
      }
    }
  }

  /** @internal A connection finished an exchange and can take the next one. */
  released(connection: Connection): void {
    if (this.#closed) {
      connection.destroy();
      return;
    }
    if (this.#queueHead < this.#queue.length) {
      const next = this.#queue[this.#queueHead]!;
      this.#queue[this.#queueHead++] = undefined as unknown as Exchange;
      if (this.#queueHead === this.#queue.length) {
        this.#queue.length = 0;
        this.#queueHead = 0;
      }
      connection.start(next);
      return;
    }
    this.#idle.push(connection);
  }

  /** @internal A connection is gone; a waiting request may now open a new one. */
  gone(connection: Connection): void {
    this.#open--;
    this.#all.delete(connection);
    const i = this.#idle.indexOf(connection);
    if (i >= 0) this.#idle.splice(i, 1);
    if (!this.#closed && this.#queueHead < this.#queue.length) {
      const next = this.#queue[this.#queueHead]!;
      this.#queue[this.#queueHead++] = undefined as unknown as Exchange;
      this.#dispatch(next);
    }
  }

  /** @internal A reused connection closed before answering: retry once on a fresh connection. */
  retry(exchange: Exchange): void {
    exchange.retried = true;
    exchange.connection = undefined;
    if (this.#closed) {
      this.settle(exchange, undefined, new Http1Error('ECLOSED', 'the HTTP client is closed'));
      return;
    }
    // A fresh connection: an idle one may be just as stale. The dying connection still counts
    // towards the limit until its socket closes, so the limit is exceeded by one for a moment.
    this.#connect().start(exchange);
  }

  /**
   * @internal Ends an exchange (exactly once). Errors are told apart by an explicit argument, not
   * `instanceof Error`: errors raised by Node's own modules belong to another realm when the caller
   * runs in a vm context (test runners).
   */
  settle(exchange: Exchange, response: Http1Response | undefined, error?: unknown): void {
    if (exchange.unlisten !== undefined) {
      exchange.unlisten();
      exchange.unlisten = undefined;
    }
    if (response === undefined) exchange.reject(error as Error);
    else exchange.resolve(response);
  }

  #abort(exchange: Exchange): void {
    exchange.unlisten = undefined;
    const connection = exchange.connection;
    if (connection !== undefined) {
      // Half-sent request or half-read answer: the connection cannot be reused.
      connection.abandon(exchange);
    } else {
      const i = this.#queue.indexOf(exchange, this.#queueHead);
      if (i >= 0) this.#queue.splice(i, 1);
    }
    exchange.reject(new Http1Error('EABORTED', 'aborted'));
  }

  get hostHeader(): string {
    return this.#hostHeader;
  }
}

/** One keep-alive TCP connection and the parser of the answer it is waiting for. */
class Connection {
  readonly #pool: Http1Pool;
  readonly #socket: Socket;
  readonly #options: Http1PoolOptions;
  #connectTimer: NodeJS.Timeout | undefined;
  #exchange: Exchange | undefined;
  /** Exchanges completed on this connection. */
  #served = 0;
  /** Performance-clock time after which an idle connection is not reused. */
  expiresAt = 0;
  /** Performance-clock time of the last request sent or answer byte read. */
  lastActivity = 0;
  /** The node closed its side (or the socket failed): never reuse. */
  ended = false;
  #destroyed = false;

  // Parser state of the current answer.
  #pending: Buffer | undefined;
  #inHead = true;
  #statusCode = 0;
  /** The framing and payload headers of the answer being read, by {@link HeaderId}. */
  #fields: (string | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined];
  #keepAlive = true;
  #keepAliveHintMs = 0;
  #mode: BodyMode = 'none';
  #remaining = 0;
  #chunks: Buffer[] = [];
  #size = 0;
  #gotBytes = false;
  /** Chunked decoding: 'size' line, 'data', 'crlf' after data, 'trailers'. */
  #chunkState: 'size' | 'data' | 'crlf' | 'trailers' = 'size';

  constructor(pool: Http1Pool, host: string, port: number, options: Http1PoolOptions) {
    this.#pool = pool;
    this.#options = options;
    // Reads land in one buffer shared by all connections (`onread`): no Buffer and no stream
    // 'data' event per read. What the parser keeps past the callback is copied out of it.
    const socket = (this.#socket = connect({
      host,
      port,
      noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        callback: (n: number): boolean => {
          this.#onData(READ_BUFFER.subarray(0, n));
          return true; // keep reading
        },
      },
    }));
    this.#connectTimer = setTimeout(() => {
      this.#fail(
        new Http1Error(
          'ECONNECT_TIMEOUT',
          `connect to ${host}:${port} timed out after ${options.connectTimeoutMs} ms`,
        ),
      );
    }, options.connectTimeoutMs);
    socket.once('connect', () => {
      clearTimeout(this.#connectTimer);
      this.#connectTimer = undefined;
    });
    socket.on('end', () => this.#onEnd());
    socket.on('error', (err) => this.#fail(err));
    socket.on('close', () => this.#onClose());
  }

  /** An exchange is in progress. */
  get busy(): boolean {
    return this.#exchange !== undefined;
  }

  /** The node sent nothing for `ms`: the exchange fails and the connection is dropped. */
  silent(ms: number): void {
    this.#fail(new Http1Error('ETIMEDOUT', `the node sent nothing for ${ms} ms (answerTimeoutMs)`));
  }

  start(exchange: Exchange): void {
    this.lastActivity = performance.now();
    this.#exchange = exchange;
    exchange.connection = this;
    this.#resetParser();
    const { request } = exchange;
    const body = request.body;
    const bodyLength =
      body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    let head = `${request.method} ${request.path} HTTP/1.1\r\nhost: ${this.#pool.hostHeader}\r\n${request.headerLines}`;
    if (body !== undefined || request.method === 'POST') head += `content-length: ${bodyLength}\r\n`;
    head += '\r\n';
    const socket = this.#socket;
    if (body === undefined || bodyLength === 0) {
      socket.write(head, 'latin1');
    } else if (typeof body === 'string') {
      const headLength = head.length;
      const out = Buffer.allocUnsafe(headLength + bodyLength);
      out.write(head, 0, 'latin1');
      out.write(body, headLength, 'utf8');
      socket.write(out);
    } else if (bodyLength <= COALESCE_BYTES) {
      const headLength = head.length;
      const out = Buffer.allocUnsafe(headLength + bodyLength);
      out.write(head, 0, 'latin1');
      out.set(body, headLength);
      socket.write(out);
    } else {
      socket.cork();
      socket.write(head, 'latin1');
      socket.write(body);
      socket.uncork();
    }
  }

  /** The exchange was aborted: the connection is closed and forgotten. */
  abandon(exchange: Exchange): void {
    if (this.#exchange === exchange) this.#exchange = undefined;
    this.destroy();
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.ended = true;
    if (this.#connectTimer !== undefined) clearTimeout(this.#connectTimer);
    this.#socket.destroy();
  }

  #resetParser(): void {
    this.#pending = undefined;
    this.#inHead = true;
    this.#statusCode = 0;
    this.#fields = [undefined, undefined, undefined, undefined, undefined, undefined];
    this.#keepAlive = true;
    this.#keepAliveHintMs = 0;
    this.#mode = 'none';
    this.#remaining = 0;
    this.#chunks = [];
    this.#size = 0;
    this.#gotBytes = false;
    this.#chunkState = 'size';
  }

  #onData(chunk: Buffer): void {
    const exchange = this.#exchange;
    if (exchange === undefined) {
      // Bytes nobody asked for: the connection is out of step with the node.
      this.destroy();
      return;
    }
    this.#gotBytes = true;
    this.lastActivity = performance.now();
    let buf = chunk;
    if (this.#pending !== undefined) {
      buf = Buffer.concat([this.#pending, chunk]);
      this.#pending = undefined;
    }
    try {
      let pos = 0;
      while (pos < buf.length || (!this.#inHead && this.#mode === 'length' && this.#remaining === 0)) {
        if (this.#inHead) {
          const end = buf.indexOf(CRLFCRLF, pos);
          if (end < 0) {
            if (buf.length - pos > this.#options.maxHeaderBytes)
              throw headerTooLarge(this.#options.maxHeaderBytes);
            this.#pending = Buffer.from(buf.subarray(pos));
            return;
          }
          if (end - pos > this.#options.maxHeaderBytes) throw headerTooLarge(this.#options.maxHeaderBytes);
          this.#parseHead(buf.toString('latin1', pos, end), exchange.request.method);
          pos = end + 4;
          if (this.#inHead) continue; // a 1xx interim answer
          if (this.#mode === 'none') {
            this.#complete(buf, pos);
            return;
          }
          continue;
        }
        switch (this.#mode) {
          case 'length': {
            const take = Math.min(this.#remaining, buf.length - pos);
            if (take > 0) this.#addBody(buf, pos, pos + take);
            pos += take;
            this.#remaining -= take;
            if (this.#remaining === 0) {
              this.#complete(buf, pos);
              return;
            }
            break;
          }
          case 'close':
            this.#addBody(buf, pos, buf.length);
            pos = buf.length;
            break;
          case 'chunked': {
            const next = this.#chunked(buf, pos);
            if (next < 0) return; // finished (settled) or waiting for more bytes
            pos = next;
            break;
          }
          default:
            pos = buf.length;
        }
      }
    } catch (err) {
      this.#fail(err as Error);
    }
  }

  /** Advances the chunked decoder; returns the next position, or -1 when it stopped. */
  #chunked(buf: Buffer, start: number): number {
    let pos = start;
    while (pos < buf.length) {
      if (this.#chunkState === 'data') {
        const take = Math.min(this.#remaining, buf.length - pos);
        this.#addBody(buf, pos, pos + take);
        pos += take;
        this.#remaining -= take;
        if (this.#remaining === 0) this.#chunkState = 'crlf';
        continue;
      }
      const eol = buf.indexOf('\r\n', pos, 'latin1');
      if (eol < 0) {
        if (buf.length - pos > 4096) throw protocolError('chunk size line longer than 4096 bytes');
        this.#pending = Buffer.from(buf.subarray(pos));
        return -1;
      }
      const line = buf.toString('latin1', pos, eol);
      pos = eol + 2;
      if (this.#chunkState === 'crlf') {
        if (line !== '') throw protocolError('missing CRLF after a chunk');
        this.#chunkState = 'size';
      } else if (this.#chunkState === 'size') {
        const semi = line.indexOf(';');
        const hex = (semi >= 0 ? line.slice(0, semi) : line).trim();
        if (!/^[0-9a-fA-F]{1,12}$/.test(hex))
          throw protocolError(`invalid chunk size ${JSON.stringify(line.slice(0, 40))}`);
        const size = parseInt(hex, 16);
        if (size === 0) this.#chunkState = 'trailers';
        else {
          if (this.#size + size > this.#exchange!.request.maxBodyBytes)
            throw bodyTooLarge(this.#exchange!.request.maxBodyBytes);
          this.#remaining = size;
          this.#chunkState = 'data';
        }
      } else if (line === '') {
        // trailers end
        this.#complete(buf, pos);
        return -1;
      }
    }
    return pos;
  }

  #addBody(buf: Buffer, start: number, end: number): void {
    const size = this.#size + (end - start);
    const max = this.#exchange!.request.maxBodyBytes;
    if (size > max) throw bodyTooLarge(max);
    this.#size = size;
    // A copy: `buf` may be the shared read buffer.
    this.#chunks.push(Buffer.from(buf.subarray(start, end)));
  }

  #parseHead(head: string, method: string): void {
    // Scanned by hand: this runs once per node call, and split/regex versions showed in profiles.
    let eol = head.indexOf('\r\n');
    if (eol < 0) eol = head.length;
    const minor = head.charCodeAt(7);
    const code =
      (head.charCodeAt(9) - 48) * 100 + (head.charCodeAt(10) - 48) * 10 + (head.charCodeAt(11) - 48);
    if (
      eol < 12 ||
      !head.startsWith('HTTP/1.') ||
      (minor !== 48 && minor !== 49) ||
      head.charCodeAt(8) !== 32 ||
      !isDigit(head.charCodeAt(9)) ||
      !isDigit(head.charCodeAt(10)) ||
      !isDigit(head.charCodeAt(11)) ||
      code < 100 ||
      (eol > 12 && head.charCodeAt(12) !== 32)
    )
      throw protocolError(`invalid status line ${JSON.stringify(head.slice(0, Math.min(eol, 80)))}`);
    // Only the headers that frame the answer or describe its payload are kept; the rest are
    // checked for shape and skipped without building strings.
    const fields: (string | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined];
    let pos = eol + 2;
    while (pos < head.length) {
      let next = head.indexOf('\r\n', pos);
      if (next < 0) next = head.length;
      const colon = head.indexOf(':', pos);
      const first = head.charCodeAt(pos);
      if (colon <= pos || colon > next || first === 32 || first === 9)
        throw protocolError(
          `invalid header line ${JSON.stringify(head.slice(pos, Math.min(next, pos + 80)))}`,
        );
      const id = headerId(head, pos, colon);
      if (id >= 0) {
        const value = head.slice(colon + 1, next).trim();
        const prev = fields[id];
        fields[id] = prev === undefined ? value : `${prev}, ${value}`;
      }
      pos = next + 2;
    }
    if (code < 200) {
      if (code === 101) throw protocolError('the node switched protocols');
      return; // 100 Continue, 103 Early Hints: the final answer follows
    }
    this.#inHead = false;
    this.#statusCode = code;
    this.#fields = fields;
    const connection = fields[H_CONNECTION]?.toLowerCase();
    this.#keepAlive =
      minor === 49 /* HTTP/1.1 */
        ? connection === undefined ||
          connection === 'keep-alive' ||
          !/(?:^|,)\s*close\s*(?:,|$)/.test(connection)
        : connection === 'keep-alive';
    const hint = fields[H_KEEP_ALIVE];
    if (hint !== undefined) {
      const t = /timeout\s*=\s*(\d+)/i.exec(hint);
      if (t !== null) this.#keepAliveHintMs = Number(t[1]) * 1000;
    }
    const te = fields[H_TRANSFER_ENCODING];
    const cl = fields[H_CONTENT_LENGTH];
    if (method === 'HEAD' || code === 204 || code === 304) this.#mode = 'none';
    else if (te !== undefined) {
      if (cl !== undefined) throw protocolError('both Transfer-Encoding and Content-Length');
      if (/(?:^|,)\s*chunked\s*$/i.test(te)) this.#mode = 'chunked';
      else {
        this.#mode = 'close';
        this.#keepAlive = false;
      }
    } else if (cl !== undefined) {
      if (!isDigits(cl)) throw protocolError(`invalid Content-Length ${JSON.stringify(cl.slice(0, 40))}`);
      const length = Number(cl);
      if (length > this.#exchange!.request.maxBodyBytes)
        throw bodyTooLarge(this.#exchange!.request.maxBodyBytes);
      this.#mode = 'length';
      this.#remaining = length;
    } else {
      this.#mode = 'close';
      this.#keepAlive = false;
    }
  }

  #complete(buf: Buffer, pos: number): void {
    const exchange = this.#exchange!;
    this.#exchange = undefined;
    exchange.connection = undefined;
    const chunks = this.#chunks;
    const body =
      chunks.length === 1 ? chunks[0]! : chunks.length === 0 ? EMPTY : Buffer.concat(chunks, this.#size);
    const response: Http1Response = {
      statusCode: this.#statusCode,
      contentType: this.#fields[H_CONTENT_TYPE],
      contentEncoding: this.#fields[H_CONTENT_ENCODING],
      body,
    };
    this.#served++;
    const reusable = this.#keepAlive && pos === buf.length && !this.ended;
    const hint = this.#keepAliveHintMs;
    this.#resetParser();
    if (reusable) {
      let idleMs = this.#options.keepAliveTimeoutMs;
      if (hint > 0) idleMs = Math.min(idleMs, Math.max(hint - KEEP_ALIVE_MARGIN_MS, hint / 2));
      this.expiresAt = performance.now() + idleMs;
      this.#pool.settle(exchange, response);
      this.#pool.released(this);
    } else {
      this.destroy();
      this.#pool.settle(exchange, response);
    }
  }

  #onEnd(): void {
    this.ended = true;
    const exchange = this.#exchange;
    if (exchange !== undefined && !this.#inHead && this.#mode === 'close') {
      this.#complete(EMPTY, 0);
      return;
    }
    this.#fail(this.#closedError());
  }

  #onClose(): void {
    this.ended = true;
    this.#destroyed = true;
    if (this.#connectTimer !== undefined) clearTimeout(this.#connectTimer);
    if (this.#exchange !== undefined) this.#fail(this.#closedError());
    this.#pool.gone(this);
  }

  #closedError(): Error {
    return Object.assign(
      new Error(
        this.#gotBytes
          ? 'the node closed the connection in the middle of its answer'
          : 'the node closed the connection without answering',
      ),
      { code: 'ECONNRESET' },
    );
  }

  #fail(failure: Error): void {
    const exchange = this.#exchange;
    const code = (failure as { code?: string }).code;
    // A reset reads better as what it means for the answer.
    const err = code === 'ECONNRESET' || code === 'EPIPE' ? this.#closedError() : failure;
    this.#exchange = undefined;
    const staleKeepAlive =
      exchange !== undefined &&
      this.#served > 0 &&
      !this.#gotBytes &&
      !exchange.retried &&
      (code === 'ECONNRESET' || code === 'EPIPE');
    this.destroy();
    if (exchange === undefined) return;
    exchange.connection = undefined;
    if (staleKeepAlive) this.#pool.retry(exchange);
    else this.#pool.settle(exchange, undefined, err);
  }
}

const EMPTY = Buffer.alloc(0);
/** The read buffer of every connection (reads are handled synchronously, one at a time). */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);
const H_CONTENT_TYPE = 0;
const H_CONTENT_ENCODING = 1;
const H_CONTENT_LENGTH = 2;
const H_TRANSFER_ENCODING = 3;
const H_CONNECTION = 4;
const H_KEEP_ALIVE = 5;

/** The {@link H_CONTENT_TYPE}-style index of the header named by `head[start, end)`, or -1. */
function headerId(head: string, start: number, end: number): number {
  switch (end - start) {
    case 10:
      if (sameName(head, start, 'connection')) return H_CONNECTION;
      if (sameName(head, start, 'keep-alive')) return H_KEEP_ALIVE;
      return -1;
    case 12:
      return sameName(head, start, 'content-type') ? H_CONTENT_TYPE : -1;
    case 14:
      return sameName(head, start, 'content-length') ? H_CONTENT_LENGTH : -1;
    case 16:
      return sameName(head, start, 'content-encoding') ? H_CONTENT_ENCODING : -1;
    case 17:
      return sameName(head, start, 'transfer-encoding') ? H_TRANSFER_ENCODING : -1;
    default:
      return -1;
  }
}

/** `head` at `start` spells `lower` in any letter case (`lower` is lower-case letters and `-`). */
function sameName(head: string, start: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = head.charCodeAt(start + i);
    const l = lower.charCodeAt(i);
    // Equal, or the upper-case form of a lower-case letter.
    if (c !== l && !(l >= 97 && l <= 122 && c === l - 32)) return false;
  }
  return true;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** 1 to 15 decimal digits (a length below 2^53). */
function isDigits(s: string): boolean {
  if (s.length === 0 || s.length > 15) return false;
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

function protocolError(message: string): Http1Error {
  return new Http1Error('EPROTO', `invalid HTTP/1.1 answer: ${message}`);
}

function headerTooLarge(max: number): Http1Error {
  return new Http1Error('EHEADERTOOLARGE', `the answer's header block exceeds ${max} bytes`);
}

function bodyTooLarge(max: number): Http1Error {
  return new Http1Error('ETOOLARGE', `the answer's body exceeds ${max} bytes`);
}
