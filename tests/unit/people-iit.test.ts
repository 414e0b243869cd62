/**
 * Pure payroll rules, hand-computed: China cumulative withholding over twelve months at several
 * salary levels (crossing bracket boundaries mid-year), social insurance with base floor/cap,
 * the formula language, flat/bracket tax rules, and the balanced payroll journal.
 */
import { describe, it, expect } from 'vitest';
import {
  cnIitYear, cnIitMonth, EMPTY_YTD, socialInsurance, DEFAULT_CN_POLICY, computePayslip, parseFormula, evalFormula, ruleTax,
  payrollJournalLines, type ComponentSpec,
} from '../../shared/people/index';
import { D } from '../../shared/kernel/money';

const yuan = (n: number) => Math.round(n * 100);
const months = (income: number, special = 0, additional = 0) => Array.from({ length: 12 }, () => ({ income: yuan(income), specialDeductions: yuan(special), additionalDeductions: yuan(additional) }));

describe('China IIT cumulative withholding (累计预扣法)', () => {
  it.each([
    // monthly taxable 5,000: 3% for seven months, then the 36,000 threshold is crossed in August
    ['10,000 a month', 10_000, [150, 150, 150, 150, 150, 150, 150, 430, 500, 500, 500, 500], 3_480],
    // 45,000 taxable a month: 10% -> 20% in April -> 25% in July -> 30% in October
    ['50,000 a month', 50_000, [1_980, 4_500, 4_500, 8_100, 9_000, 9_000, 9_750, 11_250, 11_250, 12_750, 13_500, 13_500], 109_080],
    // 115,000 taxable a month: through every bracket up to 45% in September
    ['120,000 a month', 120_000, [8_980, 20_100, 25_250, 30_750, 34_500, 36_000, 40_250, 40_250, 47_750, 51_750, 51_750, 51_750], 439_080],
    // below the basic deduction: nothing, ever
    ['4,800 a month', 4_800, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0],
  ])('%s', (_label, salary, expected, annual) => {
    const r = cnIitYear(months(salary));
    expect(r.map((m) => m.tax)).toEqual(expected.map(yuan));
    expect(r[11].ytd.taxWithheld).toBe(yuan(annual));
    expect(r[11].cumulativeTax).toBe(yuan(annual));
  });

  it('deducts social insurance and special additional deductions before the table', () => {
    // 20,000 − 5,000 − 3,000 (SI/HF) − 2,000 (children) = 10,000 a month
    const r = cnIitYear(months(20_000, 3_000, 2_000));
    expect(r.slice(0, 4).map((m) => m.tax)).toEqual([300, 300, 300, 580].map(yuan)); // 40,000 cumulative in April: 4,000 − 2,520 = 1,480, less 900 withheld
    expect(r[11].ytd.taxWithheld).toBe(yuan(120_000 * 0.1 - 2_520));
  });

  it('never withholds a negative amount when income drops; catches up afterwards', () => {
    const a = cnIitMonth(EMPTY_YTD, { income: yuan(30_000), specialDeductions: 0, additionalDeductions: 0 });
    expect(a.tax).toBe(yuan(750));
    const b = cnIitMonth(a.ytd, { income: yuan(3_000), specialDeductions: 0, additionalDeductions: 0 });
    expect(b.tax).toBe(0);
    expect(b.ytd.taxWithheld).toBe(yuan(750));
    const c = cnIitMonth(b.ytd, { income: yuan(30_000), specialDeductions: 0, additionalDeductions: 0 });
    expect(c.tax).toBe(yuan(48_000 * 0.1 - 2_520 - 750)); // 1,530
  });

  it('rounds to the fen half-up', () => {
    // taxable 1,234.55 -> 3% = 37.0365 -> 37.04
    const r = cnIitMonth(EMPTY_YTD, { income: 623_455, specialDeductions: 0, additionalDeductions: 0 });
    expect(r.tax).toBe(3_704);
  });
});

describe('social insurance and housing fund', () => {
  it.each([
    // [declared base, base used, employee SI, employee HF, employer SI, employer HF]
    ['inside floor and cap', 10_000, 10_000, 1_050, 700, 2_616, 700],
    ['above the cap (36,552)', 50_000, 36_552, 3_837.96, 2_558.64, 9_562, 2_558.64],
    ['below the floor (7,310; HF floor 2,690)', 3_000, 7_310, 767.55, 210, 1_912.30, 210],
  ])('%s', (_l, declared, base, ee, hfEe, er, hfEr) => {
    const r = socialInsurance(yuan(declared), DEFAULT_CN_POLICY);
    expect(r.base).toBe(yuan(base));
    expect(r.siEmployee).toBe(yuan(ee));
    expect(r.hfEmployee).toBe(yuan(hfEe));
    expect(r.siEmployer).toBe(yuan(er));
    expect(r.hfEmployer).toBe(yuan(hfEr));
  });
});

