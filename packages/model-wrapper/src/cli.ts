#!/usr/bin/env node
// seldon-microservice: serve a component (`seldon-microservice <module> ...`) or build an image of
// a component folder (`seldon-microservice build <dir> --tag IMAGE`).
import { readFileSync } from 'node:fs';
import { WrapperError } from './errors.js';
import { serveCommand } from './internal/serve-command.js';

const args = process.argv.slice(2);

function exitWith(err: unknown): never {
  const text =
    err instanceof WrapperError
      ? `${err.code}: ${err.message}`
      : err instanceof Error
        ? (err.stack ?? err.message)
        : String(err);
  process.stderr.write(`seldon-microservice: ${text}\n`);
  process.exit(1);
}

if (args[0] === '--version') {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  process.stdout.write(`seldon-microservice ${pkg.version}\n`);
} else if (args[0] === 'build') {
  // Loaded only for this command: serving never pays for it.
  import('./internal/build-command.js')
    .then(({ buildCommand }) => {
      process.exitCode = buildCommand(args.slice(1));
    })
    .catch(exitWith);
} else {
  serveCommand(args).catch(exitWith);
}
