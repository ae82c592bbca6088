import { describe, it, expect } from '@jest/globals';
import { Cancellation } from '@seldon-ts/graph-executor';

describe('Cancellation', () => {
  it('runs each callback once, in order, and not after removal', () => {
    const c = new Cancellation();
    const seen: string[] = [];
    c.onAbort(() => seen.push('a'));
    const removeB = c.onAbort(() => seen.push('b'));
    c.onAbort((reason) => seen.push(`c:${String((reason as Error).message)}`));
    removeB();
    c.abort(new Error('stop'));
    c.abort(new Error('again'));
    expect(seen).toEqual(['a', 'c:stop']);
    expect(c.aborted).toBe(true);
    expect((c.reason as Error).message).toBe('stop');
  });

  it('calls a late callback at once with the reason', () => {
    const c = new Cancellation();
    c.abort('why');
    let got: unknown;
    c.onAbort((r) => (got = r));
    expect(got).toBe('why');
  });

  it('makes an AbortSignal only on demand, before or after the abort', () => {
    const before = new Cancellation();
    const signal = before.signal;
    expect(signal.aborted).toBe(false);
    before.abort('x');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('x');
    const after = new Cancellation();
    after.abort('y');
    expect(after.signal.aborted).toBe(true);
    expect(after.signal.reason).toBe('y');
  });

  it('a child aborts with its parent until unlinked', () => {
    const parent = new Cancellation();
    const linked = parent.child();
    const unlinked = parent.child();
    unlinked.unlink();
    parent.abort('p');
    expect(linked.cancellation.reason).toBe('p');
    expect(unlinked.cancellation.aborted).toBe(false);
  });
});
