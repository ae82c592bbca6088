// Answers of the TypeScript evaluator against xgboost's own Booster.predict on real models
// (Debian's python3-xgboost), trained in beforeAll: every objective, NaNs, the missing value,
// dart, gblinear, random forests, multi-output, categorical splits, JSON and UBJSON files.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadBooster, parseModelBytes } from '../src/xgboost/index.js';
import {
  findXgboostPython,
  flatRows,
  makeModels,
  maxRelativeError,
  type ModelCase,
} from './xgboost/python.js';

const python = findXgboostPython();
const d = python === undefined && !process.env.CI ? describe.skip : describe;
if (python === undefined)
  console.warn(
    'xgboost-parity: no python3 with xgboost and sklearn (scripts/setup-test-deps.sh installs them)',
  );

// The names make_models.py writes, listed here so that each case is its own test.
const CASES = [
  'iris-softprob',
  'iris-softmax',
  'iris-forest',
  'iris-nan-softprob',
  'cancer-binary-logistic',
  'cancer-binary-logitraw',
  'cancer-binary-hinge',
  'cancer-reg-logistic',
  'cancer-base-score',
  'cancer-dart',
  'cancer-deep',
  'diabetes-reg-squarederror',
  'diabetes-reg-squaredlogerror',
  'diabetes-reg-pseudohubererror',
  'diabetes-reg-absoluteerror',
  'diabetes-reg-gamma',
  'diabetes-reg-tweedie',
  'diabetes-count-poisson',
  'diabetes-survival-cox',
  'diabetes-poisson-base',
  'diabetes-linear',
  'diabetes-missing',
  'rank-pairwise',
  'rank-ndcg',
  'diabetes-multi-target',
  'categorical-partition',
  'categorical-onehot',
  'cancer-named',
];

d('XGBoost evaluator vs xgboost Booster.predict', () => {
  let dir: string;
  const cases = new Map<string, ModelCase>();

  beforeAll(async () => {
    if (python === undefined) throw new Error('CI: python3 with xgboost and sklearn is required');
    dir = await mkdtemp(path.join(os.tmpdir(), 'xgb-parity-'));
    for (const c of (await makeModels(python, dir)).cases) cases.set(c.name, c);
  }, 120_000);

  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('covers every case make_models.py wrote', () => {
    expect([...cases.keys()].sort()).toEqual([...CASES].sort());
  });

  it.each(CASES)('%s: predictions and margins match to 1e-6', async (name) => {
    const c = cases.get(name)!;
    const { booster } = await loadBooster(c.dir);
    expect(booster.info.objective).toBe(c.objective);
    const missing = c.missing ?? undefined;
    const pred = booster.predict(flatRows(c), c.rows.length, { missing });
    expect(pred.shape).toEqual(c.shape);
    expect(maxRelativeError(pred.values, c.expected)).toBeLessThanOrEqual(1e-6);
    // Margins are float32 sums in XGBoost's order: equal, not just close.
    const margin = booster.predict(flatRows(c), c.rows.length, { missing, outputMargin: true });
    expect(Array.from(margin.values)).toEqual(c.margin.map(Math.fround));
  });

  it.each(['iris-softprob', 'cancer-binary-logistic', 'cancer-dart'])(
    '%s: model.ubj (UBJSON) predicts exactly as model.json',
    async (name) => {
      const c = cases.get(name)!;
      const { readFile } = await import('node:fs/promises');
      const fromJson = parseModelBytes(await readFile(path.join(c.dir, 'model.json')));
      const fromUbj = parseModelBytes(await readFile(path.join(c.dir, 'model.ubj')), 'model.ubj');
      const rows = flatRows(c);
      expect(fromUbj.info).toEqual(fromJson.info);
      expect(fromUbj.predict(rows, c.rows.length).values).toEqual(
        fromJson.predict(rows, c.rows.length).values,
      );
    },
  );

  it('reads what the model stores: features, names, groups, trees, version', async () => {
    const named = (await loadBooster(cases.get('cancer-named')!.dir)).booster.info;
    expect(named.featureNames).toEqual(['radius', 'texture', 'perimeter', 'area']);
    expect(named.numFeature).toBe(4);
    const iris = (await loadBooster(cases.get('iris-softprob')!.dir)).booster.info;
    expect(iris).toMatchObject({
      numFeature: 4,
      numGroups: 3,
      numTrees: 30,
      booster: 'gbtree',
      baseScore: [0.5, 0.5, 0.5],
    });
    expect(iris.version).toHaveLength(3);
    const forest = (await loadBooster(cases.get('iris-forest')!.dir)).booster.info;
    expect(forest.numTrees).toBe(4 * 3 * 3);
    const cat = (await loadBooster(cases.get('categorical-partition')!.dir)).booster.info;
    expect(cat.hasCategorical).toBe(true);
    expect(cat.featureTypes).toEqual(['c', 'q', 'q']);
    expect((await loadBooster(cases.get('cancer-dart')!.dir)).booster.info.booster).toBe('dart');
    expect((await loadBooster(cases.get('diabetes-linear')!.dir)).booster.info.booster).toBe('gblinear');
  });

  it('refuses the legacy binary model.bst, telling to re-save as JSON', async () => {
    await expect(loadBooster(path.join(dir, 'legacy'))).rejects.toMatchObject({
      code: 'SC_ERR_XGBOOST_LEGACY_BINARY',
      message: expect.stringContaining("save_model('model.json')"),
    });
  });
});
