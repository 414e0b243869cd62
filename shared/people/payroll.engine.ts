/**
 * The payroll engine: one employee, one month, pure. The payroll service resolves everything
 * first (salary as of the month, structure rows, working and paid days, hours, the year-to-date
 * tax state, the social insurance policy) and calls `computePayslip`; the result is written as a
 * draft payslip. Table-tested in tests/unit/people-payroll.test.ts.
 *
 * Money is integer minor units throughout; formulas are evaluated in MAJOR units with decimal.js
 * (HR writes `base * 0.1`, meaning yuan) and every component is rounded half-up to the minor
 * unit once, when it is produced. Formulas use a tiny safe expression language (numbers,
 * component codes and variables, + - * / parentheses, min/max/round/floor/ceil/if) parsed here:
 * never eval or Function.
 *
 * Order: components are evaluated in dependency order (a formula may use any other component);
 * a cycle is refused with error.payroll_formula_cycle. Then
 *   gross          = Σ earnings
 *   taxable income = Σ taxable earnings − Σ pre-tax deductions (deductions flagged `taxable`)
 *   social ins.    = policy over the declared base (or the prorated gross when none)
 *   tax            = China cumulative withholding, or a flat / bracket rule set, or none
 *   net            = gross − employee social insurance − housing fund − tax − Σ deductions
 */
import { D, type Dec } from '../kernel/money';
import { DomainError } from '../kernel/errors';
import { cnIitMonth, type IitYtd } from './cn-iit';
import { socialInsurance, type SiPolicy, type SiResult } from './social-insurance';

// ---------------------------------------------------------------- expression language

type Node =
  | { k: 'num'; v: Dec }
  | { k: 'var'; name: string }
  | { k: 'neg'; a: Node }
  | { k: 'bin'; op: '+' | '-' | '*' | '/' | '<' | '>' | '<=' | '>=' | '=='; a: Node; b: Node }
  | { k: 'call'; fn: string; args: Node[] };

const FUNCS: Record<string, (args: Dec[]) => Dec> = {
  min: (a) => a.reduce((x, y) => (x.lessThan(y) ? x : y)),
  max: (a) => a.reduce((x, y) => (x.greaterThan(y) ? x : y)),
  round: (a) => a[0].toDecimalPlaces(a[1] ? a[1].toNumber() : 0, D.ROUND_HALF_UP),
  floor: (a) => a[0].floor(),
  ceil: (a) => a[0].ceil(),
  if: (a) => (a[0].isZero() ? a[2] : a[1]),
};

function tokenize(src: string): string[] {
  const out: string[] = [];
  const re = /\s*(\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|<=|>=|==|[-+*/(),<>])/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new DomainError('error.payroll_formula_invalid', { formula: src, at: i + 1 });
    out.push(m[1]);
    i = re.lastIndex;
  }
  return out;
}

/** Parse a formula into a tree (throws error.payroll_formula_invalid). */
export function parseFormula(src: string): Node {
  const toks = tokenize(src);
  let p = 0;
  const bad = (): never => {
    throw new DomainError('error.payroll_formula_invalid', { formula: src, at: p + 1 });
  };
  const peek = () => toks[p];
  const eat = (t?: string) => {
    const x = toks[p];
    if (x === undefined || (t && x !== t)) bad();
    p++;
    return x;
  };
  function cmp(): Node {
    let a = sum();
    while (['<', '>', '<=', '>=', '=='].includes(peek())) {
      const op = eat() as '<';
      a = { k: 'bin', op, a, b: sum() };
    }
    return a;
  }
  function sum(): Node {
    let a = term();
    while (peek() === '+' || peek() === '-') {
      const op = eat() as '+';
      a = { k: 'bin', op, a, b: term() };
    }
    return a;
  }
  function term(): Node {
    let a = unary();
    while (peek() === '*' || peek() === '/') {
      const op = eat() as '*';
      a = { k: 'bin', op, a, b: unary() };
    }
    return a;
  }
  function unary(): Node {
    if (peek() === '-') {
      eat();
      return { k: 'neg', a: unary() };
    }
    if (peek() === '+') {
      eat();
      return unary();
    }
    return atom();
  }
  function atom(): Node {
    const t = peek();
    if (t === undefined) return bad();
    if (t === '(') {
      eat();
      const e = cmp();
      eat(')');
      return e;
    }
    if (/^\d/.test(t)) {
      eat();
      return { k: 'num', v: new D(t) };
    }
    if (/^[A-Za-z_]/.test(t)) {
      eat();
      if (peek() === '(') {
        if (!FUNCS[t.toLowerCase()]) bad();
        eat('(');
        const args: Node[] = [];
        if (peek() !== ')') {
          args.push(cmp());
          while (peek() === ',') {
            eat();
            args.push(cmp());
          }
        }
        eat(')');
        return { k: 'call', fn: t.toLowerCase(), args };
      }
      return { k: 'var', name: t };
    }
    return bad();
  }
  const tree = cmp();
  if (p !== toks.length) bad();
  return tree;
}

