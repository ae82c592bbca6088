// Kafka client security from the environment, shared by the engine and `seldon-engine kafka-proxy`.
import type { KafkaSecurity } from './types.js';
import type { Env } from './source.js';
import { invalid } from './values.js';

const SECURITY_PROTOCOLS = ['SSL', 'SASL_SSL', 'SASL_PLAINTEXT', 'PLAINTEXT'];

/** Kafka security settings from KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_*, KAFKA_SASL_* (also used by `kafka-proxy`). */
export function kafkaSecurityFromEnv(env: Env, readFile: (p: string) => string): KafkaSecurity {
  const protocol = (env.KAFKA_SECURITY_PROTOCOL ?? '').toUpperCase();
  const sec: KafkaSecurity = {};
  if (!protocol) return sec;
  if (!SECURITY_PROTOCOLS.includes(protocol)) {
    throw invalid(
      `KAFKA_SECURITY_PROTOCOL must be PLAINTEXT, SSL, SASL_SSL or SASL_PLAINTEXT, got "${env.KAFKA_SECURITY_PROTOCOL}"`,
    );
  }
  sec.protocol = protocol as KafkaSecurity['protocol'];
  if (protocol === 'SSL' || protocol === 'SASL_SSL') Object.assign(sec, tlsFromEnv(env, readFile));
  if (protocol === 'SASL_SSL' || protocol === 'SASL_PLAINTEXT') Object.assign(sec, saslFromEnv(env));
  return sec;
}

/** The CA, client certificate and key, each given inline or as a file. */
function tlsFromEnv(env: Env, readFile: (p: string) => string): KafkaSecurity {
  const fromFile = (p: string | undefined, what: string) => {
    if (!p) return undefined;
    try {
      return readFile(p);
    } catch (err) {
      throw invalid(`${what} ${p} cannot be read: ${(err as Error).message}`);
    }
  };
  return {
    caPem: env.KAFKA_SSL_CA_CERT || fromFile(env.KAFKA_SSL_CA_CERT_FILE, 'KAFKA_SSL_CA_CERT_FILE'),
    certPem:
      env.KAFKA_SSL_CLIENT_CERT || fromFile(env.KAFKA_SSL_CLIENT_CERT_FILE, 'KAFKA_SSL_CLIENT_CERT_FILE'),
    keyPem: env.KAFKA_SSL_CLIENT_KEY || fromFile(env.KAFKA_SSL_CLIENT_KEY_FILE, 'KAFKA_SSL_CLIENT_KEY_FILE'),
    keyPassword: env.KAFKA_SSL_CLIENT_KEY_PASS || undefined,
  };
}

/** SASL mechanism (default PLAIN) and credentials. */
function saslFromEnv(env: Env): KafkaSecurity {
  return {
    saslMechanism: env.KAFKA_SASL_MECHANISM || 'PLAIN',
    saslUsername: env.KAFKA_SASL_USERNAME || undefined,
    saslPassword: env.KAFKA_SASL_PASSWORD || undefined,
  };
}
