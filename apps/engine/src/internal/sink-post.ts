// One POST of a payload-log event to an HTTP sink with undici's dispatch(): the sink's answer body
// is not read into anything (a CloudEvents sink answers with an empty or short body), only the
// status is kept. `Pool.request()` builds a readable body stream per call, which cost the engine's
// thread more than the rest of the send (docs/benchmarks.md "Payload logging and the spool").
import type { Dispatcher } from 'undici';

export interface SinkPost {
  path: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** POSTs `post` on `dispatcher`; resolves with the answer's status once its body has ended. */
export function postToSink(dispatcher: Dispatcher, post: SinkPost): Promise<number> {
  return new Promise((resolve, reject) => {
    dispatcher.dispatch(
      { method: 'POST', path: post.path, headers: post.headers, body: post.body },
      new StatusHandler(resolve, reject),
    );
  });
}

/** Keeps the final status, drops the body, settles at the end or on an error. */
class StatusHandler implements Dispatcher.DispatchHandler {
  readonly #resolve: (status: number) => void;
  readonly #reject: (err: Error) => void;
  #status = 0;

  constructor(resolve: (status: number) => void, reject: (err: Error) => void) {
    this.#resolve = resolve;
    this.#reject = reject;
  }

  onRequestStart(): void {
    // Nothing to keep: the request is not cancelled. (undici tells this handler API from its
    // older one by this method.)
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    if (statusCode >= 200) this.#status = statusCode; // not an interim answer
  }

  onResponseData(): void {
    // The body is not needed.
  }

  onResponseEnd(): void {
    this.#resolve(this.#status);
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.#reject(err);
  }
}
