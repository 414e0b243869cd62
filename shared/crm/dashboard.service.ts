/**
 * CRM dashboard figures: pipeline by stage, win rate, lead sources, activities per rep, and the
 * weighted forecast. One pass over each table with a cursor (no screen-sized arrays); fine at
 * the tens of thousands of opportunities a branch holds. Money is base-currency minor units;
 * foreign-currency opportunities are converted at `rates` (see ./forecast.ts).
 */
import type { BaseRecord } from '../kernel/doctype';
import type { Session } from '../kernel/session';
import { D } from '../kernel/money';
import { STAGES, LEAD_SOURCES } from './crm.doctypes';
import { forecast, toBaseMinor, type Forecast, type ForecastOpp } from './forecast';

export interface CrmDashboard {
  pipelineByStage: { stage: string; count: number; amount: number }[];
  /** won / (won + lost), as a decimal string percent with one decimal ('' when none closed). */
  winRate: string;
  leadSources: { source: string; count: number; converted: number }[];
  activitiesPerRep: { owner: string; open: number; done: number; overdue: number }[];
  forecast: Forecast;
}

export async function crmDashboard(s: Session, opts: { rates?: Record<string, string>; today?: string } = {}): Promise<CrmDashboard> {
  s.require('Opportunity', 'read');
  const today = opts.today ?? s.localDate();
  const fo = { baseCurrency: s.baseCurrency, rates: opts.rates };
  const stages = new Map<string, { stage: string; count: number; amount: number }>(STAGES.map((st) => [st, { stage: st, count: 0, amount: 0 }]));
  const opps: ForecastOpp[] = [];
  await s.db.t<BaseRecord>('opportunities').where('deleted').equals(0).each((o) => {
    const st = stages.get(String(o.stage));
    if (!st) return;
    st.count++;
    const cur = String(o.currency || s.baseCurrency);
    const rateKnown = cur === s.baseCurrency || !!opts.rates?.[cur];
    st.amount += rateKnown ? toBaseMinor(Number(o.amount ?? 0), cur, fo) : 0;
    if (rateKnown) opps.push({ owner: String(o.owner ?? ''), stage: String(o.stage), probability: String(o.probability ?? '0'), amount: Number(o.amount ?? 0), currency: cur, expectedClose: String(o.expectedClose ?? '') });
  });
  const won = stages.get('won')!.count;
  const lost = stages.get('lost')!.count;
  const winRate = won + lost ? new D(won).mul(100).div(won + lost).toDecimalPlaces(1, D.ROUND_HALF_UP).toFixed(1) : '';
  const sources = new Map<string, { source: string; count: number; converted: number }>(LEAD_SOURCES.map((x) => [x, { source: x, count: 0, converted: 0 }]));
  if (s.can('Lead', 'read')) {
    await s.db.t<BaseRecord>('leads').where('deleted').equals(0).each((l) => {
      const src = sources.get(String(l.source)) ?? { source: String(l.source), count: 0, converted: 0 };
      src.count++;
      if (l.leadStatus === 'converted') src.converted++;
      sources.set(src.source, src);
    });
  }
  const reps = new Map<string, { owner: string; open: number; done: number; overdue: number }>();
  if (s.can('Activity', 'read')) {
    await s.db.t<BaseRecord>('activities').where('deleted').equals(0).each((a) => {
      const r = reps.get(String(a.owner)) ?? { owner: String(a.owner ?? ''), open: 0, done: 0, overdue: 0 };
      if (a.done) r.done++;
      else {
        r.open++;
        if (a.dueDate && String(a.dueDate) < today) r.overdue++;
      }
      reps.set(r.owner, r);
    });
  }
  return {
    pipelineByStage: [...stages.values()],
    winRate,
    leadSources: [...sources.values()],
    activitiesPerRep: [...reps.values()].sort((a, b) => b.open + b.done - (a.open + a.done)),
    forecast: forecast(opps, fo),
  };
}
