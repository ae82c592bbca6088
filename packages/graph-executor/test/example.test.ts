import { describe, it, expect } from '@jest/globals';
import { main } from '../examples/embedding.js';

describe('the embedding example of docs/graph-executor.md', () => {
  it('runs end to end', async () => {
    const lines: string[] = [];
    const response = await main((l) => lines.push(l));
    expect(response).toEqual({
      data: { names: ['proba'], ndarray: [[0.6]] },
      meta: { requestPath: { classifier: 'toy:1' }, routing: { scale: -1, classifier: -1 } },
    });
    expect(lines.filter((l) => l.startsWith('node '))).toHaveLength(3);
    expect(lines.some((l) => l.startsWith('response {"data"'))).toBe(true);
  });
});
