/**
 * Leave: allocations with carry-forward, requests (working days, overlaps refused), approval
 * by the employee's manager with a notification to the employee, and balances.
 *
 * Invariants:
 * - A request counts working days only (weekends and the branch's holidays excluded, make-up
 *   workdays included); one employee never has two live requests over the same day.
 * - Approving submits the request (immutable from then on; HR cancels it to undo). It is
 *   refused beyond the balance unless the leave type allows a negative balance.
 * - Only the employee's manager (the login user linked to the manager's employee record), or a
 *   user with the 'admin' right on LeaveRequest (HR), decides a request; nobody decides their own.
 * - Balance(year) = allocated + carried forward − approved days starting in that year.
 */
import Decimal from 'decimal.js';
import { DomainError } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';
import { getDocType } from '../kernel/registry';
import { inDocTx, inTx, insertDocInTx } from '../kernel/docs.service';
import { normalizeDoc } from '../kernel/validate';
import { D } from '../kernel/money';
import { workingDays } from './people.calendar';
import { calendarFor, employeeBranch, getLive, notify } from './people.context';

const LIVE = (r: BaseRecord) => !r.deleted && r.status !== 'cancelled';

export const leaveRequestBehaviour: DocBehaviour = {
  tables: ['holiday_calendars', 'leave_allocations'],
  async beforeSave(doc, ctx) {
    if (doc.status !== 'draft') return;
    const from = doc.fromDate as string;
    const to = doc.toDate as string;
    if (from > to) throw new DomainError('error.leave_dates_order', {}, 'toDate');
    if (doc.halfDay && from !== to) throw new DomainError('error.leave_half_day_range', {}, 'halfDay');
    const emp = await getLive(ctx, 'employees', doc.employee as string, 'Employee');
    const cal = await calendarFor(ctx, employeeBranch(emp, ctx.session));
    const days = workingDays(from, to, cal);
    if (days === 0) throw new DomainError('error.leave_no_working_days', { from, to }, 'fromDate');
    doc.days = doc.halfDay ? '0.5' : String(days);
    const clash = await ctx.t<BaseRecord>('leave_requests').where('employee').equals(doc.employee as string)
      .filter((r) => r.id !== doc.id && LIVE(r) && (r.fromDate as string) <= to && (r.toDate as string) >= from).first();
    if (clash) throw new DomainError('error.leave_overlap', { number: clash.number, from: clash.fromDate, to: clash.toDate }, 'fromDate');
    if (!doc.approvalState) doc.approvalState = 'leave_open';
  },
  onSubmit() {
    // approval goes through decideLeave (manager check, balance, notification)
    throw new DomainError('error.leave_use_approval');
  },
};

export interface LeaveBalance {
  allocated: string;
  carriedForward: string;
  taken: string;
  pending: string;
  balance: string;
}

async function balanceInTx(ctx: TxContext, employee: string, leaveType: string, year: number): Promise<LeaveBalance> {
  const allocs = await ctx.t<BaseRecord>('leave_allocations').where('employee').equals(employee).filter((a) => !a.deleted && a.leaveType === leaveType && a.year === year).toArray();
  const reqs = await ctx.t<BaseRecord>('leave_requests').where('employee').equals(employee).filter((r) => LIVE(r) && r.leaveType === leaveType && String(r.fromDate).startsWith(`${year}-`)).toArray();
  const sum = (xs: BaseRecord[], f: string) => xs.reduce((s, x) => s.add(new D((x[f] as string) || '0')), new D(0) as Decimal);
  const allocated = sum(allocs, 'days');
  const carried = sum(allocs, 'carriedForward');
  const taken = sum(reqs.filter((r) => r.status === 'submitted'), 'days');
  const pending = sum(reqs.filter((r) => r.status === 'draft' && r.approvalState === 'leave_open'), 'days');
  return { allocated: allocated.toString(), carriedForward: carried.toString(), taken: taken.toString(), pending: pending.toString(), balance: allocated.add(carried).sub(taken).toString() };
}