/** Names a formula refers to (its dependencies). */
export function formulaRefs(n: Node, out = new Set<string>()): Set<string> {
  if (n.k === 'var') out.add(n.name);
  else if (n.k === 'neg') formulaRefs(n.a, out);
  else if (n.k === 'bin') {
    formulaRefs(n.a, out);
    formulaRefs(n.b, out);
  } else if (n.k === 'call') n.args.forEach((a) => formulaRefs(a, out));
  return out;
}

export function evalFormula(n: Node, vars: (name: string) => Dec, src = ''): Dec {
  switch (n.k) {
    case 'num':
      return n.v;
    case 'var':
      return vars(n.name);
    case 'neg':
      return evalFormula(n.a, vars, src).neg();
    case 'call': {
      const args = n.args.map((a) => evalFormula(a, vars, src));
      if (args.length === 0 || (n.fn === 'if' && args.length !== 3)) throw new DomainError('error.payroll_formula_invalid', { formula: src, at: 0 });
      return FUNCS[n.fn](args);
    }
    case 'bin': {
      const a = evalFormula(n.a, vars, src);
      const b = evalFormula(n.b, vars, src);
      switch (n.op) {
        case '+': return a.add(b);
        case '-': return a.sub(b);
        case '*': return a.mul(b);
        case '/':
          if (b.isZero()) throw new DomainError('error.payroll_formula_div_zero', { formula: src });
          return a.div(b);
        case '<': return new D(a.lessThan(b) ? 1 : 0);
        case '>': return new D(a.greaterThan(b) ? 1 : 0);
        case '<=': return new D(a.lessThanOrEqualTo(b) ? 1 : 0);
        case '>=': return new D(a.greaterThanOrEqualTo(b) ? 1 : 0);
        case '==': return new D(a.equals(b) ? 1 : 0);
      }
    }
  }
}

// ---------------------------------------------------------------- components

export const COMPONENT_KINDS = ['earning', 'deduction'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];
/** base: the month's base salary; fixed: an amount; formula: an expression; hours: hours × rate. */
export const CALC_METHODS = ['calc_base', 'calc_fixed', 'calc_formula', 'calc_hours'] as const;
export type CalcMethod = (typeof CALC_METHODS)[number];
export const HOURS_SOURCES = ['hours_overtime', 'hours_timesheet'] as const;
export type HoursSource = (typeof HOURS_SOURCES)[number];

export interface ComponentSpec {
  /** Code used in formulas, e.g. BASIC, MEAL, OT. */
  code: string;
  name: string;
  kind: ComponentKind;
  calc: CalcMethod;
  /** Fixed amount (minor units) for calc_fixed. */
  amount?: number;
  formula?: string;
  /** Rate per hour (minor units) for calc_hours. */
  hourlyRate?: number;
  hoursSource?: HoursSource;
  /** Earnings: part of taxable income. Deductions: deducted before tax. */
  taxable: boolean;
  /** Multiply by paid days / working days (attendance, unpaid leave, mid-month joiners). */
  prorate: boolean;
}

export type TaxRule =
  | { scheme: 'cn_iit'; ytd: IitYtd; additionalDeductions: number }
  /** Flat rate over (taxable − monthly allowance). */
  | { scheme: 'flat'; ratePercent: string; allowance: number }
  /** Progressive monthly brackets: [upper bound of the slice (minor, 0 = no limit), rate %]. */
  | { scheme: 'brackets'; allowance: number; brackets: readonly { upTo: number; ratePercent: string }[] }
  | { scheme: 'none' };

export interface PayInput {
  /** Monthly base salary as of the month (minor units). */
  baseSalary: number;
  components: readonly ComponentSpec[];
  /** Working days of the month (calendar) and days paid (after unpaid leave, absence, joining/leaving). */
  workDays: number | string;
  paidDays: number | string;
  overtimeHours?: string;
  timesheetHours?: string;
  lateCount?: number;
  absentDays?: string;
  unpaidLeaveDays?: string;
  /** Social insurance policy (null: none, e.g. a foreign country). */
  si: SiPolicy | null;
  /** Declared contribution base (minor); 0 = the month's prorated gross. */
  siBase: number;
  tax: TaxRule;
}

export interface PayLine {
  code: string;
  name: string;
  kind: ComponentKind;
  amount: number;
  taxable: boolean;
}

