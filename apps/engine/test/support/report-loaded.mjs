// Preloaded (`--import`) by lean-start.test.ts: at exit, writes what this process loaded from
// node_modules through require (CommonJS: every package that test asks about is) as one line
// `LOADED <JSON array of paths below node_modules>` on stderr.
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const paths = Object.keys(require.cache).map((p) => p.slice(p.lastIndexOf('node_modules/') + 13));
  writeSync(2, `LOADED ${JSON.stringify(paths)}\n`);
});
