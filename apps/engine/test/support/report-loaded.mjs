// Preloaded (`--import`) by lean-start.test.ts: at exit, writes what this process loaded from
// node_modules through require (CommonJS: every package that test asks about is) as one line
// `LOADED <JSON array of paths>` on stderr: below node_modules, or absolute for other files
// (ES modules that were required, such as the bundle's lazily loaded entries).
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const paths = Object.keys(require.cache).map((p) =>
    p.includes('/node_modules/') ? p.slice(p.lastIndexOf('/node_modules/') + 14) : p,
  );
  writeSync(2, `LOADED ${JSON.stringify(paths)}\n`);
});
