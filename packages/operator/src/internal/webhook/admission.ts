// The validating admission webhook's HTTP handler (06 §7): an AdmissionReview (v1 or v1beta1) in,
// the SeldonDeployment validation of @seldon-ts/crd-types as the answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatAdmissionMessage, validateSeldonDeployment } from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../../config.js';

export const WEBHOOK_PATH = '/validate-machinelearning-seldon-io-v1-seldondeployment';
/** Every served version's webhook path starts with this (v1, v1alpha2, v1alpha3). */
const WEBHOOK_PATH_PREFIX = '/validate-machinelearning-seldon-io-';
const BAD_REVIEW = 'SC_ERR_OPERATOR_BAD_ADMISSION_REVIEW';

interface AdmissionReview {
  apiVersion?: string;
  kind?: string;
  request?: { uid?: string; operation?: string; object?: unknown; name?: string };
}

/** An HTTP status and JSON body. */
interface Reply {
  status: number;
  body: unknown;
}

/** The AdmissionReview answer: allowed, or refused with the validation errors (422 Invalid). */
export function review(raw: AdmissionReview, config: OperatorConfig): Reply {
  if (raw?.kind !== 'AdmissionReview' || !raw.request || typeof raw.request.uid !== 'string')
    return {
      status: 400,
      body: { code: BAD_REVIEW, message: 'expected an AdmissionReview with request.uid' },
    };
  const apiVersion =
    raw.apiVersion === 'admission.k8s.io/v1beta1' ? 'admission.k8s.io/v1beta1' : 'admission.k8s.io/v1';
  const { uid, operation, object } = raw.request;
  let response: Record<string, unknown> = { uid, allowed: true };
  if (operation !== 'DELETE' && object) {
    const result = validateSeldonDeployment(object, {
      predictorServers: config.seldonConfig.predictorServers,
    });
    if (!result.valid) {
      const name = (object as { metadata?: { name?: string } }).metadata?.name ?? raw.request.name ?? '';
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
  return { status: 200, body: { apiVersion, kind: 'AdmissionReview', response } };
}

/** The body, up to `maxBytes` (undefined when larger). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxBytes) chunks.push(c);
    });
    req.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Answers the HTTP request of an API server: health, admission reviews, or an error with a stable code. */
export async function handleWebhookRequest(
  req: IncomingMessage,
  maxBodyBytes: number,
  config: () => OperatorConfig,
  onReview: () => void,
): Promise<Reply> {
  const url = (req.url ?? '').split('?')[0];
  if (url === '/healthz' || url === '/readyz') return { status: 200, body: { status: 'ok' } };
  if (req.method !== 'POST' || !url.startsWith(WEBHOOK_PATH_PREFIX)) {
    req.resume();
    return { status: 404, body: { code: BAD_REVIEW, message: `no webhook at ${req.method} ${url}` } };
  }
  const body = await readBody(req, maxBodyBytes);
  if (!body)
    return {
      status: 413,
      body: { code: BAD_REVIEW, message: `AdmissionReview larger than ${maxBodyBytes} bytes` },
    };
  let raw: AdmissionReview;
  try {
    raw = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return {
      status: 400,
      body: { code: BAD_REVIEW, message: `body is not JSON: ${(err as Error).message}` },
    };
  }
  const reply = review(raw, config());
  if (reply.status === 200) onReview();
  return reply;
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(reply.body));
}
