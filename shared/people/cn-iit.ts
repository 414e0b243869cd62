/**
 * China individual income tax on wages (综合所得 工资薪金), cumulative withholding method
 * (累计预扣法, 国家税务总局公告2018年第61号). Pure; amounts are integer fen.
 *
 *   cumulative taxable = cumulative income − cumulative basic deduction (5,000 × months employed
 *                        by this employer in the year) − cumulative special deductions (employee
 *                        social insurance + housing fund) − cumulative special additional
 *                        deductions (专项附加扣除) − cumulative other deductions
 *   cumulative tax     = taxable × rate − quick deduction (annual 7-bracket table), half-up to the fen
 *   tax this month     = cumulative tax − tax already withheld this year, never below zero
 *
 * Invariants: the year-to-date state after a month is the only input to the next month, so the
 * payroll service derives it from the year's submitted payslips (never a running counter that
 * could drift); a month whose cumulative tax falls below what was withheld withholds nothing
 * (the excess is settled at the annual reconciliation, 汇算清缴, not refunded by the employer).
 */
import { D } from '../kernel/money';

/** [upper bound of cumulative taxable income in fen (inclusive), rate %, quick deduction in fen] */
export const CN_IIT_ANNUAL_BRACKETS: readonly (readonly [number, number, number])[] = [
  [3_600_000, 3, 0],
  [14_400_000, 10, 252_000],
  [30_000_000, 20, 1_692_000],
  [42_000_000, 25, 3_192_000],
  [66_000_000, 30, 5_292_000],
  [96_000_000, 35, 8_592_000],
  [Number.MAX_SAFE_INTEGER, 45, 18_192_000],
];

/** Monthly basic deduction (基本减除费用): 5,000 yuan. */
export const CN_BASIC_DEDUCTION_MONTHLY = 500_000;

/** Year-to-date withholding state of one employee with one employer (all fen). */
export interface IitYtd {
  /** Months of the year with a payslip from this employer (basic deduction months). */
  months: number;
  /** Cumulative taxable wage income. */
  income: number;
  /** Cumulative employee social insurance + housing fund (专项扣除). */
  specialDeductions: number;
  /** Cumulative special additional deductions (专项附加扣除: children, elderly care, rent, ...). */
  additionalDeductions: number;
  /** Cumulative other pre-tax deductions (enterprise annuity, commercial health insurance, ...). */
  otherDeductions: number;
  /** Cumulative tax withheld so far. */
  taxWithheld: number;
}

export const EMPTY_YTD: IitYtd = { months: 0, income: 0, specialDeductions: 0, additionalDeductions: 0, otherDeductions: 0, taxWithheld: 0 };

export interface IitMonthInput {
  /** Taxable wage income of this month. */
  income: number;
  /** Employee social insurance + housing fund of this month. */
  specialDeductions: number;
  /** Special additional deductions declared for this month. */
  additionalDeductions: number;
  otherDeductions?: number;
}

export interface IitMonthResult {
  /** Tax to withhold this month. */
  tax: number;
  /** Cumulative taxable income after this month (never negative). */
  cumulativeTaxable: number;
  /** Cumulative tax due after this month. */
  cumulativeTax: number;
  rate: number;
  quickDeduction: number;
  ytd: IitYtd;
}

/** Annual-table tax on a cumulative taxable amount (fen), half-up to the fen. */
export function cnIitOnCumulative(taxable: number): { tax: number; rate: number; quickDeduction: number } {
  if (taxable <= 0) return { tax: 0, rate: 0, quickDeduction: 0 };
  const [, rate, quick] = CN_IIT_ANNUAL_BRACKETS.find(([upTo]) => taxable <= upTo)!;
  const tax = new D(taxable).mul(rate).div(100).minus(quick).toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();
  return { tax: Math.max(0, tax), rate, quickDeduction: quick };
}

/** One month of cumulative withholding. */
export function cnIitMonth(prev: IitYtd, m: IitMonthInput): IitMonthResult {
  const ytd: IitYtd = {
    months: prev.months + 1,
    income: prev.income + m.income,
    specialDeductions: prev.specialDeductions + m.specialDeductions,
    additionalDeductions: prev.additionalDeductions + m.additionalDeductions,
    otherDeductions: prev.otherDeductions + (m.otherDeductions ?? 0),
    taxWithheld: prev.taxWithheld,
  };
  const taxable = ytd.income - CN_BASIC_DEDUCTION_MONTHLY * ytd.months - ytd.specialDeductions - ytd.additionalDeductions - ytd.otherDeductions;
  const cumulativeTaxable = Math.max(0, taxable);
  const { tax: cumulativeTax, rate, quickDeduction } = cnIitOnCumulative(cumulativeTaxable);
  const tax = Math.max(0, cumulativeTax - prev.taxWithheld);
  ytd.taxWithheld = prev.taxWithheld + tax;
  return { tax, cumulativeTaxable, cumulativeTax, rate, quickDeduction, ytd };
}

/** Twelve (or fewer) months in a row from an empty year: the per-month tax (table tests, previews). */
export function cnIitYear(months: readonly IitMonthInput[]): IitMonthResult[] {
  const out: IitMonthResult[] = [];
  let ytd = EMPTY_YTD;
  for (const m of months) {
    const r = cnIitMonth(ytd, m);
    out.push(r);
    ytd = r.ytd;
  }
  return out;
}
