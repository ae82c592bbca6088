// XGBoost evaluator benchmark: the TypeScript evaluator of @seldon-ts/model-servers against
// xgboost's own C++ predictor (python3-xgboost, Booster.predict on a DMatrix, as the reference
// XGBOOST_SERVER calls it), timed in the same run on the same rows:
//   - µs per 1-row predict (what one REST request costs the model),
//   - rows/s over a batch of 1,000 rows,
// for the shipped iris example (12 trees, depth 2) and a larger model trained here
// (breast cancer, 300 trees, depth 6). xgboost runs with nthread=1: the evaluator is one thread.
// Usage: (cd /work/main && npx tsc -b packages/model-servers) && node benchmarks/xgboost.bench.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseModelBytes } from '../packages/model-servers/dist/xgboost/index.js';

const quick = process.argv.includes('--quick');
const here = path.dirname(fileURLToPath(import.meta.url));
const python = [process.env.XGBOOST_PYTHON, '/usr/bin/python3', 'python3'].find(
  (py) => py && spawnSync(py, ['-c', 'import xgboost, sklearn'], { stdio: 'ignore' }).status === 0,
);
if (!python) {
  console.error(
    'xgboost.bench: needs python3 with xgboost and sklearn (apt-get install python3-xgboost python3-sklearn)',
  );
  process.exit(1);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'xgb-bench-'));
const BATCH = 1000;
const ROUNDS = quick ? 3 : 7;

// Python: writes the larger model and the rows, then times xgboost on both models.
const script = `
import json, sys, time, statistics
import numpy as np, xgboost as xgb
from sklearn.datasets import load_breast_cancer, load_iris
out, iris_model, rounds, budget = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
Xc, yc = load_breast_cancer(return_X_y=True)
big = xgb.train({"objective": "binary:logistic", "max_depth": 6, "nthread": 1, "seed": 1}, xgb.DMatrix(Xc, label=yc), 300)
big.save_model(out + "/big.json")
Xi, _ = load_iris(return_X_y=True)
rng = np.random.default_rng(1)
sets = {"iris": (iris_model, Xi), "big": (out + "/big.json", Xc)}
result = {}
def per_call(fn):
    n = 1
    while True:
        s = time.perf_counter()
        for _ in range(n): fn()
        t = time.perf_counter() - s
        if t >= budget: return t / n
        n *= 2
for name, (model, X) in sets.items():
    b = xgb.Booster(model_file=model)
    b.set_param({"nthread": 1})
    rows = X[rng.integers(0, len(X), ${BATCH})]
    np.save(out + "/" + name + "-rows.npy", rows)
    with open(out + "/" + name + "-rows.json", "w") as f: json.dump(rows.tolist(), f)
    one = rows[:1]
    r1 = [per_call(lambda: b.predict(xgb.DMatrix(one, nthread=1))) for _ in range(rounds)]
    rb = [per_call(lambda: b.predict(xgb.DMatrix(rows, nthread=1))) for _ in range(rounds)]
    result[name] = {"one_us": statistics.median(r1) * 1e6, "batch_rows_s": ${BATCH} / statistics.median(rb)}
print(json.dumps({"xgboost": xgb.__version__, **result}))
`;
const iris = path.join(here, '../examples/xgboost-iris/model/model.json');
const py = spawnSync(python, ['-c', script, dir, iris, String(ROUNDS), quick ? '0.1' : '0.4'], {
  encoding: 'utf8',
  maxBuffer: 1 << 26,
  // One OpenMP thread: without it each call pays thread start-up/barriers on a shared machine.
  env: { ...process.env, OMP_NUM_THREADS: '1' },
});
if (py.status !== 0) {
  console.error(py.stderr);
  process.exit(1);
}
const ref = JSON.parse(py.stdout.trim().split('\n').pop());

function perCall(fn, budgetMs) {
  let n = 1;
  for (;;) {
    const s = performance.now();
    for (let i = 0; i < n; i++) fn();
    const t = performance.now() - s;
    if (t >= budgetMs) return t / n;
    n *= 2;
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const table = [];
for (const [name, file] of [
  ['iris', iris],
  ['big', path.join(dir, 'big.json')],
]) {
  const booster = parseModelBytes(readFileSync(file));
  const rows = JSON.parse(readFileSync(path.join(dir, `${name}-rows.json`), 'utf8'));
  const flat = Float64Array.from(rows.flat());
  const nf = booster.info.numFeature;
  const one = flat.subarray(0, nf);
  const budget = quick ? 100 : 400;
  perCall(() => booster.predict(flat, BATCH), budget); // warm-up (JIT)
  const t1 = median(Array.from({ length: ROUNDS }, () => perCall(() => booster.predict(one, 1), budget)));
  const tb = median(
    Array.from({ length: ROUNDS }, () => perCall(() => booster.predict(flat, BATCH), budget)),
  );
  const r = ref[name];
  table.push({
    model: `${name} (${booster.info.numTrees} trees)`,
    'ts 1-row µs': (t1 * 1000).toFixed(2),
    'xgboost 1-row µs': r.one_us.toFixed(2),
    '1-row speed-up': `${(r.one_us / (t1 * 1000)).toFixed(1)}x`,
    'ts rows/s': Math.round(BATCH / (tb / 1000)),
    'xgboost rows/s': Math.round(r.batch_rows_s),
    'batch ratio': `${(BATCH / (tb / 1000) / r.batch_rows_s).toFixed(2)}x`,
  });
}
rmSync(dir, { recursive: true, force: true });
console.log(
  `xgboost ${ref.xgboost} (nthread=1) vs @seldon-ts/model-servers, batch ${BATCH} rows, median of ${ROUNDS}`,
);
console.table(table);
writeFileSync(path.join(os.tmpdir(), 'xgboost-bench-last.json'), JSON.stringify(table, null, 2));
