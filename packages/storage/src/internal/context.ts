import type { ResolvedOptions } from '../options.js';
import type { Budget } from './budget.js';

/** What a source needs besides its URI: the options, the shared budget, and the staging folder. */
export interface SourceContext {
  readonly options: ResolvedOptions;
  readonly budget: Budget;
  /** The staging folder; every file is written below it. */
  readonly root: string;
}
