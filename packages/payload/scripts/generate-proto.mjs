#!/usr/bin/env node
// Regenerates the checked-in protobufjs static code of @seldon-ts/payload from /proto and copies
// the .proto files into the package (they ship with it for grpc/proto-loader users).
// Usage: node packages/payload/scripts/generate-proto.mjs [outDir]   (default: the package itself)
// test/generated.test.ts runs this into a temp dir and fails if the result differs from the tree.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(pkg, '../..');
const out = resolve(process.argv[2] ?? pkg);
const bin = (name) => join(root, 'node_modules', 'protobufjs-cli', 'bin', name);
const inputs = ['prediction.proto', 'v2/dataplane.proto'];

function run(cmd, args) {
  const r = spawnSync(process.execPath, [cmd, ...args], { cwd: join(root, 'proto'), encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`${cmd} failed with ${r.status}`);
  }
}

mkdirSync(join(out, 'generated'), { recursive: true });
rmSync(join(out, 'proto'), { recursive: true, force: true });
cpSync(join(root, 'proto'), join(out, 'proto'), { recursive: true, filter: (src) => !src.endsWith('.md') });

const scratch = mkdtempSync(join(tmpdir(), 'seldon-proto-'));
try {
  // The commented build only feeds pbts (types come from its JSDoc); the shipped JS has no comments.
  const commented = join(scratch, 'protos.js');
  run(bin('pbjs'), ['-t', 'static-module', '-w', 'es6', '-p', '.', '-o', commented, ...inputs]);
  run(bin('pbts'), ['--no-comments', '-o', join(out, 'generated', 'protos.d.ts'), commented]);
  const js = join(out, 'generated', 'protos.js');
  run(bin('pbjs'), ['-t', 'static-module', '-w', 'es6', '--no-comments', '-p', '.', '-o', js, ...inputs]);
  // protobufjs is CommonJS without an exports map: Node's ESM loader needs the file extension and
  // only the default import reliably carries its members.
  const text = readFileSync(js, 'utf8').replace(
    'import * as $protobuf from "protobufjs/minimal";',
    'import $protobuf from "protobufjs/minimal.js";',
  );
  if (!text.includes('import $protobuf from "protobufjs/minimal.js";'))
    throw new Error('unexpected pbjs output');
  writeFileSync(js, text);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