export interface PayResult {
  lines: PayLine[];
  gross: number;
  taxableIncome: number;
  preTaxDeductions: number;
  /** Post-tax deductions (advances, fines): credited to "other deductions". */
  otherDeductions: number;
  si: SiResult | null;
  siEmployee: number;
  siEmployer: number;
  hfEmployee: number;
  hfEmployer: number;
  tax: number;
  net: number;
  /** What the month costs the employer: gross + employer contributions. */
  employerCost: number;
  /** China: year-to-date state after this month. */
  ytd?: IitYtd;
  cumulativeTaxable?: number;
}

const halfUp = (d: Dec) => d.toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();

/** Evaluation order of the components: dependencies first; refuses cycles and unknown names. */
export function componentOrder(components: readonly ComponentSpec[], variables: ReadonlySet<string>): ComponentSpec[] {
  const byCode = new Map(components.map((c) => [c.code, c]));
  const state = new Map<string, 1 | 2>();
  const out: ComponentSpec[] = [];
  const visit = (c: ComponentSpec, path: string[]) => {
    if (state.get(c.code) === 2) return;
    if (state.get(c.code) === 1) throw new DomainError('error.payroll_formula_cycle', { path: [...path, c.code].join(' → ') });
    state.set(c.code, 1);
    if (c.calc === 'calc_formula') {
      for (const ref of formulaRefs(parseFormula(c.formula ?? ''))) {
        const dep = byCode.get(ref);
        if (dep) visit(dep, [...path, c.code]);
        else if (!variables.has(ref)) throw new DomainError('error.payroll_formula_unknown', { name: ref, code: c.code });
      }
    }
    state.set(c.code, 2);
    out.push(c);
  };
  for (const c of components) visit(c, []);
  return out;
}

/** Monthly tax of a non-cumulative rule (flat / brackets). */
export function ruleTax(taxable: number, rule: Extract<TaxRule, { scheme: 'flat' | 'brackets' }>): number {
  const base = Math.max(0, taxable - rule.allowance);
  if (rule.scheme === 'flat') return halfUp(new D(base).mul(new D(rule.ratePercent || '0')).div(100));
  let rest = new D(base);
  let prev = 0;
  let tax = new D(0);
  for (const b of rule.brackets) {
    if (rest.lte(0)) break;
    const width = b.upTo > 0 ? new D(b.upTo - prev) : rest;
    const slice = D.min(rest, width);
    tax = tax.add(slice.mul(new D(b.ratePercent || '0')).div(100));
    rest = rest.sub(slice);
    prev = b.upTo;
  }
  return halfUp(tax);
}

export function computePayslip(inp: PayInput): PayResult {
  const workDays = new D(inp.workDays);
  const paidDays = new D(inp.paidDays);
  const ratio = workDays.isZero() ? new D(0) : D.min(D.max(paidDays.div(workDays), 0), 1);
  const major = (minor: number) => new D(minor).div(100);
  const vars: Record<string, Dec> = {
    base: major(inp.baseSalary),
    work_days: workDays,
    paid_days: paidDays,
    ot_hours: new D(inp.overtimeHours || '0'),
    ts_hours: new D(inp.timesheetHours || '0'),
    late_count: new D(inp.lateCount ?? 0),
    absent_days: new D(inp.absentDays || '0'),
    unpaid_days: new D(inp.unpaidLeaveDays || '0'),
  };
  const values = new Map<string, number>();
  const lines: PayLine[] = [];
  const lookup = (name: string): Dec => {
    if (values.has(name)) return major(values.get(name)!);
    if (name in vars) return vars[name];
    throw new DomainError('error.payroll_formula_unknown', { name, code: '' });
  };
  const order = componentOrder(inp.components, new Set(Object.keys(vars)));
  for (const c of order) {
    let amount: Dec;
    switch (c.calc) {
      case 'calc_base': amount = new D(inp.baseSalary); break;
      case 'calc_fixed': amount = new D(c.amount ?? 0); break;
      case 'calc_hours': amount = new D(c.hourlyRate ?? 0).mul(c.hoursSource === 'hours_timesheet' ? vars.ts_hours : vars.ot_hours); break;
      case 'calc_formula': amount = evalFormula(parseFormula(c.formula ?? ''), lookup, c.formula).mul(100); break;
    }
    if (c.prorate) amount = amount.mul(ratio);
    const v = halfUp(amount);
    values.set(c.code, v);
  }
  // lines in the structure's order, not evaluation order
  for (const c of inp.components) lines.push({ code: c.code, name: c.name, kind: c.kind, amount: values.get(c.code)!, taxable: c.taxable });
  const earnings = lines.filter((l) => l.kind === 'earning');
  const deductions = lines.filter((l) => l.kind === 'deduction');
  const gross = earnings.reduce((s, l) => s + l.amount, 0);
  const preTaxDeductions = deductions.filter((l) => l.taxable).reduce((s, l) => s + l.amount, 0);
  const otherDeductions = deductions.filter((l) => !l.taxable).reduce((s, l) => s + l.amount, 0);
  const taxableEarnings = earnings.filter((l) => l.taxable).reduce((s, l) => s + l.amount, 0);
  const si = inp.si ? socialInsurance(inp.siBase > 0 ? inp.siBase : gross, inp.si) : null;
  const siEmployee = si?.siEmployee ?? 0;
  const hfEmployee = si?.hfEmployee ?? 0;
  const taxableIncome = taxableEarnings - preTaxDeductions;
  let tax = 0;
  let ytd: IitYtd | undefined;
  let cumulativeTaxable: number | undefined;
  if (inp.tax.scheme === 'cn_iit') {
    const r = cnIitMonth(inp.tax.ytd, { income: taxableIncome, specialDeductions: siEmployee + hfEmployee, additionalDeductions: inp.tax.additionalDeductions });
    tax = r.tax;
    ytd = r.ytd;
    cumulativeTaxable = r.cumulativeTaxable;
  } else if (inp.tax.scheme !== 'none') {
    tax = ruleTax(taxableIncome - siEmployee - hfEmployee, inp.tax);
  }
  const net = gross - siEmployee - hfEmployee - tax - preTaxDeductions - otherDeductions;
  return {
    lines, gross, taxableIncome, preTaxDeductions, otherDeductions, si,
    siEmployee, siEmployer: si?.siEmployer ?? 0, hfEmployee, hfEmployer: si?.hfEmployer ?? 0,
    tax, net, employerCost: gross + (si?.siEmployer ?? 0) + (si?.hfEmployer ?? 0), ytd, cumulativeTaxable,
  };
}

