// X.509 certificates for the webhook (a self-signed CA and a TLS serving certificate), issued with
// @peculiar/x509 over Node's WebCrypto: ECDSA P-256 keys, ECDSA-SHA256 signatures.
import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import type * as X509 from '@peculiar/x509';

let loaded: Promise<typeof X509> | undefined;

/**
 * The library, loaded on first use: an operator given its certificate by cert-manager (`certDir`) never
 * loads it (about 16 MiB). @peculiar/x509 2.x resolves its ASN.1 types through tsyringe, which needs
 * the Reflect metadata API: `reflect-metadata` provides it (a global, installed only then).
 */
function library(): Promise<typeof X509> {
  loaded ??= import('reflect-metadata').then(() => import('@peculiar/x509'));
  return loaded;
}

/** Certificates start this much before they are issued, for clocks that lag. */
const CLOCK_SKEW_MS = 5 * 60_000;
const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** Node's WebCrypto: passed to every call, so no global crypto provider is set. */
const crypto = webcrypto;

/** A certificate and its private key. */
export interface IssuedCertificate {
  /** PEM, one certificate. */
  certPem: string;
  /** PEM, PKCS#8. */
  keyPem: string;
  notAfter: Date;
}

export interface CertificateRequest {
  /** Subject `CN`. */
  commonName: string;
  /** DNS names and IP addresses for subjectAltName. */
  hosts?: string[];
  /** A CA (keyCertSign, cRLSign) instead of a TLS server certificate (serverAuth). */
  isCA?: boolean;
  validityMs: number;
  /** The signing CA: its certificate and private key (PEM); self-signed when absent. */
  issuer?: { certPem: string; keyPem: string };
  /** Default: now. `notBefore` is 5 minutes earlier (clock skew). */
  now?: Date;
}

/** Basic constraints, key usages and (for a server) the extended key usage and subjectAltName. */
function usageExtensions(x509: typeof X509, req: CertificateRequest): X509.Extension[] {
  const { KeyUsageFlags: K } = x509;
  if (req.isCA)
    return [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(K.digitalSignature | K.keyCertSign | K.cRLSign, true),
    ];
  const hosts = req.hosts ?? [];
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(K.digitalSignature | K.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
    ...(hosts.length > 0
      ? [
          new x509.SubjectAlternativeNameExtension(
            hosts.map((h) => ({ type: isIP(h) ? ('ip' as const) : ('dns' as const), value: h })),
            false,
          ),
        ]
      : []),
  ];
}

/** The issuer's name and signing key, or the new certificate's own for a self-signed one. */
async function signer(x509: typeof X509, req: CertificateRequest, keys: webcrypto.CryptoKeyPair) {
  if (!req.issuer) return { name: [{ CN: [req.commonName] }], key: keys.privateKey, cert: undefined };
  const cert = new x509.X509Certificate(req.issuer.certPem);
  const der = createPrivateKey(req.issuer.keyPem).export({ type: 'pkcs8', format: 'der' });
  const key = await crypto.subtle.importKey('pkcs8', der, EC_KEY, false, ['sign']);
  return { name: cert.subjectName, key, cert };
}

/** Issues an ECDSA P-256 certificate (X.509 v3) signed with ECDSA-SHA256. */
export async function issueCertificate(req: CertificateRequest): Promise<IssuedCertificate> {
  const x509 = await library();
  const keys = await crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const now = req.now ?? new Date();
  const notAfter = new Date(now.getTime() + req.validityMs);
  const issuer = await signer(x509, req, keys);
  const cert = await x509.X509CertificateGenerator.create(
    {
      // 16 bytes, positive (first byte 0x01), as RFC 5280 asks (at most 20 bytes, unique per CA).
      serialNumber: `01${randomBytes(15).toString('hex')}`,
      subject: [{ CN: [req.commonName] }],
      issuer: issuer.name,
      notBefore: new Date(now.getTime() - CLOCK_SKEW_MS),
      notAfter,
      signingAlgorithm: SIGNING,
      publicKey: keys.publicKey,
      signingKey: issuer.key,
      extensions: [
        ...usageExtensions(x509, req),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        ...(issuer.cert
          ? [await x509.AuthorityKeyIdentifierExtension.create(issuer.cert, false, crypto)]
          : []),
      ],
    },
    crypto,
  );
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    certPem: `${cert.toString('pem').trimEnd()}\n`,
    keyPem: `${x509.PemConverter.encode(pkcs8, 'PRIVATE KEY').trimEnd()}\n`,
    notAfter,
  };
}
