// The webhook's serving certificate: read from a directory (cert-manager), or issued by the operator
// itself and kept in a Secret shared by all replicas (CA + serving certificate, renewed before it
// expires), with the CA written into the ValidatingWebhookConfiguration's `caBundle`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { OperatorError, isConflict } from '../../errors.js';
import type { KubeClient, KubeObject } from '../kube/client.js';
import { RT } from '../kube/resources.js';
import { issueCertificate } from './x509.js';

const CA_COMMON_NAME = 'seldon-webhook-ca';
const CA_VALIDITY_MS = 10 * 365 * 24 * 3600_000;
/** Writers racing on the Secret: give up after this many conflicts. */
const STORE_ATTEMPTS = 5;

/** Where the certificate comes from and how long it lives (defaults resolved by the caller). */
export interface CertificateSettings {
  /** Certificate host names / IPs; the first is also the CN. */
  hosts: string[];
  secretNamespace: string;
  secretName: string;
  /** `tls.crt`/`tls.key`/`ca.crt` from this directory instead of issuing. */
  certDir?: string;
  certValidityMs: number;
  rotateBeforeMs: number;
  /** ValidatingWebhookConfiguration whose `caBundle` is kept in sync; none when undefined. */
  configurationName?: string;
}

/** The certificate to serve with, and the CA that signed it (empty when unknown). */
export interface ServingCertificate {
  cert: string;
  key: string;
  ca: string;
}

interface Secret extends KubeObject {
  data?: Record<string, string>;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const unb64 = (s: string | undefined) => (s ? Buffer.from(s, 'base64').toString('utf8') : '');

/** True when `certPem` expires within `rotateBeforeMs`, lacks one of `hosts`, or cannot be read. */
export function needsRenewal(certPem: string, hosts: string[], rotateBeforeMs: number): boolean {
  try {
    const x = new X509Certificate(certPem);
    const left = new Date(x.validTo).getTime() - Date.now();
    if (left < rotateBeforeMs) return true;
    const san = x.subjectAltName ?? '';
    return !hosts.every((h) => san.includes(h));
  } catch {
    return true;
  }
}

export class WebhookCertificates {
  constructor(
    private readonly client: KubeClient,
    private readonly settings: () => CertificateSettings,
  ) {}

  /** Loads, issues or renews the serving certificate and syncs the caBundle. */
  async ensure(): Promise<ServingCertificate> {
    const s = this.settings();
    const fromDir =
      s.certDir && existsSync(join(s.certDir, 'tls.crt')) ? readDirectory(s.certDir) : undefined;
    const served = fromDir ?? (await this.fromSecret(s));
    if (served.ca) await this.syncCaBundle(served.ca);
    return served;
  }

  /** The certificate in the Secret, renewed (and stored) when due; retried when another replica wins. */
  private async fromSecret(s: CertificateSettings): Promise<ServingCertificate> {
    for (let attempt = 0; attempt < STORE_ATTEMPTS; attempt++) {
      const secret = await this.client.getOrUndefined<Secret>(RT.secret, s.secretNamespace, s.secretName);
      const stored = {
        caCert: unb64(secret?.data?.['ca.crt']),
        caKey: unb64(secret?.data?.['ca.key']),
        cert: unb64(secret?.data?.['tls.crt']),
        key: unb64(secret?.data?.['tls.key']),
      };
      if (stored.cert && stored.key && stored.caCert && !needsRenewal(stored.cert, s.hosts, s.rotateBeforeMs))
        return { cert: stored.cert, key: stored.key, ca: stored.caCert };
      const issued = await this.issue(s, stored.caCert, stored.caKey);
      if (await this.store(s, secret, issued))
        return { cert: issued.cert, key: issued.key, ca: issued.caCert };
    }
    throw new OperatorError(
      'SC_ERR_OPERATOR_CERTIFICATE',
      `Secret ${s.secretNamespace}/${s.secretName} kept changing while the certificate was written`,
    );
  }

  /** A new serving certificate, signed by the stored CA while it outlives two certificate lifetimes, else by a new CA. */
  private async issue(s: CertificateSettings, caCert: string, caKey: string) {
    try {
      const caValid =
        caCert &&
        caKey &&
        new Date(new X509Certificate(caCert).validTo).getTime() - Date.now() > 2 * s.certValidityMs;
      if (!caValid) {
        const ca = await issueCertificate({
          commonName: CA_COMMON_NAME,
          isCA: true,
          validityMs: CA_VALIDITY_MS,
        });
        caCert = ca.certPem;
        caKey = ca.keyPem;
      }
      const leaf = await issueCertificate({
        commonName: s.hosts[0] ?? 'seldon-webhook-service',
        hosts: s.hosts,
        validityMs: s.certValidityMs,
        issuer: { certPem: caCert, keyPem: caKey },
      });
      return { caCert, caKey, cert: leaf.certPem, key: leaf.keyPem };
    } catch (err) {
      throw new OperatorError(
        'SC_ERR_OPERATOR_CERTIFICATE',
        `cannot issue the webhook certificate: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  /** Writes the Secret; false when another replica wrote it first (then theirs is used). */
  private async store(
    s: CertificateSettings,
    secret: Secret | undefined,
    issued: { caCert: string; caKey: string; cert: string; key: string },
  ): Promise<boolean> {
    const data = {
      'ca.crt': b64(issued.caCert),
      'ca.key': b64(issued.caKey),
      'tls.crt': b64(issued.cert),
      'tls.key': b64(issued.key),
    };
    try {
      if (secret) await this.client.replace(RT.secret, { ...secret, type: 'kubernetes.io/tls', data });
      else
        await this.client.create(RT.secret, {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: s.secretName, namespace: s.secretNamespace },
          type: 'kubernetes.io/tls',
          data,
        });
      return true;
    } catch (err) {
      if (isConflict(err) || (err as OperatorError).apiStatus === 409) return false;
      throw new OperatorError(
        'SC_ERR_OPERATOR_CERTIFICATE',
        `cannot store the webhook certificate in Secret ${s.secretNamespace}/${s.secretName}: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  /** Writes the CA into every webhook of the configuration (retried on conflicts). */
  private async syncCaBundle(caPem: string): Promise<void> {
    const name = this.settings().configurationName;
    if (!name) return;
    const vwc = await this.client.getOrUndefined<
      KubeObject & { webhooks?: { clientConfig?: { caBundle?: string } }[] }
    >(RT.validatingWebhookConfiguration, undefined, name);
    if (!vwc?.webhooks) return;
    const bundle = b64(caPem);
    if (vwc.webhooks.every((w) => w.clientConfig?.caBundle === bundle)) return;
    for (const w of vwc.webhooks) w.clientConfig = { ...(w.clientConfig ?? {}), caBundle: bundle };
    try {
      await this.client.replace(RT.validatingWebhookConfiguration, vwc);
    } catch (err) {
      if (!isConflict(err))
        throw new OperatorError(
          'SC_ERR_OPERATOR_CERTIFICATE',
          `cannot patch caBundle of ${name}: ${(err as Error).message}`,
          { cause: err },
        );
      await this.syncCaBundle(caPem);
    }
  }
}

/** cert-manager's layout: `tls.crt`, `tls.key` and (optionally) `ca.crt`. */
function readDirectory(dir: string): ServingCertificate {
  const caPath = join(dir, 'ca.crt');
  return {
    cert: readFileSync(join(dir, 'tls.crt'), 'utf8'),
    key: readFileSync(join(dir, 'tls.key'), 'utf8'),
    ca: existsSync(caPath) ? readFileSync(caPath, 'utf8') : '',
  };
}
