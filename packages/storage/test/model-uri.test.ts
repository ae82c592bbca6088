import { describe, it, expect } from '@jest/globals';
import { parseModelUri } from '../src/index.js';

describe('parseModelUri', () => {
  it.each([
    ['s3://models/sklearn/iris', { scheme: 's3', remote: 's3', bucket: 'models', prefix: 'sklearn/iris' }],
    ['s3://models/sklearn/iris/', { scheme: 's3', remote: 's3', bucket: 'models', prefix: 'sklearn/iris' }],
    ['s3://models', { scheme: 's3', remote: 's3', bucket: 'models', prefix: '' }],
    ['s3:sklearn/iris', { scheme: 's3', remote: 's3', bucket: 'sklearn', prefix: 'iris' }],
    ['gs://seldon-models/sklearn/iris', { scheme: 'gs', bucket: 'seldon-models', prefix: 'sklearn/iris' }],
    ['pvc://my-claim/models/iris', { scheme: 'pvc', claimName: 'my-claim', path: 'models/iris' }],
    ['pvc://my-claim', { scheme: 'pvc', claimName: 'my-claim', path: '' }],
    ['file://./models/iris', { scheme: 'file', path: './models/iris' }],
    ['file:///mnt/pvc/iris', { scheme: 'file', path: '/mnt/pvc/iris' }],
    ['/mnt/pvc/iris', { scheme: 'file', path: '/mnt/pvc/iris' }],
    ['models/iris', { scheme: 'file', path: 'models/iris' }],
    ['./a:b', { scheme: 'file', path: './a:b' }],
    ['minio:models/iris', { scheme: 'remote', remote: 'minio', path: 'models/iris' }],
    ['minio://models/iris', { scheme: 'remote', remote: 'minio', path: 'models/iris' }],
    [
      'https://example.com/models/iris%20v1/model.joblib?sig=1',
      {
        scheme: 'https',
        url: 'https://example.com/models/iris%20v1/model.joblib?sig=1',
        fileName: 'model.joblib',
      },
    ],
    [
      'https://acct.blob.core.windows.net/container/path/to',
      { scheme: 'azure', account: 'acct', container: 'container', prefix: 'path/to' },
    ],
  ])('%s', (uri, expected) => {
    expect(parseModelUri(uri)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['s3://', 'no bucket name'],
    ['s3:///key', 'no bucket name'],
    ['https://example.com/models/', 'must end with a file name'],
    ['https://example.com/models/..', 'must end with a file name'],
    ['pvc://', 'expected pvc://<claim>/<path>'],
    ['file://', 'no path after file://'],
    ['minio:', 'nothing after "minio:"'],
  ])('refuses %j (%s)', (uri, why) => {
    expect(() => parseModelUri(uri)).toThrow(expect.objectContaining({ code: 'SC_ERR_STORAGE_BAD_URI' }));
    expect(() => parseModelUri(uri)).toThrow(why);
  });
});
