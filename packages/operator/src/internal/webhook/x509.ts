import { createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';

// A minimal DER writer: just what a self-signed CA and a TLS serving certificate need, so the
// operator can issue its webhook certificate without openssl or a dependency.

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag]), len(body.length), body]);
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const ctx = (n: number, body: Buffer, constructed = true) => tlv((constructed ? 0xa0 : 0x80) | n, body);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const octets = (b: Buffer) => tlv(0x04, b);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  let v = b.subarray(i);
  if (v[0] & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return tlv(0x02, v);
}
function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * parts[0] + parts[1]];
  for (const p of parts.slice(2)) {
    const stack: number[] = [p & 0x7f];
    let v = p >>> 7;
    while (v > 0) {
      stack.unshift((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}
function bitString(b: Buffer, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), b]));
}
function time(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, '0');
  const y = d.getUTCFullYear();
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return y < 2050
    ? tlv(0x17, Buffer.from(`${String(y).slice(2)}${rest}`))
    : tlv(0x18, Buffer.from(`${y}${rest}`));
}
const name = (cn: string) => seq(set(seq(oid('2.5.4.3'), utf8(cn))));
const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const ext = (id: string, critical: boolean, value: Buffer) =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  // IPv6: expand "::" then 8 groups of 16 bits.
  const [head, tail] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.from(groups.flatMap((g) => [(parseInt(g, 16) >> 8) & 0xff, parseInt(g, 16) & 0xff]));
}

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
  notAfter: Date;
}

export interface CertificateRequest {
  commonName: string;
  /** DNS names and IP addresses for subjectAltName. */
  hosts?: string[];
  isCA?: boolean;
  validityMs: number;
  /** Signer; self-signed when absent. */
  issuer?: { certCommonName: string; key: KeyObject };
  now?: Date;
}

/** Issues an ECDSA P-256 certificate (X.509 v3) signed with ECDSA-SHA256. */
export function issueCertificate(req: CertificateRequest): IssuedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const now = req.now ?? new Date();
  const notBefore = new Date(now.getTime() - 5 * 60_000);
  const notAfter = new Date(now.getTime() + req.validityMs);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const extensions: Buffer[] = [];
  if (req.isCA) {
    extensions.push(ext('2.5.29.19', true, seq(bool(true))));
    // digitalSignature(0) | keyCertSign(5) | cRLSign(6) = 1000 0110, one unused bit.
    extensions.push(ext('2.5.29.15', true, bitString(Buffer.from([0x86]), 1)));
  } else {
    extensions.push(ext('2.5.29.19', true, seq()));
    // digitalSignature(0) | keyEncipherment(2) = 1010 0000, five unused bits.
    extensions.push(ext('2.5.29.15', true, bitString(Buffer.from([0xa0]), 5)));
    extensions.push(ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))));
  }
  const hosts = req.hosts ?? [];
  if (hosts.length > 0) {
    const names = hosts.map((h) =>
      isIP(h) ? ctx(7, ipBytes(h), false) : ctx(2, Buffer.from(h, 'ascii'), false),
    );
    extensions.push(ext('2.5.29.17', false, seq(...names)));
  }
  const tbs = seq(
    ctx(0, integer(Buffer.from([2]))),
    integer(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
    ECDSA_SHA256,
    name(req.issuer?.certCommonName ?? req.commonName),
    seq(time(notBefore), time(notAfter)),
    name(req.commonName),
    spki,
    ctx(3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, { key: req.issuer?.key ?? privateKey, dsaEncoding: 'der' });
  const der = seq(tbs, ECDSA_SHA256, bitString(signature));
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    notAfter,
  };
}

export { createPublicKey };
