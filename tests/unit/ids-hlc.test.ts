import { describe, it, expect } from 'vitest';
import { newId, isId, idTime } from '../../shared/kernel/ids';
import { HybridClock, decodeHlc } from '../../shared/kernel/hlc';

describe('ids', () => {
  it('are valid UUIDv7, unique and strictly increasing even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId(1_700_000_000_000));
    expect(new Set(ids).size).toBe(5000);
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
    expect(ids.every(isId)).toBe(true);
    expect(ids[0][14]).toBe('7');
    expect(idTime(newId(1_800_000_000_123))).toBe(1_800_000_000_123);
  });
});

describe('hybrid logical clock', () => {
  it('never goes backwards when the wall clock does', () => {
    let t = 1000;
    const c = new HybridClock('a', () => t);
    const a = c.tick();
    t = 500;
    const b = c.tick();
    expect(b > a).toBe(true);
  });

  it('moves past a remote timestamp from the future, and orders by node on ties', () => {
    const a = new HybridClock('aaa', () => 1000);
    const b = new HybridClock('bbb', () => 5000);
    const tb = b.tick();
    const ta = a.receive(tb);
    expect(ta > tb).toBe(true);
    expect(decodeHlc(ta).wall).toBe(5000);
    expect(a.tick() > ta).toBe(true);
  });
});
