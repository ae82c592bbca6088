// Public surface of the seldon-operator app: argument parsing and the process runner.
export { parseOperatorArgs, runOperator, OPERATOR_USAGE } from './main.js';
export type { OperatorCliOptions, RunningOperator } from './main.js';
