// Public surface of the seldon-operator app: argument parsing and the process runner.
export { parseOperatorArgs, OPERATOR_USAGE } from './args.js';
export type { OperatorCliOptions } from './args.js';
export { runOperator } from './run.js';
export type { RunningOperator } from './run.js';
