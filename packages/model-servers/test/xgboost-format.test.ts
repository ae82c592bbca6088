// Model-file handling without Python: UBJSON decoding, format sniffing, XGBoost's NaN tokens,
// base_score as 1.x/2.x and 3.x store it, and clear errors for bad or unsupported models.
import { describe, it, expect } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  XGBoostBooster,
  decodeUbjson,
  loadBooster,
  parseModelBytes,
  resolveModelUri,
  sniffModelFormat,
} from '../src/xgboost/index.js';

/** A 2-feature model: one stump on feature 0 (x0 < 0.5 → -1 else +1, missing → left). */
function stumpModel(over: { objective?: string; baseScore?: string; tree?: Record<string, unknown> } = {}) {
  return {
    version: [1, 7, 4],
    learner: {
      attributes: {},
      feature_names: [],
      feature_types: [],
      learner_model_param: {
        base_score: over.baseScore ?? '5E-1',
        num_class: '0',
        num_feature: '2',
        num_target: '1',
      },
      objective: { name: over.objective ?? 'reg:squarederror' },
      gradient_booster: {
        name: 'gbtree',
        model: {
          gbtree_model_param: { num_trees: '1', num_parallel_tree: '1' },
          tree_info: [0],
          trees: [
            {
              tree_param: { num_nodes: '3', num_feature: '2', size_leaf_vector: '0', num_deleted: '0' },
              left_children: [1, -1, -1],
              right_children: [2, -1, -1],
              split_indices: [0, 0, 0],
              split_conditions: [0.5, -1, 1],
              default_left: [1, 0, 0],
              split_type: [0, 0, 0],
              ...over.tree,
            },
          ],
        },
      },
    },
  };
}

const bytes = (doc: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(doc));
const boost = (doc: unknown): XGBoostBooster => XGBoostBooster.fromDocument(doc);

describe('UBJSON decoder', () => {
  it('decodes objects, strings, scalars and typed arrays (big-endian)', () => {
    // {"a": [$d#i2 1.5 -2], "s": "hi", "n": int64 7, "t": true, "z": null, "m": [i1 U200]}
    const b = [0x7b, 0x69, 1, 0x61, 0x5b, 0x24, 0x64, 0x23, 0x69, 2];
    const f = new DataView(new ArrayBuffer(8));
    f.setFloat32(0, 1.5);
    f.setFloat32(4, -2);
    b.push(...new Uint8Array(f.buffer));
    b.push(0x69, 1, 0x73, 0x53, 0x69, 2, 0x68, 0x69);
    b.push(0x69, 1, 0x6e, 0x4c, 0, 0, 0, 0, 0, 0, 0, 7);
    b.push(0x69, 1, 0x74, 0x54, 0x69, 1, 0x7a, 0x5a);
    b.push(0x69, 1, 0x6d, 0x5b, 0x69, 1, 0x55, 200, 0x5d, 0x7d);
    const v = decodeUbjson(Uint8Array.from(b)) as Record<string, unknown>;
    expect(v.a).toBeInstanceOf(Float32Array);
    expect(Array.from(v.a as Float32Array)).toEqual([1.5, -2]);
    expect(v).toMatchObject({ s: 'hi', n: 7, t: true, z: null, m: [1, 200] });
  });

  it('names the byte offset of truncated or malformed input', () => {
    expect(() => decodeUbjson(Uint8Array.from([0x5b, 0x24, 0x64, 0x23, 0x69, 5, 0, 0]))).toThrow(
      expect.objectContaining({
        code: 'SC_ERR_XGBOOST_BAD_MODEL',
        message: expect.stringMatching(/truncated.*at byte 6/),
      }),
    );
    expect(() => decodeUbjson(Uint8Array.from([0x51]))).toThrow(/'Q' is not a numeric type/);
    expect(() => decodeUbjson(Uint8Array.from([0x5a, 0x5a]))).toThrow(/trailing bytes/);
    const deep = new Uint8Array(100).fill(0x5b);
    expect(() => decodeUbjson(deep)).toThrow(/nesting deeper than 64/);
  });
});

