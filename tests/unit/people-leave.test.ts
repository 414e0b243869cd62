/**
 * Leave: working days (weekends, holidays, make-up workdays), overlaps refused, approval by
 * the manager only with a notification to the employee, balances with carry-forward, and no
 * approval beyond the balance unless the type allows it. Plus roster, attendance and projects.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { byNumber, hire } from '../fixtures/people';
import { createDoc, createUser, login, cancelDoc, DomainError, type Session } from '../../shared/api';
import { importDocs } from '../../shared/kernel/import.service';
import {
  requestLeave, decideLeave, leaveBalance, allocateLeave, pendingApprovals, rosterWeek, setRosterCells, copyRosterWeek, leaveConflict,
  projectCost, whoIsWorkingOnWhat, moveTask,
} from '../../shared/people/index';

async function expectCode(p: Promise<unknown>, code: string): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    expect((e as DomainError).code).toBe(code);
    return e as DomainError;
  }
  throw new Error(`expected ${code}`);
}

async function setup() {
  const { env, s } = await newCompany();
  await createUser(s, { username: 'mgr', password: 'manager-pass-1', roleIds: ['role-sales'] }, 1000);
  await createUser(s, { username: 'emp', password: 'employee-pass-1', roleIds: ['role-sales'] }, 1000);
  const users = await s.db.t<{ id: string; username: string }>('users').toArray();
  const uid = (n: string) => users.find((u) => u.username === n)!.id;
  const boss = await hire(s, { fullName: 'Wang Boss', hireDate: '2020-01-01', baseSalary: '30000.00', userId: uid('mgr') });
  const emp = await hire(s, { fullName: 'Zhao Worker', hireDate: '2024-01-01', baseSalary: '9000.00', userId: uid('emp'), manager: boss.id });
  const annual = await byNumber(s, 'leave_types', 'ANNUAL');
  await createDoc(s, 'HolidayCalendar', { calendarName: 'China 2026', holidays: [{ date: '2026-10-01', description: 'National Day' }, { date: '2026-10-02' }, { date: '2026-10-05' }], workdays: [{ date: '2026-10-10', description: '调休' }] });
  const mgr = await login(env, s.company.id, 'mgr', 'manager-pass-1');
  const worker = await login(env, s.company.id, 'emp', 'employee-pass-1');
  return { env, s, boss, emp, annual, mgr, worker };
}

const notices = (s: Session, userId: string) => s.db.t<Record<string, unknown>>('notifications').filter((n) => n.userId === userId).toArray();

describe('leave', () => {
  it('counts working days, refuses overlaps, and lets only the manager approve, notifying the employee', async () => {
    const { s, emp, annual, mgr, worker } = await setup();
    await allocateLeave(s, { year: 2026, leaveType: annual.id, days: 10 });
    // Thu 1 Oct – Sat 10 Oct: holidays 1, 2, 5; weekend 3–4; make-up workday Sat 10 -> 6, 7, 8, 9, 10 = 5 days
    const r = await requestLeave(s, { employee: emp.id, leaveType: annual.id, fromDate: '2026-10-01', toDate: '2026-10-10' });
    expect(r.days).toBe('5');
    expect(r.approvalState).toBe('leave_open');
    expect(await notices(s, mgr.user.id)).toHaveLength(1);
    await expectCode(requestLeave(s, { employee: emp.id, leaveType: annual.id, fromDate: '2026-10-09', toDate: '2026-10-12' }), 'error.leave_overlap');
    await expectCode(requestLeave(s, { employee: emp.id, leaveType: annual.id, fromDate: '2026-10-03', toDate: '2026-10-04' }), 'error.leave_no_working_days');
    expect((await pendingApprovals(mgr)).map((x) => x.id)).toEqual([r.id]);
    await expectCode(decideLeave(worker, r.id, 'approve'), 'error.leave_not_approver');
    const ok = await decideLeave(mgr, r.id, 'approve', 'Enjoy');
    expect(ok.status).toBe('submitted');
    expect(ok.approvalState).toBe('leave_approved');
    const n = await notices(s, worker.user.id);
    expect(n.map((x) => x.messageKey)).toEqual(['notice.leave_approved']);
    expect(n[0]).toMatchObject({ kind: 'leave', read: false, params: { number: r.number, comment: 'Enjoy' } });
    expect(await leaveBalance(s, emp.id, annual.id, 2026)).toMatchObject({ allocated: '10', taken: '5', balance: '5' });
    await expectCode(decideLeave(mgr, r.id, 'reject'), 'error.leave_not_open');
  });

  it('never approves beyond the balance unless the type allows it; rejection frees the days', async () => {
    const { s, emp, annual, mgr } = await setup();
    await allocateLeave(s, { year: 2026, leaveType: annual.id, days: 2 });
    const r = await requestLeave(s, { employee: emp.id, leaveType: annual.id, fromDate: '2026-03-02', toDate: '2026-03-04' });
    await expectCode(decideLeave(mgr, r.id, 'approve'), 'error.leave_insufficient_balance');
    const rejected = await decideLeave(mgr, r.id, 'reject', 'Too long');
    expect(rejected.approvalState).toBe('leave_rejected');
    // the same days can be asked again after a rejection
    const half = await requestLeave(s, { employee: emp.id, leaveType: annual.id, fromDate: '2026-03-02', toDate: '2026-03-02', halfDay: true });
    expect(half.days).toBe('0.5');
    const sick = await byNumber(s, 'leave_types', 'SICK');
    const long = await requestLeave(s, { employee: emp.id, leaveType: sick.id, fromDate: '2026-04-06', toDate: '2026-04-10' });
    expect((await decideLeave(mgr, long.id, 'approve')).status).toBe('submitted');
    expect((await leaveBalance(s, emp.id, sick.id, 2026)).balance).toBe('-5');
  });

  it('carries forward up to the type maximum', async () => {
    const { s, emp, annual, mgr } = await setup();
    await allocateLeave(s, { year: 2025, leaveType: annual.id, days: 10, employees: [emp.id] });
    const r = await requestLeave(s, { employee: emp.id, leaveType: annual.id, fromDate: '2025-06-02', toDate: '2025-06-03' });
    await decideLeave(mgr, r.id, 'approve');
    const [alloc] = await allocateLeave(s, { year: 2026, leaveType: annual.id, days: 10, employees: [emp.id] });
    expect(alloc.carriedForward).toBe('5'); // 8 left, ANNUAL carries at most 5
    expect((await leaveBalance(s, emp.id, annual.id, 2026)).balance).toBe('15');
    expect(await allocateLeave(s, { year: 2026, leaveType: annual.id, days: 10, employees: [emp.id] })).toEqual([]);
  });
});

describe('roster and attendance', () => {
  it('assigns shifts, shows approved leave as a conflict, copies last week into empty cells', async () => {
    const { s, emp, boss, annual, mgr } = await setup();
    const day = await createDoc(s, 'ShiftType', { code: 'DAY', shiftName: 'Day', startTime: '09:00', endTime: '18:00', graceMinutes: 5 });
    await allocateLeave(s, { year: 2026, leaveType: annual.id, days: 10 });
    const lr = await requestLeave(s, { employee: emp.id, leaveType: annual.id, fromDate: '2026-03-04', toDate: '2026-03-04' });
    await decideLeave(mgr, lr.id, 'approve');
    const week = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
    expect(await setRosterCells(s, week.flatMap((d) => [{ employee: emp.id, date: d, shiftType: day.id }, { employee: boss.id, date: d, shiftType: day.id }]))).toBe(10);
    const w = await rosterWeek(s, '2026-03-04');
    expect(w.weekStart).toBe('2026-03-02');
    expect(Object.keys(w.cells)).toHaveLength(10);
    expect(leaveConflict(w, emp.id, '2026-03-04')).toBe(true);
    expect(leaveConflict(w, emp.id, '2026-03-05')).toBe(false);
    await setRosterCells(s, [{ employee: boss.id, date: '2026-03-10', shiftType: day.id }]);
    expect(await copyRosterWeek(s, '2026-03-02', '2026-03-09')).toBe(9);
    expect(await setRosterCells(s, [{ employee: emp.id, date: '2026-03-02', shiftType: '' }])).toBe(1);
    expect(Object.keys((await rosterWeek(s, '2026-03-02')).cells)).toHaveLength(9);
  });

  it('imports attendance through the kernel import service, flags late arrivals, refuses duplicates', async () => {
    const { s, emp } = await setup();
    const day = await createDoc(s, 'ShiftType', { code: 'DAY', shiftName: 'Day', startTime: '09:00', endTime: '18:00', graceMinutes: 5 });
    await setRosterCells(s, [{ employee: emp.id, date: '2026-03-02', shiftType: day.id }]);
    const res = await importDocs(s, 'Attendance', [
      { employee: emp.number, date: '2026-03-02', attendanceState: 'att_present', checkIn: '09:12', checkOut: '18:00' },
      { employee: 'Zhao Worker', date: '2026-03-03', attendanceState: 'att_present', checkIn: '09:04', shiftType: 'DAY' },
    ]);
    expect(res.ok).toBe(true);
    const rows = await s.db.t<Record<string, unknown>>('attendance').toArray();
    expect(rows.map((r) => [r.date, r.late])).toEqual([['2026-03-02', true], ['2026-03-03', false]]);
    await expectCode(createDoc(s, 'Attendance', { employee: emp.id, date: '2026-03-02', attendanceState: 'att_absent' }), 'error.attendance_duplicate');
  });
});

describe('projects and timesheets', () => {
  it('costs a project at hours × each employee cost rate, and shows who works on what', async () => {
    const { env, s, emp, boss } = await setup();
    const { updateDoc, getDoc } = await import('../../shared/api');
    const e = await getDoc(s, 'Employee', emp.id);
    await updateDoc(s, 'Employee', emp.id, { ...e, costRate: '51.72' });
    const b = await getDoc(s, 'Employee', boss.id);
    await updateDoc(s, 'Employee', boss.id, { ...b, costRate: '172.41' });
    const p = await createDoc(s, 'Project', { projectName: 'Store fit-out' });
    const t1 = await createDoc(s, 'Task', { subject: 'Shelving', project: p.id, assignee: emp.id });
    const t2 = await createDoc(s, 'Task', { subject: 'Lighting', project: p.id, assignee: boss.id });
    await moveTask(s, t1.id, 'task_doing');
    await createDoc(s, 'Timesheet', { employee: emp.id, date: '2026-03-02', task: t1.id, hours: '7.5' });
    await createDoc(s, 'Timesheet', { employee: boss.id, date: '2026-03-02', task: t2.id, hours: '1.25' });
    const cost = await projectCost(s, p.id);
    expect(cost.hours).toBe('8.75');
    // 7.5 × 51.72 = 387.90; 1.25 × 172.41 = 215.5125 -> 215.51
    expect(cost.cost).toBe(38_790 + 21_551);
    const who = await whoIsWorkingOnWhat(s, '2026-03-03');
    expect(who).toEqual([{ employee: emp.id, name: 'Zhao Worker', tasks: [{ id: t1.id, subject: 'Shelving', project: p.id }], hoursThisWeek: '7.5' }]);
    const { createUser: cu } = await import('../../shared/api');
    await cu(s, { username: 'reader', password: 'reader-pass-1', roleIds: ['role-readonly'] }, 1000);
    const reader = await login(env, s.company.id, 'reader', 'reader-pass-1');
    expect((await projectCost(reader, p.id)).cost).toBeNull();
    await expectCode(cancelDoc(s, 'Task', t1.id), 'error.not_submittable');
  });
});
