/**
 * Social insurance (社会保险) and housing fund (住房公积金) contributions. Pure; amounts in fen.
 *
 * A policy is configured per city/branch (SocialInsurancePolicy document): each scheme has an
 * employee and an employer rate and the contribution base is the employee's declared base (or
 * the month's gross when none is declared) clamped to the city's floor and cap (0 = no cap).
 * The housing fund has its own floor and cap. Each line is rounded half-up to the fen
 * separately, as the social insurance bureaus compute them; totals are sums of rounded lines.
 */
import { D } from '../kernel/money';

export const SI_SCHEMES = ['pension', 'medical', 'unemployment', 'injury', 'maternity', 'housing_fund'] as const;
export type SiScheme = (typeof SI_SCHEMES)[number];

export interface SiRate {
  scheme: SiScheme;
  /** Percent as a decimal string, e.g. '8'. */
  employeeRate: string;
  employerRate: string;
}

export interface SiPolicy {
  /** Base floor and cap for social insurance (fen; cap 0 = none). */
  baseFloor: number;
  baseCap: number;
  /** Base floor and cap for the housing fund (fen; cap 0 = none). */
  hfBaseFloor: number;
  hfBaseCap: number;
  rates: readonly SiRate[];
}

export interface SiLine {
  scheme: SiScheme;
  base: number;
  employee: number;
  employer: number;
}

export interface SiResult {
  base: number;
  hfBase: number;
  lines: SiLine[];
  /** Employee and employer social insurance (all schemes but the housing fund). */
  siEmployee: number;
  siEmployer: number;
  hfEmployee: number;
  hfEmployer: number;
}

export function clampBase(base: number, floor: number, cap: number): number {
  let b = Math.max(base, floor);
  if (cap > 0) b = Math.min(b, cap);
  return b;
}

function pctHalfUp(base: number, rate: string): number {
  return new D(base).mul(new D(rate || '0')).div(100).toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();
}

/** Contributions on a declared base (fen). A base of 0 with a floor still pays on the floor. */
export function socialInsurance(declaredBase: number, p: SiPolicy): SiResult {
  const base = clampBase(declaredBase, p.baseFloor, p.baseCap);
  const hfBase = clampBase(declaredBase, p.hfBaseFloor, p.hfBaseCap);
  const out: SiResult = { base, hfBase, lines: [], siEmployee: 0, siEmployer: 0, hfEmployee: 0, hfEmployer: 0 };
  for (const r of p.rates) {
    const b = r.scheme === 'housing_fund' ? hfBase : base;
    const line: SiLine = { scheme: r.scheme, base: b, employee: pctHalfUp(b, r.employeeRate), employer: pctHalfUp(b, r.employerRate) };
    out.lines.push(line);
    if (r.scheme === 'housing_fund') {
      out.hfEmployee += line.employee;
      out.hfEmployer += line.employer;
    } else {
      out.siEmployee += line.employee;
      out.siEmployer += line.employer;
    }
  }
  return out;
}

/** A typical first-tier-city policy (rates as in Shanghai 2024; bases as examples, edit per city). */
export const DEFAULT_CN_POLICY: SiPolicy = {
  baseFloor: 731_000,
  baseCap: 3_655_200,
  hfBaseFloor: 269_000,
  hfBaseCap: 3_655_200,
  rates: [
    { scheme: 'pension', employeeRate: '8', employerRate: '16' },
    { scheme: 'medical', employeeRate: '2', employerRate: '9.5' },
    { scheme: 'unemployment', employeeRate: '0.5', employerRate: '0.5' },
    { scheme: 'injury', employeeRate: '0', employerRate: '0.16' },
    { scheme: 'housing_fund', employeeRate: '7', employerRate: '7' },
  ],
};
