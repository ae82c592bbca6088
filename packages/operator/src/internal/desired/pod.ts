// Pod-level pieces shared by the component, svc-orch and explainer pods.
import type { PodSpec } from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../../config.js';
import { setEnvIfAbsent } from './container.js';
import { PODINFO_VOLUME } from './defaulting.js';

const CERT_VOLUME = 'seldon-cert-volume';

/** A TCP probe with the reference's timing (period 5 s, timeout 1 s). */
export function tcpProbe(port: number | string, initialDelaySeconds: number, failureThreshold = 3) {
  return {
    tcpSocket: { port },
    initialDelaySeconds,
    periodSeconds: 5,
    successThreshold: 1,
    failureThreshold,
    timeoutSeconds: 1,
  };
}

/** Pod-level defaults of 07 §3.1 (non-root user, podinfo volume, grace period). */
export function finishPod(pod: PodSpec, config: OperatorConfig): void {
  if (!pod.securityContext && config.defaultUserId !== undefined)
    pod.securityContext = { runAsUser: config.defaultUserId, runAsNonRoot: true };
  pod.restartPolicy ||= 'Always';
  pod.dnsPolicy ||= 'ClusterFirst';
  pod.schedulerName ||= 'default-scheduler';
  pod.terminationGracePeriodSeconds ??= 20;
  const volumes = (pod.volumes ??= []);
  if (!volumes.some((v) => v.name === PODINFO_VOLUME)) {
    volumes.push({
      name: PODINFO_VOLUME,
      downwardAPI: {
        items: [{ path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } }],
        defaultMode: 0o644,
      },
    });
  }
}

/** The predictor's TLS Secret (`ssl.certSecretName`), mounted into every container of the pod. */
export function mountCert(pod: PodSpec, secretName: string, config: OperatorConfig): void {
  const volumes = (pod.volumes ??= []);
  if (!volumes.some((v) => v.name === CERT_VOLUME))
    volumes.push({ name: CERT_VOLUME, secret: { secretName } });
  for (const c of pod.containers ?? []) {
    const mounts = (c.volumeMounts ??= []);
    if (!mounts.some((m) => m.name === CERT_VOLUME))
      mounts.push({ name: CERT_VOLUME, mountPath: config.certMountPath, readOnly: true });
    setEnvIfAbsent(c, 'SELDON_CERT_MOUNT_PATH', config.certMountPath);
  }
}
