#!/usr/bin/env node
// The `seldon-storage-initializer` command. Committed so that npm links it at install time in a source checkout
// (the repository's `prepare` script then builds dist/); a published package ships dist/.
await import('../dist/cli.js');
