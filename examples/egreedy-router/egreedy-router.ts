// Epsilon-greedy multi-armed bandit router (the classic Seldon example): sends most requests to
// the branch with the best observed success rate, explores another branch with probability
// epsilon, and learns from feedback rewards.
import type { ComponentInput, ComponentParameters, SeldonComponent } from '@seldon-ts/model-wrapper';
import { NdArray, SeldonMicroserviceError } from '@seldon-ts/model-wrapper';

/** Small deterministic PRNG (mulberry32) so a `seed` parameter makes routing reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export default class EpsilonGreedy implements SeldonComponent {
  nBranches = 0;
  epsilon = 0.1;
  verbose = false;
  /** Successes and tries per branch. */
  successes: number[] = [];
  tries: number[] = [];
  bestBranch = 0;
  private random: () => number = Math.random;

  /** Parameters: `n_branches` (INT, required), `epsilon` (FLOAT, default 0.1), `verbose` (BOOL), `seed` (INT). */
  constructor(parameters: ComponentParameters = {}) {
    this.updateParameters(parameters);
  }

  /**
   * New parameters while serving (the SeldonDeployment changed): what was learned stays; branches
   * added start with no tries, branches removed are forgotten.
   */
  updateParameters(parameters: ComponentParameters): void {
    const n = Number(parameters.n_branches);
    if (!Number.isInteger(n) || n < 1)
      throw new Error('n_branches parameter must be given as an integer >= 1');
    const epsilon = Number(parameters.epsilon ?? 0.1);
    if (!(epsilon >= 0 && epsilon <= 1)) throw new Error('epsilon parameter must be between 0 and 1');
    this.nBranches = n;
    this.epsilon = epsilon;
    this.verbose = parameters.verbose === true;
    this.successes = Array.from({ length: n }, (_, b) => this.successes[b] ?? 0);
    this.tries = Array.from({ length: n }, (_, b) => this.tries[b] ?? 0);
    if (this.bestBranch >= n) this.bestBranch = 0;
    if (parameters.seed !== undefined) this.random = rng(Number(parameters.seed));
  }

  route(): number {
    if (this.nBranches === 1 || this.random() > this.epsilon) return this.bestBranch;
    // Explore: any branch but the best one.
    const other = Math.floor(this.random() * (this.nBranches - 1));
    const branch = other >= this.bestBranch ? other + 1 : other;
    if (this.verbose) console.error(`egreedy: exploring branch ${branch}`);
    return branch;
  }

  /** `reward` is the share of successful predictions in the request's rows. */
  sendFeedback(
    X: ComponentInput,
    _names: string[],
    reward: number,
    _truth: unknown,
    routing: number | undefined,
  ): void {
    if (routing === undefined || !Number.isInteger(routing) || routing < 0 || routing >= this.nBranches) {
      throw new SeldonMicroserviceError(
        `feedback needs the routing decision of this router (got ${String(routing)})`,
      );
    }
    const rows = X instanceof NdArray && X.ndim >= 1 && X.shape[0] > 0 ? X.shape[0] : 1;
    const successes = Math.round(reward * rows);
    this.successes[routing] += successes;
    this.tries[routing] += rows;
    let best = 0;
    let bestRate = -1;
    for (let b = 0; b < this.nBranches; b++) {
      const rate = this.tries[b] === 0 ? 0 : this.successes[b] / this.tries[b];
      if (rate > bestRate) {
        best = b;
        bestRate = rate;
      }
    }
    this.bestBranch = best;
    if (this.verbose) console.error(`egreedy: branch ${routing} +${successes}/${rows}, best branch ${best}`);
  }

  tags(): Record<string, number> {
    return { best_branch: this.bestBranch };
  }
}
