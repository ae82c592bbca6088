import { describe, it, expect, afterAll } from '@jest/globals';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadModel } from '../src/index.js';
import { entries, removeTempDirs, tempDir, tree } from './support/fs.js';

afterAll(() => removeTempDirs());

/** A manifest folder with models/iris next to it. */
function project(): string {
  const root = tempDir();
  mkdirSync(join(root, 'models/iris/sub'), { recursive: true });
  writeFileSync(join(root, 'models/iris/model.onnx'), 'onnx');
  writeFileSync(join(root, 'models/iris/sub/labels.txt'), 'a\nb\n');
  return root;
}

describe('file:// and paths', () => {
  it('resolves file://./models/iris and a plain relative path against baseDir (seldon-engine run)', async () => {
    const root = project();
    for (const uri of ['file://./models/iris', 'models/iris']) {
      const dest = join(tempDir(), 'out');
      const result = await downloadModel(uri, dest, { baseDir: root });
      expect(tree(dest)).toEqual({ 'model.onnx': 'onnx', 'sub/labels.txt': 'a\nb\n' });
      expect(result).toMatchObject({ files: 2, bytes: 8 });
    }
  });

  it('copies an absolute path and a single file (as <destination>/<name>)', async () => {
    const root = project();
    const a = tempDir();
    await downloadModel(`file://${root}/models/iris`, a);
    expect(Object.keys(tree(a))).toEqual(['model.onnx', 'sub/labels.txt']);
    const b = tempDir();
    await downloadModel(join(root, 'models/iris/model.onnx'), b);
    expect(tree(b)).toEqual({ 'model.onnx': 'onnx' });
  });

  it('follows symbolic links (ConfigMap/PVC mounts) and stops at a link cycle', async () => {
    const root = project();
    symlinkSync(join(root, 'models/iris/model.onnx'), join(root, 'models/iris/link.onnx'));
    symlinkSync(join(root, 'models/iris'), join(root, 'models/iris/sub/loop'));
    const dest = tempDir();
    await downloadModel(join(root, 'models/iris'), dest);
    expect(tree(dest)).toEqual({ 'link.onnx': 'onnx', 'model.onnx': 'onnx', 'sub/labels.txt': 'a\nb\n' });
  });

  it('gives NOT_FOUND for a missing path and DESTINATION for a destination that is a file', async () => {
    const root = project();
    const parent = tempDir();
    await expect(
      downloadModel('file://./models/nope', join(parent, 'm'), { baseDir: root }),
    ).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_NOT_FOUND',
      message: `local path ${join(root, 'models/nope')} does not exist`,
    });
    writeFileSync(join(parent, 'file'), 'x');
    await expect(downloadModel(join(root, 'models/iris'), join(parent, 'file'))).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_DESTINATION',
      message: expect.stringContaining('is not a directory'),
    });
    expect(entries(parent)).toEqual(['file']);
  });

  it('enforces maxFiles and maxTotalBytes, leaving nothing', async () => {
    const root = project();
    const parent = tempDir();
    await expect(
      downloadModel(join(root, 'models/iris'), join(parent, 'm'), { maxFiles: 1 }),
    ).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_TOO_LARGE',
    });
    await expect(
      downloadModel(join(root, 'models/iris'), join(parent, 'm'), { maxTotalBytes: 5 }),
    ).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_TOO_LARGE',
    });
    expect(entries(parent)).toEqual([]);
  });

  it('refuses a destination inside the source', async () => {
    const root = project();
    await expect(downloadModel(join(root, 'models'), join(root, 'models/iris/out'))).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_BAD_OPTION',
    });
    expect(entries(join(root, 'models/iris'))).toEqual(['model.onnx', 'sub']);
  });
});
