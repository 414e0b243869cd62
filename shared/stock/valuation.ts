/**
 * Stock valuation: pure moving-average and FIFO rules over one item x warehouse balance.
 *
 * Units: quantities are exact decimal strings in the item's STOCK unit; values are integer minor
 * units of the company's base currency; `rate` is a decimal string of minor units per stock unit
 * (display only: values are never recomputed from a rounded rate).
 *
 * Invariants (each operation keeps them exactly, to the minor unit):
 * - state.qty and state.value change by exactly the qty and value of the movement returned, so
 *   the sum of ledger rows always equals the balance (verifyStock checks it).
 * - Moving average: an issue takes value * q / qty (half-even); issuing everything takes the
 *   whole remaining value, so no residue is left behind on an empty balance.
 * - FIFO: the queue holds layers {qty, value, date, voucherId}; sum(layer.qty) = state.qty and
 *   sum(layer.value) = state.value. A partial layer is split by value * take / qty (half-even),
 *   the remainder stays with the layer. Negative stock (only when allowed) is a negative layer
 *   that the next receipt nets against.
 * - Incoming value is computed once (qty x rate, half-even) by the caller's posting rule.
 */
import Decimal from 'decimal.js';
import { D } from '../kernel/money';
import { DomainError } from '../kernel/errors';

export type ValuationMethod = 'moving_average' | 'fifo';
export const VALUATION_METHODS: readonly ValuationMethod[] = ['moving_average', 'fifo'];

export interface Layer {
  qty: string;
  value: number;
  /** Posting date of the receipt that created the layer (stock ageing). */
  date: string;
  /** The voucher that brought the layer in ('' after a merge of negative stock). */
  voucherId: string;
}

export interface ValState {
  qty: string;
  value: number;
  rate: string;
  queue: Layer[];
}

export const EMPTY_STATE: ValState = { qty: '0', value: 0, rate: '0', queue: [] };

export interface MoveResult {
  state: ValState;
  /** Signed value of the movement (+ in, - out), minor units. */
  value: number;
  /** FIFO layers the movement took out (for transfers that keep layer dates). */
  layers: Layer[];
}

/** A refusal raised by the pure rules; the ledger adds item and warehouse to the params. */
export class ShortageError extends Error {
  constructor(readonly available: string, readonly needed: string) {
    super(`shortage: available ${available}, needed ${needed}`);
  }
}

const HALF_EVEN = Decimal.ROUND_HALF_EVEN;

function roundMinor(d: Decimal): number {
  const n = d.toDecimalPlaces(0, HALF_EVEN).toNumber();
  if (!Number.isSafeInteger(n)) throw new DomainError('error.amount_out_of_range', { currency: '' });
  return n === 0 ? 0 : n;
}

/** value / qty as a display rate (minor units per stock unit, 6 decimals); '0' on no stock. */
export function rateOf(value: number, qty: Decimal.Value, fallback = '0'): string {
  const q = new D(qty);
  if (q.lte(0)) return fallback;
  return new D(value).div(q).toDecimalPlaces(6, HALF_EVEN).toString();
}

/** qty x rate (minor units per unit), half-even: the value of an incoming movement. */
export function valueOf(qty: Decimal.Value, rate: Decimal.Value): number {
  return roundMinor(new D(qty).mul(new D(rate)));
}

function clone(s: ValState): ValState {
  return { qty: s.qty, value: s.value, rate: s.rate, queue: s.queue.map((l) => ({ ...l })) };
}

/**
 * Receive `qty` (> 0) worth `value` minor units. With FIFO, `layers` (from a transfer out) keep
 * their original dates; otherwise one new layer dated `date`.
 */
