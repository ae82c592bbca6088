/** Predictor annotation: run the single node without an executor. */
export const ANNOTATION_NO_ENGINE = 'seldon.io/no-engine';
/** Predictor annotation: name of the predictor Service (must be unique in the deployment). */
export const ANNOTATION_SVC_NAME = 'seldon.io/svc-name';
/** Spec annotation: run the executor in its own Deployment. */
export const ANNOTATION_SEPARATE_ENGINE = 'seldon.io/engine-separate-pod';
