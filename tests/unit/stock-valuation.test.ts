/**
 * Valuation worked examples (pure): moving average and FIFO over receipts at different rates,
 * issues, a return and a cancelled receipt. Values are minor units (fen): 5.00 = 500.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { receive, issue, unreceive, valueOf, queueTotals, EMPTY_STATE, type ValState, type ValuationMethod } from '../../shared/stock/valuation';

type Op = ['in', string, number] | ['out', string] | ['cancel', string];

/** Runs operations; returns [qty, value, rate, movement value] after each. */
function run(method: ValuationMethod, ops: Op[]): [string, number, string, number][] {
  let s: ValState = EMPTY_STATE;
  const out: [string, number, string, number][] = [];
  ops.forEach((op, i) => {
    let r;
    if (op[0] === 'in') r = receive(method, s, op[1], valueOf(op[1], op[2]), `2026-03-${String(i + 1).padStart(2, '0')}`, `v${i}`);
    else if (op[0] === 'out') r = issue(method, s, op[1], false, '2026-03-31');
    else {
      const idx = Number(op[1]);
      const src = ops[idx] as ['in', string, number];
      const u = unreceive(method, s, src[1], valueOf(src[1], src[2]), `v${idx}`, false);
      if ('consumed' in u) throw new Error(`consumed ${u.consumed}`);
      r = u;
    }
    s = r.state;
    out.push([s.qty, s.value, s.rate, r.value]);
  });
  return out;
}

describe('moving average', () => {
  it('receipts at 5.00 and 6.00, an issue, a return, then a receipt cancelled', () => {
    expect(run('moving_average', [
      ['in', '10', 500], // 10 @ 5.00 = 50.00
      ['in', '10', 600], // 20, 110.00, avg 5.50
      ['out', '5'], // out 27.50 -> 15, 82.50
      ['in', '3', 800], // a return valued 8.00 -> 18, 106.50, avg 5.916667
      ['out', '18'], // everything: takes exactly 106.50, no residue
    ])).toEqual([
      ['10', 5000, '500', 5000],
      ['20', 11000, '550', 6000],
      ['15', 8250, '550', -2750],
      ['18', 10650, '591.666667', 2400],
      ['0', 0, '591.666667', -10650],
    ]);
  });

  it('thirds never lose a fen: 3 issues of 1 out of 3 @ 3.33 1/3', () => {
    const r = run('moving_average', [['in', '3', 333.3333333333], ['out', '1'], ['out', '1'], ['out', '1']]);
    expect(r.map((x) => x[3])).toEqual([1000, -333, -334, -333]);
    expect(r[3].slice(0, 2)).toEqual(['0', 0]);
  });

  it('cancelling a receipt takes back its value; refused once the stock was issued', () => {
    expect(run('moving_average', [['in', '10', 500], ['in', '10', 700], ['cancel', '1']]).at(-1)).toEqual(['10', 5000, '500', -7000]);
    let s = receive('moving_average', EMPTY_STATE, '10', 5000, '2026-03-01', 'a').state;
    s = issue('moving_average', s, '6', false, '2026-03-02').state;
    expect(unreceive('moving_average', s, '10', 5000, 'a', false)).toEqual({ consumed: '6' });
  });
});

describe('FIFO', () => {
  it('issues take the oldest layers first and split a layer exactly', () => {
    expect(run('fifo', [
      ['in', '10', 500],
      ['in', '10', 600],
      ['out', '12'], // 10 @ 5 + 2 @ 6 = 62.00
      ['in', '5', 700], // 8 @ 6 + 5 @ 7 = 83.00
      ['out', '9'], // 8 @ 6 + 1 @ 7 = 55.00
    ])).toEqual([
      ['10', 5000, '500', 5000],
      ['20', 11000, '550', 6000],
      ['8', 4800, '600', -6200],
      ['13', 8300, '638.461538', 3500],
      ['4', 2800, '700', -5500],
    ]);
  });

  it('a receipt can be cancelled while its layer is intact, not after it was touched', () => {
    let s = receive('fifo', EMPTY_STATE, '10', 5000, '2026-03-01', 'a').state;
    s = receive('fifo', s, '10', 6000, '2026-03-02', 'b').state;
    s = issue('fifo', s, '4', false, '2026-03-03').state; // from layer a
    const ok = unreceive('fifo', s, '10', 6000, 'b', false);
    expect('consumed' in ok).toBe(false);
    expect(unreceive('fifo', s, '10', 5000, 'a', false)).toEqual({ consumed: '4' });
  });

  it('refuses an issue beyond stock unless negative stock is allowed; the next receipt nets the shortfall', () => {
    const s = receive('fifo', EMPTY_STATE, '2', 1000, '2026-03-01', 'a').state;
    expect(() => issue('fifo', s, '3', false, '2026-03-02')).toThrow(/shortage/);
    const neg = issue('fifo', s, '3', true, '2026-03-02');
    expect([neg.state.qty, neg.state.value, neg.value]).toEqual(['-1', -500, -1500]);
    const back = receive('fifo', neg.state, '4', 2400, '2026-03-03', 'b').state;
    expect([back.qty, back.value]).toEqual(['3', 1900]);
    expect(queueTotals(back.queue)).toEqual({ qty: '3', value: 1900 });
  });
});

describe('properties', () => {
  const opArb = fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 99999 })), { maxLength: 40 });
  for (const method of ['moving_average', 'fifo'] as const) {
    it(`${method}: movement values always sum to the balance; FIFO queue matches; never negative when refused`, () => {
      fc.assert(
        fc.property(opArb, (ops) => {
          let s: ValState = EMPTY_STATE;
          let sumV = 0;
          ops.forEach(([isIn, q, rate], i) => {
            try {
              const r = isIn ? receive(method, s, String(q), valueOf(q, rate), '2026-01-01', `v${i}`) : issue(method, s, String(q), false, '2026-01-02');
              s = r.state;
              sumV += r.value;
            } catch (e) {
              if (!/shortage/.test(String(e))) throw e;
            }
            expect(s.value).toBe(sumV);
            expect(Number(s.qty)).toBeGreaterThanOrEqual(0);
            if (s.qty === '0') expect(s.value).toBe(0);
            if (method === 'fifo') expect(queueTotals(s.queue)).toEqual({ qty: s.qty, value: s.value });
          });
        }),
      );
    });
  }
});
