// What the reconciler reads from the cluster before building objects, so that `desiredState` stays a
// pure function of the SeldonDeployment, the configuration and these facts.

/** A Secret listed by a ServiceAccount, as the storage initializer needs it (no secret values). */
export interface CredentialSecret {
  name: string;
  /** Keys of `data`. */
  keys: string[];
  annotations: Record<string, string>;
}

/** Facts read from the cluster before building objects (keeps `desiredState` pure). */
export interface ClusterFacts {
  /** Secrets of each ServiceAccount, by ServiceAccount name. */
  serviceAccountSecrets?: Record<string, CredentialSecret[]>;
}