describe('model files', () => {
  it('tells JSON, UBJSON and the legacy binary apart by their first bytes', () => {
    expect(sniffModelFormat(bytes({ a: 1 }))).toBe('json');
    expect(sniffModelFormat(new TextEncoder().encode('  {\n "learner": {}}'))).toBe('json');
    expect(sniffModelFormat(Uint8Array.from([0x7b, 0x4c, 0, 0]))).toBe('ubjson');
    expect(sniffModelFormat(new TextEncoder().encode('binf\0\0\0?'))).toBe('legacy-binary');
    expect(() => parseModelBytes(new TextEncoder().encode('binf\0\0\0?'), 'model.bst')).toThrow(
      expect.objectContaining({
        code: 'SC_ERR_XGBOOST_LEGACY_BINARY',
        message: expect.stringContaining('model.bst'),
      }),
    );
  });

  it("reads XGBoost's NaN and Infinity tokens, but not inside strings", () => {
    const text = JSON.stringify(stumpModel({ tree: { split_conditions: [0.5, -1, 1] } }))
      .replace('[0.5,-1,1]', '[0.5,-Infinity,NaN]')
      .replace('"feature_names":[]', '"feature_names":["NaN","Infinity"]');
    const b = parseModelBytes(new TextEncoder().encode(text));
    expect(b.info.featureNames).toEqual(['NaN', 'Infinity']);
    expect(Array.from(b.predict([0, 0, 1, 1], 2).values)).toEqual([-Infinity, NaN]);
  });

  it('resolves paths and file: URIs; refuses other schemes', () => {
    expect(resolveModelUri('/mnt/models')).toBe('/mnt/models');
    expect(resolveModelUri('file:///mnt/models')).toBe('/mnt/models');
    expect(resolveModelUri('file://./model', '/srv/x')).toBe('/srv/x/model');
    expect(resolveModelUri('model', '/srv/x')).toBe('/srv/x/model');
    expect(() => resolveModelUri('s3://bucket/m')).toThrow(
      expect.objectContaining({ code: 'SC_ERR_XGBOOST_BAD_URI' }),
    );
  });

  it('prefers model.json, then model.ubj, then model.bst in a folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'xgb-files-'));
    try {
      await writeFile(path.join(dir, 'model.bst'), bytes(stumpModel({ baseScore: '1' })));
      expect((await loadBooster(dir)).file).toBe(path.join(dir, 'model.bst'));
      await writeFile(path.join(dir, 'model.json'), bytes(stumpModel({ baseScore: '2' })));
      const { booster, file } = await loadBooster(dir);
      expect(file).toBe(path.join(dir, 'model.json'));
      expect(booster.info.baseScore).toEqual([2]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('base_score', () => {
  it('1.x/2.x store a decimal string in probability space; logistic turns it into a logit margin', () => {
    const b = boost(stumpModel({ objective: 'binary:logistic', baseScore: '2.5E-1' }));
    const margin = b.predict([0, 0], 1, { outputMargin: true }).values[0];
    expect(margin).toBe(Math.fround(Math.fround(-Math.log(3)) - 1));
    expect(b.predict([0, 0], 1).values[0]).toBeCloseTo(1 / (1 + Math.exp(-margin)), 6);
  });

  it('3.x stores a bracketed vector, one value or one per output group', () => {
    expect(boost(stumpModel({ baseScore: '[3E-1]' })).info.baseScore).toEqual([0.3]);
    const multi = stumpModel({ objective: 'multi:softprob', baseScore: '[1E-1,2E-1,7E-1]' });
    multi.learner.learner_model_param.num_class = '3';
    multi.learner.gradient_booster.model.tree_info = [2];
    const b = boost(multi);
    expect(b.info.baseScore).toEqual([0.1, 0.2, 0.7]);
    expect(b.predict([1, 0], 1, { outputMargin: true }).values).toEqual(Float32Array.from([0.1, 0.2, 1.7]));
  });

  it('refuses a base_score that is not numbers', () => {
    expect(() => boost(stumpModel({ baseScore: 'abc' }))).toThrow(/learner.learner_model_param.base_score/);
  });
});

describe('bad and unsupported models', () => {
  it('names the objective it does not support, and lists the supported ones', () => {
    expect(() => boost(stumpModel({ objective: 'survival:aft' }))).toThrow(
      expect.objectContaining({
        code: 'SC_ERR_XGBOOST_UNSUPPORTED',
        message: expect.stringMatching(/objective survival:aft is not supported; supported: binary:logistic/),
      }),
    );
  });

  it('refuses vector-leaf trees (multi_output_tree)', () => {
    const doc = stumpModel({ tree: { tree_param: { num_nodes: '3', size_leaf_vector: '2' } } });
    expect(() => boost(doc)).toThrow(expect.objectContaining({ code: 'SC_ERR_XGBOOST_UNSUPPORTED' }));
  });

  it('refuses trees whose children point backwards (a cycle) or at missing features', () => {
    expect(() => boost(stumpModel({ tree: { left_children: [1, 0, -1] } }))).toThrow(
      /learner.gradient_booster.model.trees\[0\].left_children\[1\]/,
    );
    expect(() => boost(stumpModel({ tree: { split_indices: [5, 0, 0] } }))).toThrow(
      /split_indices\[0\]: feature 5 outside the model's 2 features/,
    );
    expect(() => boost(stumpModel({ tree: { default_left: [1, 0] } }))).toThrow(
      /default_left: expected 3 entries, got 2/,
    );
    expect(() => boost({ learner: {} })).toThrow(
      /learner.learner_model_param: expected an object, got missing/,
    );
  });

  it('refuses categorical splits from XGBoost before 1.6 (other semantics)', () => {
    const doc = stumpModel({
      tree: {
        split_type: [1, 0, 0],
        categories_nodes: [0],
        categories_segments: [0],
        categories_sizes: [1],
        categories: [3],
      },
    });
    expect(boost(doc).predict([3, 0, 2, 0], 2).values).toEqual(Float32Array.from([1.5, -0.5])); // + base_score 0.5
    (doc as { version: number[] }).version = [1, 5, 0];
    expect(() => boost(doc)).toThrow(/categorical splits written by XGBoost 1.5.0/);
  });

  it('predict refuses a wrong row size and infinite values', () => {
    const b = boost(stumpModel());
    expect(() => b.predict([1, 2, 3], 1)).toThrow(
      expect.objectContaining({
        code: 'SC_ERR_XGBOOST_FEATURE_COUNT',
        message: expect.stringContaining('expects 2 features'),
      }),
    );
    expect(() => b.predict([1, Infinity], 1)).toThrow(
      expect.objectContaining({ code: 'SC_ERR_XGBOOST_BAD_INPUT' }),
    );
    expect(Array.from(b.predict([Infinity, 0], 1, { missing: Infinity }).values)).toEqual([-0.5]);
  });
});
