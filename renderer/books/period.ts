/**
 * Report periods for the books pages (pure). A selection is a mode (month, quarter, year,
 * custom) plus an anchor; it resolves to an inclusive range of ledger periods 'YYYY-MM' and the
 * matching calendar dates (for the GL detail drill-down). The comparison column is the range of
 * the same length just before it (previous month / quarter / year / custom span).
 */
export type PeriodMode = 'month' | 'quarter' | 'year' | 'custom';

export interface PeriodSel {
  mode: PeriodMode;
  /** 'YYYY-MM' (month), 'YYYY-Qn' (quarter), 'YYYY' (year). */
  anchor: string;
  /** custom: first and last period, 'YYYY-MM'. */
  from: string;
  to: string;
}

export interface PeriodRange {
  fromPeriod: string;
  toPeriod: string;
  /** First and last calendar day, 'YYYY-MM-DD'. */
  fromDate: string;
  toDate: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Months since year 0 <-> 'YYYY-MM'. */
const idx = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
const fromIdx = (i: number) => `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;

export function lastDayOf(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return `${period}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

export function rangeOf(fromPeriod: string, toPeriod: string): PeriodRange {
  return { fromPeriod, toPeriod, fromDate: `${fromPeriod}-01`, toDate: lastDayOf(toPeriod) };
}

/** A default selection: this month. */
export function defaultSel(mode: PeriodMode = 'month', today = todayIso()): PeriodSel {
  const month = today.slice(0, 7);
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const anchor = mode === 'month' ? month : mode === 'quarter' ? `${today.slice(0, 4)}-Q${q}` : mode === 'year' ? today.slice(0, 4) : month;
  return { mode, anchor, from: `${today.slice(0, 4)}-01`, to: month };
}

export function resolve(sel: PeriodSel): PeriodRange {
  switch (sel.mode) {
    case 'month':
      return rangeOf(sel.anchor, sel.anchor);
    case 'quarter': {
      const y = sel.anchor.slice(0, 4);
      const q = Number(sel.anchor.slice(6)) || 1;
      return rangeOf(`${y}-${pad(q * 3 - 2)}`, `${y}-${pad(q * 3)}`);
    }
    case 'year':
      return rangeOf(`${sel.anchor}-01`, `${sel.anchor}-12`);
    default: {
      const [a, b] = sel.from <= sel.to ? [sel.from, sel.to] : [sel.to, sel.from];
      return rangeOf(a, b);
    }
  }
}

/** The range of equal length immediately before `r`. */
export function previousRange(r: PeriodRange): PeriodRange {
  const len = idx(r.toPeriod) - idx(r.fromPeriod) + 1;
  return rangeOf(fromIdx(idx(r.fromPeriod) - len), fromIdx(idx(r.fromPeriod) - 1));
}

/** The last `n` months ending with the month of `today`, oldest first. */
export function lastMonths(n: number, today = todayIso()): string[] {
  const end = idx(today.slice(0, 7));
  return Array.from({ length: n }, (_, i) => fromIdx(end - n + 1 + i));
}

export function quarterOptions(today = todayIso(), years = 5): string[] {
  const y = Number(today.slice(0, 4));
  const out: string[] = [];
  for (let k = y; k > y - years; k--) for (let q = 4; q >= 1; q--) out.push(`${k}-Q${q}`);
  return out;
}

export function yearOptions(today = todayIso(), years = 10): string[] {
  const y = Number(today.slice(0, 4));
  return Array.from({ length: years }, (_, i) => String(y - i));
}
