// Finds a Python with xgboost and scikit-learn (Debian's python3-xgboost, python3-sklearn;
// scripts/setup-test-deps.sh installs them) and runs make_models.py with it.
import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The first interpreter that imports xgboost and sklearn (env XGBOOST_PYTHON first). */
export function findXgboostPython(): string | undefined {
  const candidates = [process.env.XGBOOST_PYTHON, '/usr/bin/python3', 'python3'].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
  return candidates.find(
    (py) =>
      spawnSync(py, ['-c', 'import xgboost, sklearn'], { stdio: 'ignore', timeout: 60_000 }).status === 0,
  );
}

/** One model written by make_models.py with xgboost's own predictions. */
export interface ModelCase {
  name: string;
  dir: string;
  missing: number | null;
  rows: (number | null)[][];
  shape: number[];
  expected: number[];
  margin: number[];
  objective: string;
}

/** Runs `script` (default make_models.py) with `python` into `outDir` and reads `cases.json`. */
export async function makeModels(
  python: string,
  outDir: string,
  script = path.join(here, 'make_models.py'),
  args: string[] = [],
): Promise<{ xgboost: string; cases: ModelCase[] }> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(python, [script, outDir, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(script)} exited ${code}: ${stderr}`)),
    );
  });
  return JSON.parse(await readFile(path.join(outDir, 'cases.json'), 'utf8')) as {
    xgboost: string;
    cases: ModelCase[];
  };
}

/** A case's rows as one row-major Float64Array (null → NaN). */
export function flatRows(c: ModelCase): Float64Array {
  return Float64Array.from(c.rows.flat(), (v) => (v === null ? Number.NaN : v));
}

/** Largest |actual - expected| relative to max(1, |expected|). */
export function maxRelativeError(actual: ArrayLike<number>, expected: readonly number[]): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    worst = Math.max(worst, Math.abs(actual[i] - e) / Math.max(1, Math.abs(e)));
  }
  return worst;
}