describe('formula language (no eval)', () => {
  const vars = (m: Record<string, string>) => (n: string) => new D(m[n] ?? 'NaN');
  it.each([
    ['BASIC * 0.1', { BASIC: '8800' }, '880'],
    ['min(base, 20000) * 0.05 + 100', { base: '30000' }, '1100'],
    ['if(late_count > 2, 200, 0)', { late_count: '3' }, '200'],
    ['round((BASIC + MEAL) / 21.75, 2)', { BASIC: '8800', MEAL: '500' }, '427.59'],
    ['-(2 + 3) * 4', {}, '-20'],
  ])('%s', (f, v, want) => {
    expect(evalFormula(parseFormula(f), vars(v)).toString()).toBe(want);
  });
  it.each(['BASIC +', 'alert(1)', 'BASIC; 1', '1 ** 2', 'constructor.constructor("x")'])('refuses "%s"', (f) => {
    expect(() => parseFormula(f)).toThrow(/payroll_formula_invalid/);
  });
  it('refuses cycles between components', () => {
    const c = (code: string, formula: string): ComponentSpec => ({ code, name: code, kind: 'earning', calc: 'calc_formula', formula, taxable: true, prorate: false });
    expect(() => computePayslip({ baseSalary: 0, components: [c('A', 'B + 1'), c('B', 'A * 2')], workDays: 22, paidDays: 22, si: null, siBase: 0, tax: { scheme: 'none' } })).toThrow(/payroll_formula_cycle/);
  });
});

describe('payslip computation', () => {
  const basic: ComponentSpec = { code: 'BASIC', name: 'Basic', kind: 'earning', calc: 'calc_base', taxable: true, prorate: true };
  it('prorates, adds formula and hours components, deducts SI/HF/IIT, and the net adds up', () => {
    const r = computePayslip({
      baseSalary: yuan(11_000),
      components: [
        basic,
        { code: 'MEAL', name: 'Meal', kind: 'earning', calc: 'calc_fixed', amount: yuan(500), taxable: true, prorate: false },
        { code: 'OT', name: 'Overtime', kind: 'earning', calc: 'calc_hours', hourlyRate: yuan(75.86), hoursSource: 'hours_overtime', taxable: true, prorate: false },
        { code: 'BONUS', name: 'Bonus', kind: 'earning', calc: 'calc_formula', formula: 'BASIC * 0.1', taxable: true, prorate: false },
        { code: 'ADV', name: 'Advance', kind: 'deduction', calc: 'calc_fixed', amount: yuan(300), taxable: false, prorate: false },
      ],
      workDays: 22, paidDays: 20, overtimeHours: '3.5', si: DEFAULT_CN_POLICY, siBase: yuan(11_000),
      tax: { scheme: 'cn_iit', ytd: EMPTY_YTD, additionalDeductions: yuan(1_000) },
    });
    // BASIC 11,000 × 20/22 = 10,000.00; OT 3.5 × 75.86 = 265.51; BONUS 1,000.00
    expect(r.lines.map((l) => l.amount)).toEqual([yuan(10_000), yuan(500), yuan(265.51), yuan(1_000), yuan(300)]);
    expect(r.gross).toBe(yuan(11_765.51));
    // SI on 11,000: 880 + 220 + 55 = 1,155; HF 770
    expect(r.siEmployee).toBe(yuan(1_155));
    expect(r.hfEmployee).toBe(yuan(770));
    // taxable 11,765.51 − 5,000 − 1,925 − 1,000 = 3,840.51 × 3% = 115.2153 -> 115.22
    expect(r.tax).toBe(yuan(115.22));
    expect(r.net).toBe(r.gross - r.siEmployee - r.hfEmployee - r.tax - yuan(300));
    expect(r.net).toBe(yuan(11_765.51 - 1_155 - 770 - 115.22 - 300));
  });

  it('flat and bracket rules for other countries', () => {
    expect(ruleTax(yuan(5_000), { scheme: 'flat', ratePercent: '10', allowance: yuan(1_000) })).toBe(yuan(400));
    // 0–1,000 at 0%, 1,000–4,000 at 10%, above at 20%: 6,000 -> 300 + 400 = 700
    expect(ruleTax(yuan(6_000), { scheme: 'brackets', allowance: 0, brackets: [{ upTo: yuan(1_000), ratePercent: '0' }, { upTo: yuan(4_000), ratePercent: '10' }, { upTo: 0, ratePercent: '20' }] })).toBe(yuan(700));
  });

  it('the journal entry balances to the fen', () => {
    const acc = { salaryExpense: 'S', employerContributionExpense: 'E', payableToEmployees: 'P', iitPayable: 'T', siPayable: 'I', housingFundPayable: 'H', otherDeductionsPayable: 'O' };
    const slips = [10_000, 50_000, 33_333.33].map((g) => computePayslip({ baseSalary: yuan(g), components: [basic], workDays: 22, paidDays: 21, si: DEFAULT_CN_POLICY, siBase: 0, tax: { scheme: 'cn_iit', ytd: EMPTY_YTD, additionalDeductions: 0 } }));
    const lines = payrollJournalLines(slips.map((r) => ({ gross: r.gross, siEmployee: r.siEmployee, siEmployer: r.siEmployer, hfEmployee: r.hfEmployee, hfEmployer: r.hfEmployer, tax: r.tax, preTaxDeductions: r.preTaxDeductions, otherDeductions: r.otherDeductions, net: r.net })), acc, 'x');
    const dr = lines.reduce((s, l) => s + l.debit, 0);
    const cr = lines.reduce((s, l) => s + l.credit, 0);
    expect(dr).toBe(cr);
    expect(dr).toBe(slips.reduce((s, r) => s + r.employerCost, 0));
  });
});
