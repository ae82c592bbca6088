// The field names of the Kubernetes objects a SeldonDeployment embeds (core/v1 PodSpec, Container
// and the parts users write most, metav1 ObjectMeta), as of Kubernetes 1.30. The CRD keeps these
// objects verbatim (x-kubernetes-preserve-unknown-fields), so only this list can tell a misspelled
// `imgae:` from a real field. Objects not listed here are not checked.

/** The known fields of one object kind, and the kinds of its object- or list-valued fields. */
export interface KubernetesShape {
  readonly fields: readonly string[];
  /** For an object field, its shape; for a list field, the shape of each item. */
  readonly nested?: Readonly<Record<string, KubernetesShape>>;
}

const envVar: KubernetesShape = { fields: ['name', 'value', 'valueFrom'] };
const containerPort: KubernetesShape = {
  fields: ['containerPort', 'hostIP', 'hostPort', 'name', 'protocol'],
};
const volumeMount: KubernetesShape = {
  fields: [
    'mountPath',
    'mountPropagation',
    'name',
    'readOnly',
    'recursiveReadOnly',
    'subPath',
    'subPathExpr',
  ],
};
const resources: KubernetesShape = { fields: ['claims', 'limits', 'requests'] };
const probe: KubernetesShape = {
  fields: [
    'exec',
    'failureThreshold',
    'grpc',
    'httpGet',
    'initialDelaySeconds',
    'periodSeconds',
    'successThreshold',
    'tcpSocket',
    'terminationGracePeriodSeconds',
    'timeoutSeconds',
  ],
};

export const CONTAINER_SHAPE: KubernetesShape = {
  fields: [
    'args',
    'command',
    'env',
    'envFrom',
    'image',
    'imagePullPolicy',
    'lifecycle',
    'livenessProbe',
    'name',
    'ports',
    'readinessProbe',
    'resizePolicy',
    'resources',
    'restartPolicy',
    'securityContext',
    'startupProbe',
    'stdin',
    'stdinOnce',
    'terminationMessagePath',
    'terminationMessagePolicy',
    'tty',
    'volumeDevices',
    'volumeMounts',
    'workingDir',
  ],
  nested: {
    env: envVar,
    ports: containerPort,
    volumeMounts: volumeMount,
    resources,
    livenessProbe: probe,
    readinessProbe: probe,
    startupProbe: probe,
  },
};

export const POD_SPEC_SHAPE: KubernetesShape = {
  fields: [
    'activeDeadlineSeconds',
    'affinity',
    'automountServiceAccountToken',
    'containers',
    'dnsConfig',
    'dnsPolicy',
    'enableServiceLinks',
    'ephemeralContainers',
    'hostAliases',
    'hostIPC',
    'hostNetwork',
    'hostPID',
    'hostUsers',
    'hostname',
    'imagePullSecrets',
    'initContainers',
    'nodeName',
    'nodeSelector',
    'os',
    'overhead',
    'preemptionPolicy',
    'priority',
    'priorityClassName',
    'readinessGates',
    'resourceClaims',
    'resources',
    'restartPolicy',
    'runtimeClassName',
    'schedulerName',
    'schedulingGates',
    'securityContext',
    'serviceAccount',
    'serviceAccountName',
    'setHostnameAsFQDN',
    'shareProcessNamespace',
    'subdomain',
    'terminationGracePeriodSeconds',
    'tolerations',
    'topologySpreadConstraints',
    'volumes',
  ],
  nested: { containers: CONTAINER_SHAPE, initContainers: CONTAINER_SHAPE, resources },
};

export const OBJECT_META_SHAPE: KubernetesShape = {
  fields: [
    'annotations',
    'creationTimestamp',
    'deletionGracePeriodSeconds',
    'deletionTimestamp',
    'finalizers',
    'generateName',
    'generation',
    'labels',
    'managedFields',
    'name',
    'namespace',
    'ownerReferences',
    'resourceVersion',
    'selfLink',
    'uid',
  ],
};

/** The shapes of the embedded objects, by the description the CRD schema gives them. */
export const EMBEDDED_SHAPES: Readonly<Record<string, KubernetesShape>> = {
  'core/v1 PodSpec': POD_SPEC_SHAPE,
  'core/v1 Container': CONTAINER_SHAPE,
  'core/v1 ResourceRequirements': resources,
};
