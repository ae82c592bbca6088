// The traffic split of a deployment with several predictors, as `seldon-engine run`'s front door
// sees it: requests per predictor over the last minute (shadow copies under the shadow's name),
// next to the configured weights. The front door answers it at `/graph/split` for the page.
import { SecondRing } from './second-ring.js';
import { GRAPH_STATS_DEFAULTS } from './stats.js';

/** A predictor behind the front door. */
export interface SplitPredictor {
  name: string;
  /** Configured weight, percent. */
  traffic: number;
  shadow: boolean;
}

/** What `/graph/split` answers. */
export interface TrafficSplitSnapshot {
  windowSeconds: number;
  /** The predictor whose graph the page shows. */
  current: string;
  predictors: Array<SplitPredictor & { requests: number }>;
}

/** Counts requests per predictor in a ring of per-second rows (O(1) per request). */
export class TrafficSplit {
  readonly #ring: SecondRing;
  readonly #index = new Map<string, number>();

  readonly predictors: readonly SplitPredictor[];

  constructor(
    predictors: readonly SplitPredictor[],
    readonly windowSeconds: number = GRAPH_STATS_DEFAULTS.windowSeconds,
    readonly now: () => number = Date.now,
  ) {
    // Only what the page shows (the front door's backends also carry their ports).
    this.predictors = predictors.map(({ name, traffic, shadow }) => ({ name, traffic, shadow }));
    predictors.forEach((p, i) => this.#index.set(p.name, i));
    this.#ring = new SecondRing(windowSeconds, Math.max(1, predictors.length));
  }

  /** A request sent to predictor `name`. */
  count(name: string): void {
    const i = this.#index.get(name);
    if (i !== undefined) this.#ring.add(Math.floor(this.now() / 1000), i);
  }

  /** The predictor the page shows for `?predictor=` (undefined: unknown name); default the first live one. */
  pick(name: string | null): SplitPredictor | undefined {
    if (name === null || name === '') return this.predictors.find((p) => !p.shadow) ?? this.predictors[0];
    return this.predictors.find((p) => p.name === name);
  }

  snapshot(current: string): TrafficSplitSnapshot {
    const totals = this.#ring.totals(Math.floor(this.now() / 1000));
    return {
      windowSeconds: this.windowSeconds,
      current,
      predictors: this.predictors.map((p, i) => ({ ...p, requests: totals[i] })),
    };
  }
}