export function receive(method: ValuationMethod, s0: ValState, qty: string, value: number, date: string, voucherId: string, layers?: Layer[]): MoveResult {
  const q = new D(qty);
  if (q.lte(0)) throw new Error('receive: qty must be > 0');
  const s = clone(s0);
  const newQty = new D(s.qty).add(q);
  s.value += value;
  s.qty = newQty.toString();
  if (method === 'fifo') {
    const incoming = layers && layers.length ? layers.map((l) => ({ ...l })) : [{ qty: q.toString(), value, date, voucherId }];
    // a negative layer (only after negative stock) nets against the incoming layers, oldest first
    const last = s.queue[s.queue.length - 1];
    let carry: Layer | null = last && new D(last.qty).lte(0) ? (s.queue.pop() as Layer) : null;
    incoming.forEach((l0, i) => {
      let l = l0;
      if (carry) l = { ...l, qty: new D(l.qty).add(carry.qty).toString(), value: l.value + carry.value };
      carry = null;
      if (new D(l.qty).lte(0) && i < incoming.length - 1) carry = l;
      else if (!(new D(l.qty).isZero() && l.value === 0)) s.queue.push(l);
    });
  }
  s.rate = rateOf(s.value, s.qty, s.rate !== '0' ? s.rate : rateOf(value, q));
  return { state: s, value, layers: [] };
}

/**
 * Issue `qty` (> 0). Refuses (ShortageError) when the balance is short and negative stock is
 * not allowed. Returns the (negative) value taken out.
 */
export function issue(method: ValuationMethod, s0: ValState, qty: string, allowNegative: boolean, date: string): MoveResult {
  const q = new D(qty);
  if (q.lte(0)) throw new Error('issue: qty must be > 0');
  const have = new D(s0.qty);
  if (q.gt(have) && !allowNegative) throw new ShortageError(s0.qty, qty);
  const s = clone(s0);
  const newQty = have.sub(q);
  let out = 0;
  const taken: Layer[] = [];
  if (method === 'moving_average') {
    if (newQty.isZero()) out = s.value;
    else if (have.gt(0) && q.lte(have)) out = roundMinor(new D(s.value).mul(q).div(have));
    else if (have.gt(0)) out = s.value + roundMinor(q.sub(have).mul(s.rate)); // negative stock: the rest at the last rate
    else out = roundMinor(q.mul(s.rate));
  } else {
    let need = q;
    while (need.gt(0) && s.queue.length && new D(s.queue[0].qty).gt(0)) {
      const l = s.queue[0];
      const lq = new D(l.qty);
      if (lq.lte(need)) {
        taken.push(l);
        out += l.value;
        need = need.sub(lq);
        s.queue.shift();
      } else {
        const part = roundMinor(new D(l.value).mul(need).div(lq));
        taken.push({ ...l, qty: need.toString(), value: part });
        out += part;
        s.queue[0] = { ...l, qty: lq.sub(need).toString(), value: l.value - part };
        need = new D(0);
      }
    }
    if (need.gt(0)) {
      // negative stock (allowed): the shortfall at the last rate becomes a negative layer
      const v = roundMinor(need.mul(s.rate));
      out += v;
      const last = s.queue[s.queue.length - 1];
      if (last && new D(last.qty).lte(0)) s.queue[s.queue.length - 1] = { ...last, qty: new D(last.qty).sub(need).toString(), value: last.value - v };
      else s.queue.push({ qty: need.neg().toString(), value: -v, date, voucherId: '' });
      taken.push({ qty: need.toString(), value: v, date, voucherId: '' });
    }
    if (newQty.isZero() && s.queue.every((l) => new D(l.qty).isZero())) {
      // everything issued: take any residue with it
      const residue = s.queue.reduce((a, l) => a + l.value, 0);
      out += residue;
      s.queue = [];
    }
  }
  s.qty = newQty.toString();
  s.value -= out;
  s.rate = rateOf(s.value, s.qty, s.rate);
  return { state: s, value: -out, layers: taken };
}

/**
 * Take back a receipt (cancellation): exactly `qty` and `value` leave again. Refused with
 * `consumed` when the received stock is no longer there: with FIFO, the receipt's own layer must
 * be intact; with moving average, the balance must still hold the quantity and the value, and
 * an emptied balance must be emptied of value too.
 */
