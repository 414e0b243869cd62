/**
 * The weekly roster: which shift each employee of a branch works each day, with approved leave
 * shown as a conflict. One assignment per employee and day (ShiftAssignment); clearing a cell
 * tombstones it. Copying a week fills only the empty cells of the target week. Every command
 * is one transaction.
 */
import { DomainError } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';
import { getDocType } from '../kernel/registry';
import { inDocTx, insertDocInTx } from '../kernel/docs.service';
import { normalizeDoc, isValidDate } from '../kernel/validate';
import { addDays, weekStartOf } from './people.calendar';
import { employeeBranch } from './people.context';
import { ShiftAssignment } from './people.doctypes';

export interface RosterCell {
  employee: string;
  date: string;
  /** ShiftType id, '' = off. */
  shiftType: string;
}

export interface RosterWeek {
  weekStart: string;
  days: string[];
  employees: { id: string; number: string; name: string }[];
  /** `${employee}|${date}` -> ShiftType id */
  cells: Record<string, string>;
  /** `${employee}|${date}` of days with approved (or open) leave. */
  leave: Record<string, 'leave_approved' | 'leave_open'>;
  shiftTypes: { id: string; code: string; name: string; startTime: string; endTime: string }[];
}

const key = (e: string, d: string) => `${e}|${d}`;

export async function rosterWeek(s: Session, date: string, branchCode = s.settings.branchCode): Promise<RosterWeek> {
  s.require('ShiftAssignment', 'read');
  const weekStart = weekStartOf(date);
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const end = days[6];
  return s.db.transaction('r', ['employees', 'shift_assignments', 'shift_types', 'leave_requests'], async () => {
    const emps = (await s.db.t<BaseRecord>('employees').filter((e) => !e.deleted && employeeBranch(e, s) === branchCode && (e.hireDate as string) <= end && (!e.leaveDate || (e.leaveDate as string) >= weekStart)).toArray()).sort((a, b) => String(a.fullName).localeCompare(String(b.fullName)));
    const ids = new Set(emps.map((e) => e.id));
    const cells: Record<string, string> = {};
    for (const a of await s.db.t<BaseRecord>('shift_assignments').where('date').between(weekStart, end, true, true).filter((a) => !a.deleted && ids.has(a.employee as string)).toArray()) cells[key(a.employee as string, a.date as string)] = a.shiftType as string;
    const leave: RosterWeek['leave'] = {};
    for (const r of await s.db.t<BaseRecord>('leave_requests').where('employee').anyOf([...ids]).filter((r) => !r.deleted && r.status !== 'cancelled' && (r.fromDate as string) <= end && (r.toDate as string) >= weekStart).toArray()) {
      for (const d of days) if (d >= (r.fromDate as string) && d <= (r.toDate as string)) leave[key(r.employee as string, d)] = r.status === 'submitted' ? 'leave_approved' : 'leave_open';
    }
    const shiftTypes = (await s.db.t<BaseRecord>('shift_types').filter((t) => !t.deleted).toArray()).map((t) => ({ id: t.id, code: t.code as string, name: t.shiftName as string, startTime: t.startTime as string, endTime: t.endTime as string }));
    return { weekStart, days, employees: emps.map((e) => ({ id: e.id, number: e.number, name: e.fullName as string })), cells, leave, shiftTypes };
  });
}

/** Live assignments of the cells' dates, by `${employee}|${date}`: one index range read per command, not a scan per cell. */
type CellIndex = Map<string, BaseRecord>;

async function loadCells(ctx: TxContext, cells: readonly RosterCell[]): Promise<CellIndex> {
  const index: CellIndex = new Map();
  if (!cells.length) return index;
  let lo = cells[0].date;
  let hi = cells[0].date;
  for (const c of cells) {
    if (!isValidDate(c.date)) throw new DomainError('error.date_invalid', { value: c.date }, 'date');
    if (c.date < lo) lo = c.date;
    if (c.date > hi) hi = c.date;
  }
  const wanted = new Set(cells.map((c) => key(c.employee, c.date)));
  await ctx.t<BaseRecord>('shift_assignments').where('date').between(lo, hi, true, true).each((a) => {
    const k = key(a.employee as string, a.date as string);
    if (!a.deleted && wanted.has(k)) index.set(k, a);
  });
  return index;
}

async function setCell(ctx: TxContext, c: RosterCell, onlyEmpty: boolean, index: CellIndex): Promise<boolean> {
  const k = key(c.employee, c.date);
  const existing = index.get(k);
  if (existing && onlyEmpty) return false;
  if (existing) {
    if (existing.shiftType === c.shiftType) return false;
    const next: BaseRecord = { ...structuredClone(existing), modifiedAt: ctx.now, modifiedBy: ctx.session.user.id, _hlc: ctx.hlc(), _rev: existing._rev + 1 };
    if (c.shiftType) next.shiftType = c.shiftType;
    else next.deleted = 1;
    await ctx.putDoc(ShiftAssignment, next, existing, c.shiftType ? 'update' : 'delete');
    if (c.shiftType) index.set(k, next);
    else index.delete(k);
    return true;
  }
  if (!c.shiftType) return false;
  index.set(k, await insertDocInTx(ctx, ShiftAssignment, normalizeDoc(ShiftAssignment, c as unknown as Record<string, unknown>, ctx.session.baseCurrency)));
  return true;
}

/** Set (or clear with shiftType '') roster cells, all in one transaction. Returns cells changed. */
export async function setRosterCells(s: Session, cells: readonly RosterCell[]): Promise<number> {
  s.require('ShiftAssignment', 'create');
  s.require('ShiftAssignment', 'edit');
  let n = 0;
  await inDocTx(s, getDocType('ShiftAssignment'), async (ctx) => {
    const index = await loadCells(ctx, cells);
    for (const c of cells) if (await setCell(ctx, c, false, index)) n++;
  });
  return n;
}

/** Does a cell clash with approved leave? (shown in the grid; assigning is still allowed) */
export function leaveConflict(week: RosterWeek, employee: string, date: string): boolean {
  return week.leave[key(employee, date)] === 'leave_approved' && !!week.cells[key(employee, date)];
}

/** Copy the week of `fromDate` onto the week of `toDate`, filling only empty cells. */
export async function copyRosterWeek(s: Session, fromDate: string, toDate: string, branchCode = s.settings.branchCode): Promise<number> {
  s.require('ShiftAssignment', 'create');
  const src = await rosterWeek(s, fromDate, branchCode);
  const target = weekStartOf(toDate);
  const cells: RosterCell[] = [];
  for (const e of src.employees) src.days.forEach((d, i) => {
    const st = src.cells[key(e.id, d)];
    if (st) cells.push({ employee: e.id, date: addDays(target, i), shiftType: st });
  });
  let n = 0;
  await inDocTx(s, getDocType('ShiftAssignment'), async (ctx) => {
    const index = await loadCells(ctx, cells);
    for (const c of cells) if (await setCell(ctx, c, true, index)) n++;
  });
  return n;
}
