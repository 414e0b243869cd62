/**
 * Employee self-service: HR links an employee to a login by user name; the linked user (with
 * only the self-service role, no people rights) requests their own leave — never someone
 * else's — and their manager (also self-service only) sees and decides the team's requests.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { byNumber, hire } from '../fixtures/people';
import { createUser, login, updateDoc, getDoc, DomainError } from '../../shared/api';
import {
  SELF_SERVICE, SELF_SERVICE_ROLE_ID, decideLeave, myEmployee, myLeaveBalances, myLeaveRequests, pendingApprovals, requestLeave, requestOwnLeave, selfLeaveTypes, allocateLeave,
} from '../../shared/people/index';

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code);
}

async function setup() {
  const { env, s } = await newCompany();
  for (const u of ['boss', 'worker', 'other']) await createUser(s, { username: u, password: `${u}-pass-123`, roleIds: [SELF_SERVICE_ROLE_ID] }, 1000);
  const boss = await hire(s, { fullName: 'Wang Boss', hireDate: '2020-01-01', baseSalary: '30000.00', username: 'Boss' });
  const worker = await hire(s, { fullName: 'Zhao Worker', hireDate: '2024-01-01', baseSalary: '9000.00', username: 'worker', manager: boss.id });
  const other = await hire(s, { fullName: 'Li Other', hireDate: '2024-01-01', baseSalary: '9000.00', username: 'other' });
  const as = (u: string) => login(env, s.company.id, u, `${u}-pass-123`);
  return { env, s, boss, worker, other, mgr: await as('boss'), me: await as('worker'), them: await as('other') };
}

describe('employee self-service', () => {
  it('links an employee to a login by user name, refusing unknown and already-linked names', async () => {
    const { s, boss, worker, mgr } = await setup();
    expect(boss.userId).toBe(mgr.user.id);
    expect(boss.username).toBe('boss');
    await expectCode(hire(s, { fullName: 'Ghost', hireDate: '2024-01-01', username: 'nobody' }), 'error.employee_user_unknown');
    await expectCode(hire(s, { fullName: 'Twin', hireDate: '2024-01-01', username: 'worker' }), 'error.employee_user_taken');
    // clearing the name unlinks; an edit that leaves it alone keeps the link
    const cur = await getDoc(s, 'Employee', worker.id);
    const kept = await updateDoc(s, 'Employee', worker.id, { ...cur, position: 'Clerk', userId: '' }, cur._rev);
    expect(kept.userId).toBe(worker.userId);
    const un = await updateDoc(s, 'Employee', worker.id, { ...kept, username: '' }, kept._rev);
    expect(un.userId).toBe('');
  });

  it('the self-service role has no people rights but sees its pages', async () => {
    const { me } = await setup();
    expect(me.can(SELF_SERVICE, 'read')).toBe(true);
    expect(me.can('LeaveRequest', 'read')).toBe(false);
    expect(me.can('Employee', 'read')).toBe(false);
    const e = await myEmployee(me);
    expect(e).toMatchObject({ fullName: 'Zhao Worker', managerName: 'Wang Boss' });
    expect(Object.keys(e!)).not.toContain('baseSalary');
  });

  it('requests own leave only; the manager decides it from the team queue; the employee sees the outcome', async () => {
    const { s, worker, other, mgr, me, them } = await setup();
    const unpaid = (await selfLeaveTypes(me)).find((t) => t.code === 'UNPAID')!;
    expect(unpaid.paid).toBe(false);
    await expectCode(requestLeave(me, { employee: other.id, leaveType: unpaid.id, fromDate: '2026-06-08', toDate: '2026-06-09' }), 'error.forbidden');
    const r = await requestOwnLeave(me, { leaveType: unpaid.id, fromDate: '2026-06-08', toDate: '2026-06-09', reason: 'Family matters' });
    expect(r).toMatchObject({ employee: worker.id, days: '2', approvalState: 'leave_open' });
    expect(await pendingApprovals(them, 'team')).toEqual([]);
    const queue = await pendingApprovals(mgr, 'team');
    expect(queue.map((x) => [x.number, x.employeeName, x.leaveTypeName, x.paid])).toEqual([[r.number, 'Zhao Worker', 'Unpaid leave', false]]);
    // HR sees every open request; on the team page only their own reports (none)
    expect((await pendingApprovals(s)).map((x) => x.id)).toEqual([r.id]);
    expect(await pendingApprovals(s, 'team')).toEqual([]);
    await expectCode(decideLeave(them, r.id, 'approve'), 'error.leave_not_approver');
    await decideLeave(mgr, r.id, 'approve', 'Take care');
    const mine = await myLeaveRequests(me);
    expect(mine.map((x) => [x.number, x.approvalState, x.decisionComment, x.days])).toEqual([[r.number, 'leave_approved', 'Take care', '2']]);
    expect(await myLeaveRequests(them)).toEqual([]);
  });

  it('shows balances of allocated leave types, and refuses a login without an employee', async () => {
    const { env, s, me } = await setup();
    const annual = await byNumber(s, 'leave_types', 'ANNUAL');
    await allocateLeave(s, { year: 2026, leaveType: annual.id, days: 10 });
    await requestOwnLeave(me, { leaveType: annual.id, fromDate: '2026-06-08', toDate: '2026-06-10' });
    const b = await myLeaveBalances(me, 2026);
    expect(b.find((x) => x.leaveType === annual.id)).toMatchObject({ balance: '10', pending: '3' });
    expect(b.some((x) => x.leaveTypeName === 'Unpaid leave')).toBe(false);
    await createUser(s, { username: 'loner', password: 'loner-pass-123', roleIds: [SELF_SERVICE_ROLE_ID] }, 1000);
    const loner = await login(env, s.company.id, 'loner', 'loner-pass-123');
    expect(await myEmployee(loner)).toBeNull();
    await expectCode(requestOwnLeave(loner, { leaveType: annual.id, fromDate: '2026-06-08', toDate: '2026-06-08' }), 'error.leave_no_employee');
  });
});