export function unreceive(method: ValuationMethod, s0: ValState, qty: string, value: number, voucherId: string, allowNegative: boolean): MoveResult | { consumed: string } {
  const q = new D(qty);
  const s = clone(s0);
  const newQty = new D(s.qty).sub(q);
  const newValue = s.value - value;
  if (method === 'fifo') {
    const mine = s.queue.filter((l) => l.voucherId === voucherId);
    const left = mine.reduce((a, l) => a.add(l.qty), new D(0));
    const leftValue = mine.reduce((a, l) => a + l.value, 0);
    if (!left.eq(q) || leftValue !== value) {
      if (!allowNegative) return { consumed: q.sub(left).toString() };
      // negative stock allowed: take what the layer still has, the rest goes negative
      return issueExact(s, q, value);
    }
    s.queue = s.queue.filter((l) => l.voucherId !== voucherId);
  } else if (!allowNegative && (newQty.lt(0) || newValue < 0 || (newQty.isZero() && newValue !== 0))) {
    return { consumed: newQty.lt(0) ? newQty.neg().toString() : q.toString() };
  }
  s.qty = newQty.toString();
  s.value = newValue;
  s.rate = rateOf(s.value, s.qty, s.rate);
  return { state: s, value: -value, layers: [] };
}

function issueExact(s: ValState, q: Decimal, value: number): MoveResult {
  // remove from the newest layers backwards (the cancelled receipt was the latest arrival)
  let need = q;
  let v = value;
  const queue = s.queue.map((l) => ({ ...l }));
  while (need.gt(0) && queue.length && new D(queue[queue.length - 1].qty).gt(0)) {
    const l = queue[queue.length - 1];
    const lq = new D(l.qty);
    if (lq.lte(need)) {
      queue.pop();
      need = need.sub(lq);
      v -= l.value;
    } else {
      const part = roundMinor(new D(l.value).mul(need).div(lq));
      queue[queue.length - 1] = { ...l, qty: lq.sub(need).toString(), value: l.value - part };
      v -= part;
      need = new D(0);
    }
  }
  if (need.gt(0) || v !== 0) queue.push({ qty: need.neg().toString(), value: -v, date: '', voucherId: '' });
  const out: ValState = { qty: new D(s.qty).sub(q).toString(), value: s.value - value, rate: s.rate, queue };
  out.rate = rateOf(out.value, out.qty, s.rate);
  return { state: out, value: -value, layers: [] };
}

/**
 * Change the value of stock without moving quantity (landed costs, valuation reposts): `value`
 * (signed minor units) is added to the balance. Moving average: to the pooled value. FIFO: to
 * the layers of `voucherId` (the receipt the charge belongs to) in proportion to their
 * quantity, exactly (largest remainder); without `voucherId`, to every layer with stock.
 * Returns null when nothing can carry the value (no quantity on hand, or the receipt's layers
 * are gone): the caller decides where the value goes instead.
 */
export function revalue(method: ValuationMethod, s0: ValState, value: number, voucherId?: string): MoveResult | null {
  const s = clone(s0);
  if (method === 'moving_average') {
    if (!new D(s.qty).gt(0)) return null;
  } else {
    const idx = s.queue.map((l, i) => ({ l, i })).filter(({ l }) => new D(l.qty).gt(0) && (voucherId === undefined || l.voucherId === voucherId));
    if (idx.length === 0) return null;
    const wsum = idx.reduce((a, { l }) => a.add(l.qty), new D(0));
    const abs = Math.abs(value);
    const exact = idx.map(({ l }) => new D(abs).mul(l.qty).div(wsum));
    const parts = exact.map((e) => e.floor().toNumber());
    let rest = abs - parts.reduce((a, b) => a + b, 0);
    const order = exact.map((e, k) => ({ k, frac: e.minus(e.floor()) })).sort((x, y) => y.frac.comparedTo(x.frac) || x.k - y.k);
    for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k].k] += 1;
    idx.forEach(({ l, i }, k) => (s.queue[i] = { ...l, value: l.value + Math.sign(value) * parts[k] }));
  }
  s.value += value;
  s.rate = rateOf(s.value, s.qty, s.rate);
  return { state: s, value, layers: [] };
}

/** Sum of a queue (tests and verification). */
export function queueTotals(queue: readonly Layer[]): { qty: string; value: number } {
  return { qty: queue.reduce((a, l) => a.add(l.qty), new D(0)).toString(), value: queue.reduce((a, l) => a + l.value, 0) };
}
