/**
 * Employee self-service: what a login linked to an employee record (Employee.userId) may do
 * without any people rights — see their own record's public fields, their leave requests and
 * balances, and request leave — and what a manager sees of their direct reports' open requests.
 *
 * Rights: the pages are offered to roles holding 'read' on the pseudo type `PeopleSelfService`
 * (the "Employee self-service" role installed with every company). The services themselves
 * check the link, not the role: a user acts only for the employee linked to their own login,
 * and approvals stay with `decideLeave` (manager of the employee, or HR).
 * Nothing here returns an hr-private field.
 */
import Decimal from 'decimal.js';
import { DomainError } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { Session } from '../kernel/session';
import { D } from '../kernel/money';
import { requestLeave } from './leave.service';

/** Rights key of the self-service pages (a pseudo document type, like the system module's 'User'). */
export const SELF_SERVICE = 'PeopleSelfService';
/** Id of the built-in self-service role a new company gets. */
export const SELF_SERVICE_ROLE_ID = 'role-people-self';

export interface SelfEmployee {
  id: string;
  number: string;
  fullName: string;
  position: string;
  managerName: string;
}

export interface SelfLeaveType {
  id: string;
  code: string;
  name: string;
  paid: boolean;
  unlimited: boolean;
}

export interface OwnLeaveRequest {
  id: string;
  number: string;
  leaveTypeName: string;
  fromDate: string;
  toDate: string;
  days: string;
  halfDay: boolean;
  reason: string;
  approvalState: string;
  approver: string;
  decisionComment: string;
}

export interface OwnLeaveBalance {
  leaveType: string;
  leaveTypeName: string;
  /** Allocated + carried forward − approved, this year. */
  balance: string;
  /** Days in open requests. */
  pending: string;
}

const live = (r: BaseRecord | undefined): r is BaseRecord => !!r && !r.deleted;

async function linkedEmployee(s: Session): Promise<BaseRecord | undefined> {
  return s.db.t<BaseRecord>('employees').where('userId').equals(s.user.id).filter((e) => !e.deleted).first();
}

/** The employee record linked to the signed-in login (public fields only), or null. */
export async function myEmployee(s: Session): Promise<SelfEmployee | null> {
  const e = await linkedEmployee(s);
  if (!e) return null;
  const mgr = e.manager ? await s.db.t<BaseRecord>('employees').get(e.manager as string) : undefined;
  return { id: e.id, number: e.number, fullName: String(e.fullName), position: String(e.position ?? ''), managerName: live(mgr) ? String(mgr.fullName) : '' };
}

/** Leave types anyone may request. */
export async function selfLeaveTypes(s: Session): Promise<SelfLeaveType[]> {
  const rows = await s.db.t<BaseRecord>('leave_types').filter((t) => !t.deleted).toArray();
  return rows.map((t) => ({ id: t.id, code: String(t.code), name: String(t.leaveTypeName), paid: !!t.paid, unlimited: !!t.unlimited })).sort((a, b) => a.code.localeCompare(b.code));
}

/** The signed-in employee's leave requests, newest first (empty when the login is not linked). */
export async function myLeaveRequests(s: Session): Promise<OwnLeaveRequest[]> {
  const e = await linkedEmployee(s);
  if (!e) return [];
  const types = new Map((await selfLeaveTypes(s)).map((t) => [t.id, t.name]));
  const rows = await s.db.t<BaseRecord>('leave_requests').where('employee').equals(e.id).filter((r) => !r.deleted).toArray();
  return rows
    .sort((a, b) => String(b.fromDate).localeCompare(String(a.fromDate)))
    .map((r) => ({
      id: r.id, number: r.number, leaveTypeName: types.get(r.leaveType as string) ?? '', fromDate: String(r.fromDate), toDate: String(r.toDate), days: String(r.days ?? ''),
      halfDay: !!r.halfDay, reason: String(r.reason ?? ''), approvalState: String(r.approvalState ?? ''), approver: String(r.approver ?? ''), decisionComment: String(r.decisionComment ?? ''),
    }));
}

/** Balances of the signed-in employee for `year`, per leave type that needs an allocation. */
export async function myLeaveBalances(s: Session, year: number): Promise<OwnLeaveBalance[]> {
  const e = await linkedEmployee(s);
  if (!e) return [];
  const types = (await selfLeaveTypes(s)).filter((t) => !t.unlimited);
  const allocs = await s.db.t<BaseRecord>('leave_allocations').where('employee').equals(e.id).filter((a) => !a.deleted && a.year === year).toArray();
  const reqs = await s.db.t<BaseRecord>('leave_requests').where('employee').equals(e.id).filter((r) => !r.deleted && r.status !== 'cancelled' && String(r.fromDate).startsWith(`${year}-`)).toArray();
  const sum = (xs: BaseRecord[], f: string) => xs.reduce((acc, x) => acc.add(new D((x[f] as string) || '0')), new D(0) as Decimal);
  return types.map((t) => {
    const a = allocs.filter((x) => x.leaveType === t.id);
    const r = reqs.filter((x) => x.leaveType === t.id);
    const taken = sum(r.filter((x) => x.status === 'submitted'), 'days');
    return { leaveType: t.id, leaveTypeName: t.name, balance: sum(a, 'days').add(sum(a, 'carriedForward')).sub(taken).toString(), pending: sum(r.filter((x) => x.status === 'draft'), 'days').toString() };
  });
}

/** Request leave for the employee linked to the signed-in login (see `requestLeave`). */
export async function requestOwnLeave(s: Session, input: { leaveType: string; fromDate: string; toDate: string; halfDay?: boolean; reason?: string }): Promise<BaseRecord> {
  const e = await linkedEmployee(s);
  if (!e) throw new DomainError('error.leave_no_employee');
  return requestLeave(s, { ...input, employee: e.id });
}
