// The model-wrapper identity model as a module for `seldon-microservice`: the baseline of the
// benchmarks that start servers with their command line (the wrapper's cost without model work).
export default { predict: (X) => X };
