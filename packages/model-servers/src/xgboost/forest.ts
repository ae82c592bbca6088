// Tree ensembles flattened into typed arrays at load time, and the batch kernel that walks them.
// Split values and leaf values are float32 and features are compared as float32, as XGBoost does,
// so answers match the reference bit for bit up to the final transform.
import { ModelServerError } from '../errors.js';
import { badModel, countParam, numbersField, objectField, type ModelObject } from './json-fields.js';

const DEFAULT_LEFT = 1;
const CATEGORICAL = 2;

/** All trees of a gbtree/dart booster in one set of typed arrays (node indices are global). */
export interface Forest {
  /**
   * Per node: its left child's global index, -1 for a leaf. Nodes are laid out breadth-first
   * so that the right child always follows the left one (`child + 1`).
   */
  readonly child: Int32Array;
  /** Per node: the feature index a split reads. */
  readonly feature: Int32Array;
  /** Per node: split threshold (`x < value` goes left), or the leaf value. */
  readonly value: Float32Array;
  /** Per node: bit 1 default-left for missing values, bit 2 categorical split. */
  readonly flags: Uint8Array;
  /** Per categorical node: first word of its category bitset in `catBits`, else -1. */
  readonly catOffset: Int32Array;
  /** Per categorical node: number of words of its bitset. */
  readonly catWords: Int32Array;
  /** Category bitsets: category c of a node is in its set when bit c is set. */
  readonly catBits: Uint32Array;
  /** Per tree: its root's global node index. */
  readonly roots: Int32Array;
  /** Per tree: its output group (class), from `tree_info`. */
  readonly groups: Int32Array;
  /** Per tree: its weight (dart's `weight_drop`), or null when every weight is 1. */
  readonly weights: Float32Array | null;
  /** True when some split is categorical. */
  readonly hasCategorical: boolean;
}

interface TreeArrays {
  n: number;
  left: ArrayLike<number>;
  right: ArrayLike<number>;
  feature: ArrayLike<number>;
  cond: ArrayLike<number>;
  defaultLeft: ArrayLike<number>;
  splitType: ArrayLike<number> | undefined;
  cats: Map<number, number[]>;
}

function readCategories(tree: ModelObject, path: string): Map<number, number[]> {
  const cats = new Map<number, number[]>();
  if (tree.categories_nodes === undefined) return cats;
  const nodes = numbersField(tree, 'categories_nodes', path);
  const segments = numbersField(tree, 'categories_segments', path, nodes.length);
  const sizes = numbersField(tree, 'categories_sizes', path, nodes.length);
  const values = numbersField(tree, 'categories', path);
  for (let i = 0; i < nodes.length; i++) {
    const start = segments[i];
    const end = start + sizes[i];
    if (!(start >= 0 && end <= values.length))
      badModel(`${path}.categories_segments[${i}]`, `segment [${start}, ${end}) outside categories`);
    const list: number[] = [];
    for (let j = start; j < end; j++) {
      const c = values[j];
      if (!Number.isInteger(c) || c < 0 || c >= 1 << 24)
        badModel(`${path}.categories[${j}]`, `invalid category ${c}`);
      list.push(c);
    }
    cats.set(nodes[i], list);
  }
  return cats;
}

function readTree(tree: ModelObject, path: string, numFeature: number): TreeArrays {
  const param = objectField(tree, 'tree_param', path);
  const n = countParam(param, 'num_nodes', `${path}.tree_param`);
  if (n === 0) badModel(`${path}.tree_param.num_nodes`, 'a tree needs at least one node');
  const leafVector = countParam(param, 'size_leaf_vector', `${path}.tree_param`, 0);
  if (leafVector > 1)
    throw new ModelServerError(
      'SC_ERR_XGBOOST_UNSUPPORTED',
      `${path}: vector-leaf trees (multi_strategy="multi_output_tree", size_leaf_vector ${leafVector}) are not supported`,
    );
  const t: TreeArrays = {
    n,
    left: numbersField(tree, 'left_children', path, n),
    right: numbersField(tree, 'right_children', path, n),
    feature: numbersField(tree, 'split_indices', path, n),
    cond: numbersField(tree, 'split_conditions', path, n),
    defaultLeft: numbersField(tree, 'default_left', path, n),
    splitType: tree.split_type === undefined ? undefined : numbersField(tree, 'split_type', path, n),
    cats: readCategories(tree, path),
  };
  for (let i = 0; i < n; i++) {
    const l = t.left[i];
    if (l === -1) continue;
    const r = t.right[i];
    // XGBoost allocates children after their parent, so requiring it rules out cycles.
    if (!(Number.isInteger(l) && l > i && l < n && Number.isInteger(r) && r > i && r < n))
      badModel(
        `${path}.left_children[${i}]`,
        `children ${l}, ${r} are not nodes after ${i} in a ${n}-node tree`,
      );
    const f = t.feature[i];
    if (!(Number.isInteger(f) && f >= 0 && f < numFeature))
      badModel(`${path}.split_indices[${i}]`, `feature ${f} outside the model's ${numFeature} features`);
    if (t.splitType !== undefined && t.splitType[i] === 1 && !t.cats.has(i))
      badModel(`${path}.split_type[${i}]`, 'a categorical split without categories');
  }
  return t;
}