// ---------------------------------------------------------------- journal lines

export interface PayrollAccounts {
  salaryExpense: string;
  employerContributionExpense: string;
  payableToEmployees: string;
  iitPayable: string;
  siPayable: string;
  housingFundPayable: string;
  /** Post- and pre-tax deductions withheld for someone else (advances, union dues). */
  otherDeductionsPayable: string;
}

export interface PayslipTotals {
  gross: number;
  siEmployee: number;
  siEmployer: number;
  hfEmployee: number;
  hfEmployer: number;
  tax: number;
  preTaxDeductions: number;
  otherDeductions: number;
  net: number;
}

export interface JournalLineDraft {
  account: string;
  debit: number;
  credit: number;
  remarks: string;
}

/**
 * The payroll run's ONE journal entry (pure), from the sum of its payslips:
 *   Dr salary expense (gross)                 Cr payable to employees (net)
 *   Dr employer contributions (SI + HF, er)   Cr IIT payable
 *                                             Cr social insurance payable (ee + er)
 *                                             Cr housing fund payable (ee + er)
 *                                             Cr other deductions payable
 * Each payslip already satisfies gross = net + SI(ee) + HF(ee) + tax + deductions, so the entry
 * balances to the fen; a mismatch is a bug and refuses the posting (error.unbalanced).
 */
export function payrollJournalLines(slips: readonly PayslipTotals[], acc: PayrollAccounts, remarks: string): JournalLineDraft[] {
  const t = slips.reduce(
    (s, p) => {
      for (const k of Object.keys(s) as (keyof PayslipTotals)[]) s[k] += p[k];
      return s;
    },
    { gross: 0, siEmployee: 0, siEmployer: 0, hfEmployee: 0, hfEmployer: 0, tax: 0, preTaxDeductions: 0, otherDeductions: 0, net: 0 } as PayslipTotals,
  );
  const lines: JournalLineDraft[] = [
    { account: acc.salaryExpense, debit: t.gross, credit: 0, remarks: `${remarks} · gross pay` },
    { account: acc.employerContributionExpense, debit: t.siEmployer + t.hfEmployer, credit: 0, remarks: `${remarks} · employer contributions` },
    { account: acc.payableToEmployees, debit: 0, credit: t.net, remarks: `${remarks} · net pay` },
    { account: acc.iitPayable, debit: 0, credit: t.tax, remarks: `${remarks} · IIT withheld` },
    { account: acc.siPayable, debit: 0, credit: t.siEmployee + t.siEmployer, remarks: `${remarks} · social insurance` },
    { account: acc.housingFundPayable, debit: 0, credit: t.hfEmployee + t.hfEmployer, remarks: `${remarks} · housing fund` },
    { account: acc.otherDeductionsPayable, debit: 0, credit: t.preTaxDeductions + t.otherDeductions, remarks: `${remarks} · other deductions` },
  ];
  // a negative net (deductions above gross) flips to the other side rather than a negative amount
  return lines
    .map((l) => (l.debit < 0 ? { ...l, debit: 0, credit: -l.debit } : l.credit < 0 ? { ...l, credit: 0, debit: -l.credit } : l))
    .filter((l) => l.debit !== 0 || l.credit !== 0);
}
