import { join } from 'node:path';
import { Agent, interceptors, request, type Dispatcher } from 'undici';
import { isStorageError, StorageError } from '../errors.js';
import { classifyStatus, classifyTransportError } from '../internal/classify.js';
import type { SourceContext } from '../internal/context.js';
import { startTransfer } from '../internal/transfer.js';
import { withRetries } from '../internal/retry.js';
import { writeBody } from '../internal/write-body.js';

/** Redirects followed (presigned and CDN URLs redirect). */
const MAX_REDIRECTIONS = 5;

let sharedDispatcher: Dispatcher | undefined;

/** One agent for the process; timeouts are ours (idle timer), so undici's are off. */
function dispatcher(): Dispatcher {
  sharedDispatcher ??= new Agent({ headersTimeout: 0, bodyTimeout: 0 }).compose(
    interceptors.redirect({ maxRedirections: MAX_REDIRECTIONS }),
  );
  return sharedDispatcher;
}

function parseLength(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string' || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

async function attempt(url: string, file: string, ctx: SourceContext): Promise<void> {
  const { options, budget } = ctx;
  const { timer, state, classify: classifyWith } = startTransfer(options);
  const classify = (err: unknown): StorageError =>
    classifyWith(err, (e, s) => classifyTransportError(e, url, s));
  try {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, { method: 'GET', signal: timer.signal, dispatcher: dispatcher() });
    } catch (err) {
      throw classify(err);
    }
    state.phase = 'body';
    timer.touch();
    if (response.statusCode < 200 || response.statusCode > 299) {
      await response.body.dump().catch(() => undefined);
      throw classifyStatus(response.statusCode, url);
    }
    const expectedBytes = response.headers['content-encoding']
      ? undefined
      : parseLength(response.headers['content-length']);
    if (expectedBytes !== undefined) {
      try {
        budget.checkPlanned(budget.files, budget.bytes + expectedBytes, url);
      } catch (err) {
        response.body.on('error', () => undefined).destroy();
        throw err;
      }
    }
    await writeBody(response.body, file, { what: url, expectedBytes, budget, timer, classify });
  } finally {
    timer.clear();
  }
}

/** Downloads one http(s) file as `<destination>/<fileName>`. Archives are not unpacked. */
export async function downloadHttp(url: string, fileName: string, ctx: SourceContext): Promise<void> {
  const file = join(ctx.root, fileName);
  ctx.budget.addFile(url);
  try {
    await withRetries(ctx.options, () => attempt(url, file, ctx));
  } catch (err) {
    if (isStorageError(err)) throw err;
    throw new StorageError('SC_ERR_STORAGE_UNREACHABLE', `${url}: ${(err as Error).message}`, { cause: err });
  }
}