/** Balance of one employee and leave type in a year. */
export async function leaveBalance(s: Session, employee: string, leaveType: string, year: number): Promise<LeaveBalance> {
  s.require('LeaveAllocation', 'read');
  return s.db.transaction('r', ['leave_allocations', 'leave_requests'], (tx) => balanceInTx({ t: (n: string) => tx.table(n) } as unknown as TxContext, employee, leaveType, year));
}

/**
 * Create a leave request (draft, open) and notify the manager, in one transaction. Needs the
 * 'create' right on LeaveRequest (HR), unless the employee is linked to the signed-in login
 * (self-service: anyone may request their own leave, never someone else's).
 */
export async function requestLeave(s: Session, input: Record<string, unknown>): Promise<BaseRecord> {
  const def = getDocType('LeaveRequest');
  const values = normalizeDoc(def, input, s.baseCurrency);
  return inDocTx(s, def, async (ctx) => {
    const own = await ctx.t<BaseRecord>('employees').get(values.employee as string);
    if (!s.can('LeaveRequest', 'create') && !(own && !own.deleted && own.userId && own.userId === s.user.id)) throw new DomainError('error.forbidden', { docType: 'LeaveRequest', right: 'create' });
    const rec = await insertDocInTx(ctx, def, values);
    const emp = await getLive(ctx, 'employees', rec.employee as string, 'Employee');
    if (emp.manager) {
      const mgr = await ctx.t<BaseRecord>('employees').get(emp.manager as string);
      if (mgr?.userId) await notify(ctx, { kind: 'leave', messageKey: 'notice.leave_requested', params: { number: rec.number, employee: emp.fullName, from: rec.fromDate, to: rec.toDate, days: rec.days }, userId: mgr.userId as string });
    }
    return rec;
  });
}

export type LeaveDecision = 'approve' | 'reject';

/** Approve (submits) or reject (cancels) an open request; the employee is notified. */
export async function decideLeave(s: Session, id: string, decision: LeaveDecision, comment = ''): Promise<BaseRecord> {
  const def = getDocType('LeaveRequest');
  return inDocTx(s, def, async (ctx) => {
    const before = await getLive(ctx, 'leave_requests', id, 'LeaveRequest');
    if (before.status !== 'draft' || before.approvalState !== 'leave_open') throw new DomainError('error.leave_not_open', { number: before.number });
    const emp = await getLive(ctx, 'employees', before.employee as string, 'Employee');
    const mgr = emp.manager ? await ctx.t<BaseRecord>('employees').get(emp.manager as string) : undefined;
    const isManager = !!mgr?.userId && mgr.userId === s.user.id;
    if (emp.userId && emp.userId === s.user.id) throw new DomainError('error.leave_not_approver', { number: before.number });
    if (!isManager && !s.can('LeaveRequest', 'admin')) throw new DomainError('error.leave_not_approver', { number: before.number });
    if (decision === 'approve') {
      const lt = await getLive(ctx, 'leave_types', before.leaveType as string, 'LeaveType');
      if (!lt.unlimited && !lt.allowNegative) {
        const bal = await balanceInTx(ctx, emp.id, lt.id, Number(String(before.fromDate).slice(0, 4)));
        if (new D(bal.balance).lessThan(new D(before.days as string))) throw new DomainError('error.leave_insufficient_balance', { balance: bal.balance, days: before.days, leaveType: lt.leaveTypeName });
      }
    }
    const approve = decision === 'approve';
    const rec: BaseRecord = {
      ...structuredClone(before),
      status: approve ? 'submitted' : 'cancelled',
      approvalState: approve ? 'leave_approved' : 'leave_rejected',
      approver: s.user.username,
      decisionComment: comment,
      ...(approve ? { submittedAt: ctx.now, submittedBy: s.user.id } : { cancelledAt: ctx.now, cancelledBy: s.user.id, cancelReason: comment }),
      modifiedAt: ctx.now,
      modifiedBy: s.user.id,
      _hlc: ctx.hlc(),
      _rev: before._rev + 1,
    };
    await ctx.putDoc(def, rec, before, approve ? 'submit' : 'cancel', comment || undefined);
    if (emp.userId) await notify(ctx, { kind: 'leave', messageKey: approve ? 'notice.leave_approved' : 'notice.leave_rejected', params: { number: rec.number, from: rec.fromDate, to: rec.toDate, comment }, userId: emp.userId as string });
    return rec;
  });
}

