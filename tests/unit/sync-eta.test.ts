import { describe, it, expect } from 'vitest';
import { etaSeconds } from '../../renderer/sync/sync.store';

describe('time left of a sync phase', () => {
  const start = { phase: 'pull' as const, at: 0, done: 0 };
  it('extrapolates the average pace since the phase started', () => {
    // 10,000 of 500,000 rows in 20 s: 490,000 more at 500 rows/s
    expect(etaSeconds({ phase: 'pull', done: 10_000, total: 500_000 }, start, 20_000)).toBe(980);
    // a phase that was resumed counts only the rows since it started here
    expect(etaSeconds({ phase: 'pull', done: 250_000, total: 500_000 }, { phase: 'pull', at: 0, done: 240_000 }, 10_000)).toBe(250);
  });
  it('says nothing while there is too little to go on, in another phase, or when done', () => {
    expect(etaSeconds({ phase: 'pull', done: 100, total: 500_000 }, start, 1_500)).toBeNull();
    expect(etaSeconds({ phase: 'pull', done: 0, total: 500_000 }, start, 30_000)).toBeNull();
    expect(etaSeconds({ phase: 'push', done: 100, total: 200 }, start, 30_000)).toBeNull();
    expect(etaSeconds({ phase: 'pull', done: 500, total: 500 }, start, 30_000)).toBeNull();
    expect(etaSeconds({ phase: 'pull', done: 500, total: 1000 }, null, 30_000)).toBeNull();
  });
});
