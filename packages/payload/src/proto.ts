// The generated protobufjs static code (see scripts/generate-proto.mjs), re-exported as one
// namespace for callers that need the raw classes.
import * as proto from '../generated/protos.js';

export { proto };
