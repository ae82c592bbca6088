import { describe, it, expect } from '@jest/globals';
import { s3SettingsFromEnv } from '../src/index.js';

describe('s3SettingsFromEnv', () => {
  it('reads the KServe/operator variables: endpoint, region, keys, TLS verification', () => {
    const s = s3SettingsFromEnv('s3', {
      AWS_ACCESS_KEY_ID: 'id',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
      AWS_ENDPOINT_URL: 'https://minio.example:9000',
      AWS_REGION: 'eu-west-1',
      S3_VERIFY_SSL: '0',
    });
    expect(s).toEqual({
      endpoint: 'https://minio.example:9000',
      region: 'eu-west-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret', sessionToken: 'token' },
      anonymous: false,
      verifyTls: false,
      credentialSource: 'AWS_ACCESS_KEY_ID',
    });
  });

  it('builds the endpoint from S3_ENDPOINT with S3_USE_HTTPS=0 or USE_SSL=false', () => {
    expect(s3SettingsFromEnv('s3', { S3_ENDPOINT: 'minio:9000', S3_USE_HTTPS: '0' }).endpoint).toBe(
      'http://minio:9000',
    );
    expect(s3SettingsFromEnv('s3', { S3_ENDPOINT: 'minio:9000', USE_SSL: 'false' }).endpoint).toBe(
      'http://minio:9000',
    );
    expect(s3SettingsFromEnv('s3', { S3_ENDPOINT: 'minio:9000' }).endpoint).toBe('https://minio:9000');
    // AWS_ENDPOINT_URL wins over S3_ENDPOINT (the operator sets both from one annotation).
    expect(s3SettingsFromEnv('s3', { AWS_ENDPOINT_URL: 'http://a:1', S3_ENDPOINT: 'b:2' }).endpoint).toBe(
      'http://a:1',
    );
  });

  it('uses AWS defaults and the SDK default chain when nothing is set', () => {
    expect(s3SettingsFromEnv('s3', {})).toEqual({
      endpoint: undefined,
      region: 'us-east-1',
      forcePathStyle: false,
      credentials: undefined,
      anonymous: false,
      verifyTls: true,
      credentialSource: 'default chain',
    });
  });

  it('reads an rclone S3 remote (the reference default initializer secret format)', () => {
    const s = s3SettingsFromEnv('s3', {
      RCLONE_CONFIG_S3_TYPE: 's3',
      RCLONE_CONFIG_S3_PROVIDER: 'minio',
      RCLONE_CONFIG_S3_ENV_AUTH: 'false',
      RCLONE_CONFIG_S3_ACCESS_KEY_ID: 'minioadmin',
      RCLONE_CONFIG_S3_SECRET_ACCESS_KEY: 'minioadmin',
      RCLONE_CONFIG_S3_ENDPOINT: 'http://minio.minio-system.svc.cluster.local:9000',
      AWS_ACCESS_KEY_ID: 'ignored',
      AWS_SECRET_ACCESS_KEY: 'ignored',
    });
    expect(s.endpoint).toBe('http://minio.minio-system.svc.cluster.local:9000');
    expect(s.credentials).toEqual({ accessKeyId: 'minioadmin', secretAccessKey: 'minioadmin' });
    expect(s.forcePathStyle).toBe(true);
    expect(s.credentialSource).toBe('RCLONE_CONFIG_S3_ACCESS_KEY_ID');
  });

  it('rclone: env_auth takes the AWS variables; no keys without env_auth is anonymous', () => {
    const envAuth = s3SettingsFromEnv('s3', {
      RCLONE_CONFIG_S3_TYPE: 's3',
      RCLONE_CONFIG_S3_ENV_AUTH: 'true',
      AWS_ACCESS_KEY_ID: 'id',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    expect(envAuth.credentials).toEqual({ accessKeyId: 'id', secretAccessKey: 'secret' });
    const anonymous = s3SettingsFromEnv('gcsmirror', { RCLONE_CONFIG_GCSMIRROR_TYPE: 's3' });
    expect(anonymous.anonymous).toBe(true);
    expect(anonymous.credentials).toBeUndefined();
  });

  it('refuses rclone remotes that are not S3, and half a key pair', () => {
    expect(() => s3SettingsFromEnv('gs', { RCLONE_CONFIG_GS_TYPE: 'google cloud storage' })).toThrow(
      expect.objectContaining({ code: 'SC_ERR_STORAGE_UNSUPPORTED_SCHEME' }),
    );
    expect(() => s3SettingsFromEnv('s3', { AWS_ACCESS_KEY_ID: 'id' })).toThrow(
      'AWS_SECRET_ACCESS_KEY is not set but its pair is',
    );
  });

  it('lets options.s3 override the environment', () => {
    const s = s3SettingsFromEnv(
      's3',
      { AWS_ACCESS_KEY_ID: 'id', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL: 'http://a:1' },
      { endpoint: 'http://b:2', accessKeyId: 'x', secretAccessKey: 'y', forcePathStyle: false, region: 'r' },
    );
    expect(s).toMatchObject({
      endpoint: 'http://b:2',
      forcePathStyle: false,
      region: 'r',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      credentialSource: 'options.s3',
    });
  });
});
