import https from 'node:https';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { formatAdmissionMessage, validateSeldonDeployment } from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../../config.js';
import { OperatorError, isConflict } from '../../errors.js';
import type { KubeClient, KubeObject } from '../kube/client.js';
import { RT } from '../kube/resources.js';
import { issueCertificate } from './x509.js';

/** Validating admission webhook settings. */
export interface WebhookOptions {
  /** HTTPS port. Default 4443 (0 = any free port). */
  port?: number;
  /** Bind address. Default `0.0.0.0`. */
  host?: string;
  /** ValidatingWebhookConfiguration whose `caBundle` is kept in sync; none when undefined. */
  configurationName?: string;
  /** Certificate host names / IPs. Default `seldon-webhook-service.<ns>`, `.svc`, `.svc.cluster.local`. */
  hosts?: string[];
  /** Namespace of the certificate Secret. Default `config.operatorNamespace`. */
  secretNamespace?: string;
  /** Secret shared by all replicas holding the CA and serving certificate. Default `seldon-webhook-server-cert`. */
  secretName?: string;
  /** Use `tls.crt`/`tls.key` from this directory (cert-manager) instead of issuing certificates. */
  certDir?: string;
  /** Serving certificate lifetime. Default 1 year. */
  certValidityMs?: number;
  /** Renew the serving certificate when it expires within this time. Default 30 days. */
  rotateBeforeMs?: number;
  /** Interval between certificate checks. Default 1 hour. */
  checkIntervalMs?: number;
  /** Largest accepted AdmissionReview body. Default 4 MiB. */
  maxBodyBytes?: number;
}

export const WEBHOOK_PATH = '/validate-machinelearning-seldon-io-v1-seldondeployment';
const CA_VALIDITY_MS = 10 * 365 * 24 * 3600_000;

interface Secret extends KubeObject {
  data?: Record<string, string>;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const unb64 = (s: string | undefined) => (s ? Buffer.from(s, 'base64').toString('utf8') : '');

/**
 * The validating webhook for SeldonDeployments (06 §7) over HTTPS, with a self-managed certificate:
 * a CA and serving certificate kept in a Secret (so every replica serves the same one), renewed
 * before expiry, and the CA written into the webhook configuration's `caBundle`.
 */
export class WebhookServer {
  private server: https.Server | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** PEM of the serving certificate currently used. */
  certPem = '';
  caPem = '';
  /** Admission requests answered. */
  reviews = 0;

  constructor(
    private readonly client: KubeClient,
    private readonly options: WebhookOptions,
    private readonly getConfig: () => OperatorConfig,
  ) {}

  get port(): number | undefined {
    const a = this.server?.address();
    return a && typeof a === 'object' ? a.port : undefined;
  }

  private hosts(): string[] {
    const ns = this.getConfig().operatorNamespace;
    return (
      this.options.hosts ?? [
        `seldon-webhook-service.${ns}`,
        `seldon-webhook-service.${ns}.svc`,
        `seldon-webhook-service.${ns}.svc.cluster.local`,
      ]
    );
  }

