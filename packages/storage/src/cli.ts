// The `seldon-storage-initializer` command: `seldon-storage-initializer <modelUri> <destination>`,
// the arguments the operator gives the storage initializer init container.
import { downloadModel } from './download.js';
import { isStorageError, STORAGE_ERRORS } from './errors.js';
import { parseCliArgs, USAGE } from './internal/cli-args.js';

async function main(): Promise<number> {
  const started = Date.now();
  let command;
  try {
    command = parseCliArgs(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`seldon-storage-initializer: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('interrupted by a signal'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const result = await downloadModel(command.modelUri, command.destination, {
      ...command.options,
      signal: controller.signal,
    });
    const line = {
      event: 'downloaded',
      modelUri: command.modelUri,
      destination: result.destination,
      files: result.files,
      bytes: result.bytes,
      ms: Date.now() - started,
      ...(result.credentialSource === undefined ? {} : { credentials: result.credentialSource }),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return 0;
  } catch (err) {
    if (!isStorageError(err)) {
      process.stderr.write(
        `seldon-storage-initializer: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`,
      );
      return 1;
    }
    process.stderr.write(
      `seldon-storage-initializer: ${err.code}: ${err.message}\n  hint: ${STORAGE_ERRORS[err.code].hint}\n`,
    );
    return err.exitCode;
  }
}

process.exitCode = await main();
