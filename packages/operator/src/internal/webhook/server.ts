import https from 'node:https';
import type { OperatorConfig } from '../../config.js';
import { OperatorError } from '../../errors.js';
import type { KubeClient } from '../kube/client.js';
import { handleWebhookRequest, sendReply } from './admission.js';
import { WebhookCertificates, type CertificateSettings } from './certificates.js';

export { WEBHOOK_PATH } from './admission.js';

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

const DAY_MS = 24 * 3600_000;

/**
 * The validating webhook for SeldonDeployments (06 §7) over HTTPS, with a self-managed certificate:
 * a CA and serving certificate kept in a Secret (so every replica serves the same one), renewed
 * before expiry, and the CA written into the webhook configuration's `caBundle`.
 */
export class WebhookServer {
  private server: https.Server | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly certificates: WebhookCertificates;
  /** PEM of the serving certificate currently used. */
  certPem = '';
  caPem = '';
  /** Admission requests answered. */
  reviews = 0;

  constructor(
    client: KubeClient,
    private readonly options: WebhookOptions,
    private readonly getConfig: () => OperatorConfig,
  ) {
    this.certificates = new WebhookCertificates(client, () => this.certificateSettings());
  }

  get port(): number | undefined {
    const a = this.server?.address();
    return a && typeof a === 'object' ? a.port : undefined;
  }

  /** The options' certificate settings with their defaults. */
  private certificateSettings(): CertificateSettings {
    const ns = this.getConfig().operatorNamespace;
    return {
      hosts: this.options.hosts ?? [
        `seldon-webhook-service.${ns}`,
        `seldon-webhook-service.${ns}.svc`,
        `seldon-webhook-service.${ns}.svc.cluster.local`,
      ],
      secretNamespace: this.options.secretNamespace ?? ns,
      secretName: this.options.secretName ?? 'seldon-webhook-server-cert',
      certDir: this.options.certDir,
      certValidityMs: this.options.certValidityMs ?? 365 * DAY_MS,
      rotateBeforeMs: this.options.rotateBeforeMs ?? 30 * DAY_MS,
      configurationName: this.options.configurationName,
    };
  }

  async start(): Promise<void> {
    const { cert, key } = await this.ensureCertificate();
    const maxBodyBytes = this.options.maxBodyBytes ?? 4 * 1024 * 1024;
    this.server = https.createServer({ cert, key, minVersion: 'TLSv1.2' }, (req, res) => {
      handleWebhookRequest(req, maxBodyBytes, this.getConfig, () => this.reviews++).then(
        (reply) => sendReply(res, reply),
        () => res.destroy(),
      );
    });
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

  /** Loads, issues or renews the serving certificate and syncs the caBundle. */
  async ensureCertificate(): Promise<{ cert: string; key: string }> {
    const { cert, key, ca } = await this.certificates.ensure();
    this.certPem = cert;
    this.caPem = ca;
    return { cert, key };
  }
}