  async start(): Promise<void> {
    const { cert, key } = await this.ensureCertificate();
    this.server = https.createServer({ cert, key, minVersion: 'TLSv1.2' }, (req, res) =>
      this.handle(req, res),
    );
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', (err) =>
        reject(new OperatorError('SC_ERR_OPERATOR_CONFIG', `webhook cannot listen: ${err.message}`)),
      );
      this.server!.listen(this.options.port ?? 4443, this.options.host ?? '0.0.0.0', () => resolve());
    });
    this.timer = setInterval(() => void this.refresh(), this.options.checkIntervalMs ?? 3600_000);
    this.timer.unref?.();
  }

  /** Re-checks the certificate; swaps the serving context when it changed. */
  async refresh(): Promise<void> {
    try {
      const { cert, key } = await this.ensureCertificate();
      this.server?.setSecureContext({ cert, key });
    } catch {
      // Retried at the next check; the current certificate stays in use.
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.server) {
      this.server.closeAllConnections?.();
      await new Promise<void>((r) => this.server!.close(() => r()));
    }
  }

  private needsRenewal(certPem: string): boolean {
    try {
      const x = new X509Certificate(certPem);
      const left = new Date(x.validTo).getTime() - Date.now();
      if (left < (this.options.rotateBeforeMs ?? 30 * 24 * 3600_000)) return true;
      const san = x.subjectAltName ?? '';
      return !this.hosts().every((h) => san.includes(h));
    } catch {
      return true;
    }
  }

  /** Loads, issues or renews the serving certificate and syncs the caBundle. */
  async ensureCertificate(): Promise<{ cert: string; key: string }> {
    if (this.options.certDir && existsSync(join(this.options.certDir, 'tls.crt'))) {
      const cert = readFileSync(join(this.options.certDir, 'tls.crt'), 'utf8');
      const key = readFileSync(join(this.options.certDir, 'tls.key'), 'utf8');
      const ca = existsSync(join(this.options.certDir, 'ca.crt'))
        ? readFileSync(join(this.options.certDir, 'ca.crt'), 'utf8')
        : '';
      this.certPem = cert;
      this.caPem = ca;
      if (ca) await this.syncCaBundle(ca);
      return { cert, key };
    }
    const ns = this.options.secretNamespace ?? this.getConfig().operatorNamespace;
    const name = this.options.secretName ?? 'seldon-webhook-server-cert';
    for (let attempt = 0; attempt < 5; attempt++) {
      const secret = await this.client.getOrUndefined<Secret>(RT.secret, ns, name);
      let caCert = unb64(secret?.data?.['ca.crt']);
      let caKey = unb64(secret?.data?.['ca.key']);
      let cert = unb64(secret?.data?.['tls.crt']);
      let key = unb64(secret?.data?.['tls.key']);
      if (cert && key && caCert && !this.needsRenewal(cert)) {
        this.certPem = cert;
        this.caPem = caCert;
        await this.syncCaBundle(caCert);
        return { cert, key };
      }
      try {
        const caValid =
          caCert &&
          caKey &&
          new Date(new X509Certificate(caCert).validTo).getTime() - Date.now() >
            2 * (this.options.certValidityMs ?? 365 * 24 * 3600_000);
        if (!caValid) {
          const ca = issueCertificate({
            commonName: 'seldon-webhook-ca',
            isCA: true,
            validityMs: CA_VALIDITY_MS,
          });
          caCert = ca.certPem;
          caKey = ca.keyPem;
        }
        const leaf = issueCertificate({
          commonName: this.hosts()[0] ?? 'seldon-webhook-service',
          hosts: this.hosts(),
          validityMs: this.options.certValidityMs ?? 365 * 24 * 3600_000,
          issuer: { certCommonName: 'seldon-webhook-ca', key: createPrivateKey(caKey) },
        });
        cert = leaf.certPem;
        key = leaf.keyPem;
      } catch (err) {
        throw new OperatorError(
          'SC_ERR_OPERATOR_CERTIFICATE',
          `cannot issue the webhook certificate: ${(err as Error).message}`,
          { cause: err },
        );
      }
      const data = { 'ca.crt': b64(caCert), 'ca.key': b64(caKey), 'tls.crt': b64(cert), 'tls.key': b64(key) };
      try {
        if (secret) await this.client.replace(RT.secret, { ...secret, type: 'kubernetes.io/tls', data });
        else
          await this.client.create(RT.secret, {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name, namespace: ns },
            type: 'kubernetes.io/tls',
            data,
          });
      } catch (err) {
        // Another replica wrote it first: use theirs.
        if (isConflict(err) || (err as OperatorError).apiStatus === 409) continue;
        throw new OperatorError(
          'SC_ERR_OPERATOR_CERTIFICATE',
          `cannot store the webhook certificate in Secret ${ns}/${name}: ${(err as Error).message}`,
          { cause: err },
        );
      }
      this.certPem = cert;
      this.caPem = caCert;
      await this.syncCaBundle(caCert);
      return { cert, key };
    }
    throw new OperatorError(
      'SC_ERR_OPERATOR_CERTIFICATE',
      `Secret ${ns}/${name} kept changing while the certificate was written`,
    );
  }

  private async syncCaBundle(caPem: string): Promise<void> {
    const name = this.options.configurationName;
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

  private handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = (req.url ?? '').split('?')[0];
    if (url === '/healthz' || url === '/readyz') return reply(200, { status: 'ok' });
    if (req.method !== 'POST' || !url.startsWith('/validate-machinelearning-seldon-io-')) {
      return reply(404, {
        code: 'SC_ERR_OPERATOR_BAD_ADMISSION_REVIEW',
        message: `no webhook at ${req.method} ${url}`,
      });
    }
    const max = this.options.maxBodyBytes ?? 4 * 1024 * 1024;
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (tooLarge)
        return reply(413, {
          code: 'SC_ERR_OPERATOR_BAD_ADMISSION_REVIEW',
          message: `AdmissionReview larger than ${max} bytes`,
        });
      let review: {
        apiVersion?: string;
        kind?: string;
        request?: { uid?: string; operation?: string; object?: unknown; name?: string };
      };
      try {
        review = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        return reply(400, {
          code: 'SC_ERR_OPERATOR_BAD_ADMISSION_REVIEW',
          message: `body is not JSON: ${(err as Error).message}`,
        });
      }
      if (review?.kind !== 'AdmissionReview' || !review.request || typeof review.request.uid !== 'string') {
        return reply(400, {
          code: 'SC_ERR_OPERATOR_BAD_ADMISSION_REVIEW',
          message: 'expected an AdmissionReview with request.uid',
        });
      }
      this.reviews++;
      const apiVersion =
        review.apiVersion === 'admission.k8s.io/v1beta1' ? 'admission.k8s.io/v1beta1' : 'admission.k8s.io/v1';
      const { uid, operation, object } = review.request;
      let response: Record<string, unknown> = { uid, allowed: true };
      if (operation !== 'DELETE' && object) {
        const result = validateSeldonDeployment(object, {
          predictorServers: this.getConfig().seldonConfig.predictorServers,
        });
        if (!result.valid) {
          const name =
            (object as { metadata?: { name?: string } }).metadata?.name ?? review.request.name ?? '';
          response = {
            uid,
            allowed: false,
            status: {
              status: 'Failure',
              code: 422,
              reason: 'Invalid',
              message: formatAdmissionMessage(name, result.errors),
            },
          };
        }
      }
      reply(200, { apiVersion, kind: 'AdmissionReview', response });
    });
    req.on('error', () => res.destroy());
  }
}