function bitsetWords(categories: readonly number[]): number {
  let max = -1;
  for (const c of categories) if (c > max) max = c;
  return (max >>> 5) + 1;
}

/**
 * Flattens the `trees` of a gbtree model (`gradient_booster.model`) into a {@link Forest}.
 * `weights` are dart's per-tree `weight_drop`.
 */
export function flattenForest(
  model: ModelObject,
  path: string,
  numFeature: number,
  numGroups: number,
  weights: ArrayLike<number> | null,
): Forest {
  const trees = model.trees;
  if (!Array.isArray(trees)) badModel(`${path}.trees`, 'expected a list of trees');
  const info = numbersField(model, 'tree_info', path, trees.length);
  const parsed = trees.map((tree: unknown, i) => {
    if (typeof tree !== 'object' || tree === null) badModel(`${path}.trees[${i}]`, 'expected an object');
    return readTree(tree as ModelObject, `${path}.trees[${i}]`, numFeature);
  });
  let total = 0;
  let words = 0;
  for (const t of parsed) {
    total += t.n;
    for (const list of t.cats.values()) words += bitsetWords(list);
  }
  const f: Forest = {
    child: new Int32Array(total),
    feature: new Int32Array(total),
    value: new Float32Array(total),
    flags: new Uint8Array(total),
    catOffset: new Int32Array(total).fill(-1),
    catWords: new Int32Array(total),
    catBits: new Uint32Array(words),
    roots: new Int32Array(parsed.length),
    groups: new Int32Array(parsed.length),
    weights: weights === null ? null : Float32Array.from(weights),
    hasCategorical: words > 0,
  };
  let base = 0;
  let word = 0;
  parsed.forEach((t, ti) => {
    const g = info[ti];
    if (!(Number.isInteger(g) && g >= 0 && g < numGroups))
      badModel(`${path}.tree_info[${ti}]`, `group ${g} outside the model's ${numGroups} output groups`);
    f.roots[ti] = base;
    f.groups[ti] = g;
    // Breadth-first: order[k] is the source node placed at base + k; children go in pairs.
    const order = [0];
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const at = base + k;
      f.value[at] = t.cond[i];
      if (t.left[i] === -1) {
        f.child[at] = -1;
        continue;
      }
      f.child[at] = base + order.length;
      order.push(t.left[i], t.right[i]);
      if (order.length > t.n) badModel(`${path}.trees[${ti}]`, 'a node is the child of two nodes');
      f.feature[at] = t.feature[i];
      f.flags[at] = t.defaultLeft[i] ? DEFAULT_LEFT : 0;
      const cats = t.splitType?.[i] === 1 ? t.cats.get(i) : undefined;
      if (cats !== undefined) {
        f.flags[at] |= CATEGORICAL;
        const w = bitsetWords(cats);
        f.catOffset[at] = word;
        f.catWords[at] = w;
        for (const c of cats) f.catBits[word + (c >>> 5)] |= 1 << (c & 31);
        word += w;
      }
    }
    base += order.length;
  });
  return f;
}

/**
 * Adds every tree's leaf value to `margins` (`nRows × nGroups`, row-major, already holding the
 * base margin) for the float32 rows `x` (`nRows × nFeatures`, NaN = missing).
 * Sums are float32 and in tree order, as XGBoost's CPU predictor accumulates them.
 */
export function accumulateForest(
  f: Forest,
  x: Float32Array,
  nRows: number,
  nFeatures: number,
  margins: Float32Array,
  nGroups: number,
): void {
  const { child, feature, value, flags, roots, groups, weights } = f;
  const nTrees = roots.length;
  for (let t = 0; t < nTrees; t++) {
    const root = roots[t];
    const g = groups[t];
    const w = weights === null ? 1 : weights[t];
    for (let r = 0, xo = 0; r < nRows; r++, xo += nFeatures) {
      let n = root;
      let c: number;
      if (f.hasCategorical) {
        while ((c = child[n]) !== -1) n = c + nextOffset(f, n, x[xo + feature[n]]);
      } else {
        // `v < split` is false for NaN, which then takes the node's default side.
        while ((c = child[n]) !== -1) {
          const v = x[xo + feature[n]];
          n = c + (v < value[n] ? 0 : v === v ? 1 : (flags[n] & DEFAULT_LEFT) ^ 1);
        }
      }
      // Float32Array stores round to float32: the same sum as XGBoost's float `+=`.
      margins[r * nGroups + g] += w === 1 ? value[n] : Math.fround(value[n] * w);
    }
  }
}

/** 0 for the left child, 1 for the right one, categorical splits included. */
function nextOffset(f: Forest, n: number, v: number): number {
  const fl = f.flags[n];
  if (v !== v) return (fl & DEFAULT_LEFT) ^ 1;
  if (fl & CATEGORICAL) return categoryGoesRight(f, n, v) ? 1 : 0;
  return v < f.value[n] ? 0 : 1;
}

/**
 * XGBoost (1.6+) sends a category that is in the node's set to the right child; a category
 * outside it, negative or too large goes left.
 */
function categoryGoesRight(f: Forest, node: number, v: number): boolean {
  if (v < 0 || v >= 1 << 24) return false;
  const c = Math.trunc(v);
  const word = c >>> 5;
  if (word >= f.catWords[node]) return false;
  return ((f.catBits[f.catOffset[node] + word] >>> (c & 31)) & 1) === 1;
}