/**
 * Allocate `days` of a leave type for `year` to employees (default: every employee employed
 * that year), carrying forward last year's remaining balance up to the type's maxCarryForward.
 * Employees who already have an allocation of that type and year are skipped. One transaction.
 */
export async function allocateLeave(s: Session, input: { year: number; leaveType: string; days: string | number; employees?: string[] }): Promise<BaseRecord[]> {
  const def = getDocType('LeaveAllocation');
  s.require('LeaveAllocation', 'create');
  return inTx(s, ['leave_allocations', 'leave_requests', 'leave_types', 'employees'], async (ctx) => {
    const lt = await getLive(ctx, 'leave_types', input.leaveType, 'LeaveType');
    const ids = input.employees ?? (await ctx.t<BaseRecord>('employees').filter((e) => !e.deleted && (e.hireDate as string) <= `${input.year}-12-31` && (!e.leaveDate || (e.leaveDate as string) >= `${input.year}-01-01`)).primaryKeys()) as string[];
    const out: BaseRecord[] = [];
    const maxCarry = new D((lt.maxCarryForward as string) || '0');
    for (const employee of ids) {
      const existing = await ctx.t<BaseRecord>('leave_allocations').where('employee').equals(employee).filter((a) => !a.deleted && a.leaveType === lt.id && a.year === input.year).first();
      if (existing) continue;
      let carried = new D(0);
      if (maxCarry.greaterThan(0)) {
        const prev = await balanceInTx(ctx, employee, lt.id, input.year - 1);
        carried = D.max(0, D.min(maxCarry, new D(prev.balance)));
      }
      const values = normalizeDoc(def, { employee, leaveType: lt.id, year: input.year, days: String(input.days), carriedForward: carried.toString() }, s.baseCurrency);
      out.push(await insertDocInTx(ctx, def, values));
    }
    return out;
  });
}

/** An open request with the names a decider needs (readable without people rights). */
export type PendingLeave = BaseRecord & { employeeName: string; leaveTypeName: string; paid: boolean };

/**
 * Open requests the session user may decide: their direct reports' (through the employee
 * linked to their login), or every one for HR (the 'admin' right on LeaveRequest). Oldest
 * start date first. `scope: 'team'` limits HR to their own reports too (the manager's page).
 */
export async function pendingApprovals(s: Session, scope: 'all' | 'team' = 'all'): Promise<PendingLeave[]> {
  const admin = scope === 'all' && s.can('LeaveRequest', 'admin');
  return s.db.transaction('r', ['employees', 'leave_requests', 'leave_types'], async () => {
    const emps = s.db.t<BaseRecord>('employees');
    const mine = admin ? null : (await emps.where('userId').equals(s.user.id).toArray()).filter((e) => !e.deleted).map((e) => e.id);
    const reports = mine ? new Set((await emps.where('manager').anyOf(mine).toArray()).filter((e) => !e.deleted).map((e) => e.id)) : null;
    const open = (r: BaseRecord) => !r.deleted && r.status === 'draft' && r.approvalState === 'leave_open';
    const rows = reports
      ? (await s.db.t<BaseRecord>('leave_requests').where('employee').anyOf([...reports]).toArray()).filter(open)
      : await s.db.t<BaseRecord>('leave_requests').filter(open).toArray();
    const names = new Map((await emps.bulkGet([...new Set(rows.map((r) => r.employee as string))])).filter((e): e is BaseRecord => !!e).map((e) => [e.id, String(e.fullName)]));
    const types = new Map((await s.db.t<BaseRecord>('leave_types').toArray()).map((t) => [t.id, t]));
    return rows
      .sort((a, b) => String(a.fromDate).localeCompare(String(b.fromDate)) || a.number.localeCompare(b.number))
      .map((r) => ({ ...r, employeeName: names.get(r.employee as string) ?? '', leaveTypeName: String(types.get(r.leaveType as string)?.leaveTypeName ?? ''), paid: !!types.get(r.leaveType as string)?.paid }));
  });
}
