/**
 * People benchmarks, each beside a raw-Dexie floor of the same writes in the same run:
 * - a payroll run for 2,000 employees (create with draft payslips + submit with the journal
 *   entry) versus one raw transaction writing 2,000 payslip rows, their audit and outbox rows
 *   and the series counter, then a second marking them submitted;
 * - a roster of 300 employees × 4 weeks (8,400 cells, one setRosterCells transaction per week)
 *   versus raw transactions writing the same assignment, audit and outbox rows.
 */
import { submitDoc, type Session } from '../../../shared/api';
import { newId } from '../../../shared/kernel/ids';
import { searchTokens } from '../../../shared/kernel/validate';
import { getDocType } from '../../../shared/kernel/registry';
import { createPayrollRun, setRosterCells, addDays, type RosterCell } from '../../../shared/people/index';
import { registerScenario, result, type BenchContext } from '../harness';
import { benchCompany } from '../company';

/** Employees and their structure assignments written raw (setup, not measured). */
async function seedEmployees(s: Session, n: number): Promise<string[]> {
  const def = getDocType('Employee');
  const structure = (await s.db.t<{ id: string }>('salary_structures').where('number').equals('Standard').first())!.id;
  const policy = (await s.db.t<{ id: string }>('si_policies').where('number').equals('CN-DEFAULT').first())?.id ?? '';
  const base = { branchId: s.branchId, status: 'active', createdAt: '', createdBy: '', modifiedAt: new Date().toISOString(), modifiedBy: '', _hlc: '', deleted: 0, _rev: 1 };
  const emps = [];
  const assigns = [];
  for (let i = 0; i < n; i++) {
    const id = newId();
    const r: Record<string, unknown> = {
      ...base, id, number: `EMP-${String(i).padStart(5, '0')}`, fullName: `Employee ${i}`, gender: '', dateOfBirth: '', department: '', position: 'Clerk', branchCode: s.settings.branchCode,
      manager: '', hireDate: '2024-01-01', leaveDate: '', employmentState: 'emp_active', email: '', phone: '', userId: '', idNumber: '', bankName: 'ICBC', bankAccount: `6222${i}`,
      baseSalary: 600_000 + (i % 50) * 100_000, costRate: 5000, siPolicy: policy, siBase: 0, taxScheme: 'cn_iit', taxRule: '', additionalDeductions: (i % 3) * 100_000,
    };
    r._search = searchTokens(def, r);
    emps.push(r);
    assigns.push({ ...base, id: newId(), number: `SSA-${i}`, employee: id, salaryStructure: structure, effectiveFrom: '2024-01-01', _search: [] });
  }
  await s.db.t('employees').bulkAdd(emps);
  await s.db.t('salary_assignments').bulkAdd(assigns);
  return emps.map((e) => e.id as string);
}

async function payrollRun(s: Session, ctx: BenchContext) {
  const n = 2000;
  await seedEmployees(s, n);
  ctx.log(`seeded ${n} employees`);
  const t0 = performance.now();
  const runId = newId();
  await s.db.transaction('rw', ['payslips', 'payroll_runs', 'series', 'audit', 'outbox'], async (tx) => {
    await tx.table('payroll_runs').put({ id: runId, number: 'RAW-RUN', status: 'draft', period: '2025-12', deleted: 0 });
    for (let i = 0; i < n; i++) {
      const row = await tx.table('series').get('RAW-SLIP');
      await tx.table('series').put({ key: 'RAW-SLIP', next: (row?.next ?? 0) + 1 });
      const id = newId();
      await tx.table('payslips').add({ id, number: `RAW-${i}`, status: 'draft', payrollRun: runId, employee: `e${i}`, period: '2025-12', netPay: 1, deleted: 0, lines: [{ code: 'BASIC', amount: 1 }] });
      await tx.table('audit').add({ id: newId(), at: '', docType: 'Payslip', docId: id, action: 'create', changes: [] });
      await tx.table('outbox').bulkAdd([{ changeId: newId(), table: 'payslips', data: {} }, { changeId: newId(), table: 'audit', data: {} }]);
    }
  });
  await s.db.transaction('rw', ['payslips', 'audit', 'outbox'], async (tx) => {
    const rows = await tx.table('payslips').where('payrollRun').equals(runId).toArray();
    for (const r of rows) {
      await tx.table('payslips').put({ ...r, status: 'submitted' });
      await tx.table('audit').add({ id: newId(), at: '', docType: 'Payslip', docId: r.id, action: 'submit', changes: [] });
      await tx.table('outbox').bulkAdd([{ changeId: newId(), table: 'payslips', data: {} }, { changeId: newId(), table: 'audit', data: {} }]);
    }
  });
  const raw = performance.now() - t0;
  ctx.log(`raw: ${raw.toFixed(0)} ms`);
  const t1 = performance.now();
  const run = await createPayrollRun(s, { period: '2026-01' });
  const created = performance.now() - t1;
  await submitDoc(s, 'PayrollRun', run.id);
  const svc = performance.now() - t1;
  ctx.log(`services: create ${created.toFixed(0)} ms, create + submit ${svc.toFixed(0)} ms`);
  return result(`people: payroll run for ${n} employees (compute + payslips + submit + GL)`, svc, 'ms', raw);
}

async function roster(s: Session, ctx: BenchContext, emps: string[]) {
  const shift = newId();
  await s.db.t('shift_types').add({ id: shift, number: 'BENCH', code: 'BENCH', shiftName: 'Bench', startTime: '09:00', endTime: '18:00', graceMinutes: 5, status: 'active', deleted: 0, _search: [], modifiedAt: '' });
  const weeks = 4;
  const start = '2026-02-02';
  const t0 = performance.now();
  for (let w = 0; w < weeks; w++) {
    await s.db.transaction('rw', ['shift_assignments', 'series', 'audit', 'outbox'], async (tx) => {
      for (const e of emps) for (let d = 0; d < 7; d++) {
        const row = await tx.table('series').get('RAW-SHIFT');
        await tx.table('series').put({ key: 'RAW-SHIFT', next: (row?.next ?? 0) + 1 });
        const id = newId();
        await tx.table('shift_assignments').add({ id, number: `RAW-${w}-${e}-${d}`, employee: `raw-${e}`, date: addDays(start, w * 7 + d), shiftType: shift, status: 'active', deleted: 0, _search: [] });
        await tx.table('audit').add({ id: newId(), at: '', docType: 'ShiftAssignment', docId: id, action: 'create', changes: [] });
        await tx.table('outbox').bulkAdd([{ changeId: newId(), table: 'shift_assignments', data: {} }, { changeId: newId(), table: 'audit', data: {} }]);
      }
    });
  }
  const raw = performance.now() - t0;
  const t1 = performance.now();
  for (let w = 0; w < weeks; w++) {
    const cells: RosterCell[] = [];
    for (const e of emps) for (let d = 0; d < 7; d++) cells.push({ employee: e, date: addDays(start, w * 7 + d), shiftType: shift });
    await setRosterCells(s, cells);
  }
  const svc = performance.now() - t1;
  ctx.log(`roster raw ${raw.toFixed(0)} ms, services ${svc.toFixed(0)} ms`);
  return result(`people: roster ${emps.length} employees × ${weeks} weeks (${emps.length * weeks * 7} cells)`, svc, 'ms', raw);
}

registerScenario({
  name: 'people',
  async run(ctx) {
    const s = await benchCompany('people');
    const out = [await payrollRun(s, ctx)];
    const emps = (await s.db.t<{ id: string }>('employees').limit(300).toArray()).map((e) => e.id);
    out.push(await roster(s, ctx, emps));
    return out;
  },
});
