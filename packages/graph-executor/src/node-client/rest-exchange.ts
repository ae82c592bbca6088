// One HTTP exchange with a node through an undici dispatcher: the request is dispatched with
// `dispatch()` (undici's lowest layer: no body stream, no response object) and the answer is
// collected by a handler that keeps only what a node call needs: the status, the two payload
// headers and the body bytes, within a size limit.
import type { Dispatcher } from 'undici';
import type { CancelSource } from '../internal/net.js';
import type { AnswerDeadlines, TimedAnswer } from './answer-deadlines.js';

/** A node's answer. */
export interface RestAnswer {
  readonly statusCode: number;
  /** `Content-Type`, if any (repeated headers joined with `, `). */
  readonly contentType: string | undefined;
  /** `Content-Encoding`, if any. */
  readonly contentEncoding: string | undefined;
  readonly body: Buffer;
}

/** Why an exchange failed; `cause` is undici's (or the socket's) error when there is one. */
export type ExchangeFailureKind = 'too-large' | 'cancelled' | 'deadline' | 'failed';

/** A failed exchange, with whether the node had started answering (for the keep-alive retry). */
export class ExchangeFailure extends Error {
  readonly kind: ExchangeFailureKind;
  /** The node sent an answer head (status line and headers) before the failure. */
  readonly answerStarted: boolean;
  constructor(kind: ExchangeFailureKind, answerStarted: boolean, message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'ExchangeFailure';
    this.kind = kind;
    this.answerStarted = answerStarted;
  }
}

/**
 * Sends `request` through `dispatcher` and resolves with the answer. Fails with an
 * {@link ExchangeFailure}: `too-large` when the body (declared or received) exceeds `maxBodyBytes`,
 * `cancelled` when `cancel` aborts (the request is withdrawn, or its connection closed if it was
 * sent), `deadline` when `deadlines` expires it before the answer's last byte, `failed` for
 * everything undici reports.
 */
export function exchange(
  dispatcher: Dispatcher,
  request: Dispatcher.DispatchOptions,
  maxBodyBytes: number,
  cancel: CancelSource | undefined,
  deadlines?: AnswerDeadlines,
): Promise<RestAnswer> {
  return new Promise<RestAnswer>((resolve, reject) => {
    if (cancel?.aborted) {
      reject(new ExchangeFailure('cancelled', false, 'cancelled before sending'));
      return;
    }
    const handler = new AnswerHandler(maxBodyBytes, resolve, reject);
    if (cancel !== undefined) handler.unlisten = cancel.onAbort(() => handler.cancel());
    if (deadlines !== undefined) handler.untrack = deadlines.track(handler);
    dispatcher.dispatch(request, handler);
  });
}

const EMPTY = Buffer.alloc(0);

/** undici handler collecting one answer. Settles its promise exactly once. */
class AnswerHandler implements Dispatcher.DispatchHandler, TimedAnswer {
  readonly #maxBodyBytes: number;
  readonly #resolve: (answer: RestAnswer) => void;
  readonly #reject: (failure: ExchangeFailure) => void;
  #controller: Dispatcher.DispatchController | undefined;
  #settled = false;
  #cancelled = false;
  #statusCode = 0;
  #contentType: string | undefined;
  #contentEncoding: string | undefined;
  #chunks: Buffer[] = [];
  #size = 0;
  /** Removes the cancellation callback. */
  unlisten: (() => void) | undefined;
  /** Stops the whole-answer timer. */
  untrack: (() => void) | undefined;

  constructor(
    maxBodyBytes: number,
    resolve: (answer: RestAnswer) => void,
    reject: (failure: ExchangeFailure) => void,
  ) {
    this.#maxBodyBytes = maxBodyBytes;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  /** The caller cancelled: fail now; a sent request's connection is closed by undici. */
  cancel(): void {
    this.#cancelled = true;
    const failure = new ExchangeFailure('cancelled', this.#statusCode !== 0, 'cancelled');
    this.#fail(failure);
    // A request still queued is withdrawn when it reaches a connection (onRequestStart).
    this.#controller?.abort(failure);
  }

  /** The whole-answer bound passed: fail now and close the connection (the answer is unusable). */
  expire(): void {
    const failure = new ExchangeFailure('deadline', this.#statusCode !== 0, 'answer deadline passed');
    this.#fail(failure);
    this.#controller?.abort(failure);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#cancelled) controller.abort(new ExchangeFailure('cancelled', false, 'cancelled'));
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200) return; // an interim answer (103 Early Hints): the final one follows
    this.#statusCode = statusCode;
    this.#contentType = headerValue(headers['content-type']);
    this.#contentEncoding = headerValue(headers['content-encoding']);
    const declared = headers['content-length'];
    if (typeof declared === 'string' && Number(declared) > this.#maxBodyBytes) this.#tooLarge(controller);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#settled) return;
    const size = this.#size + chunk.length;
    if (size > this.#maxBodyBytes) {
      this.#tooLarge(controller);
      return;
    }
    this.#size = size;
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.unlisten?.();
    this.untrack?.();
    const chunks = this.#chunks;
    this.#resolve({
      statusCode: this.#statusCode,
      contentType: this.#contentType,
      contentEncoding: this.#contentEncoding,
      body:
        chunks.length === 1 ? chunks[0]! : chunks.length === 0 ? EMPTY : Buffer.concat(chunks, this.#size),
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#fail(
      error instanceof ExchangeFailure
        ? error
        : new ExchangeFailure('failed', this.#statusCode !== 0, error?.message ?? String(error), error),
    );
  }

  #tooLarge(controller: Dispatcher.DispatchController): void {
    const failure = new ExchangeFailure(
      'too-large',
      true,
      `the answer's body exceeds ${this.#maxBodyBytes} bytes`,
    );
    this.#fail(failure);
    controller.abort(failure); // the rest of the body is not read: the connection is closed
  }

  #fail(failure: ExchangeFailure): void {
    if (this.#settled) return;
    this.#settled = true;
    this.unlisten?.();
    this.untrack?.();
    this.#chunks = [];
    this.#reject(failure);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' || value === undefined ? value : value.join(', ');
}
