/**
 * Behaviours of the people master data: employees (branch, dates, hidden fields kept),
 * employment changes (applied to the employee on submit, previous values kept for history),
 * attendance (one per employee and day; late from the shift), timesheets (project from task).
 */
import { userWorksHere, type UserRecord } from '../kernel/company.service';
import { DomainError } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import { Employee, EmploymentChange } from './people.doctypes';
import { getLive, keepHiddenFields } from './people.context';
import { minutesOf } from './people.calendar';

/**
 * Link an employee to a login: HR types the user name; a changed name is resolved to the
 * user's id (refused when unknown or already linked to another employee); a record linked by
 * id only (services, imports) gets its user name filled in.
 */
async function linkLogin(doc: BaseRecord, ctx: TxContext): Promise<void> {
  const before = await ctx.t<BaseRecord>('employees').get(doc.id);
  const name = String(doc.username ?? '').trim();
  doc.username = name;
  const users = ctx.t<{ id: string; username: string }>('users');
  if (name !== String(before?.username ?? '')) {
    if (!name) doc.userId = '';
    else {
      // user names are not unique across branches (replicated users): the one who works here
      const u = (await users.where('usernameLower').equals(name.toLowerCase()).toArray()).find((x) => userWorksHere(x as Pick<UserRecord, 'branchId'>, ctx.session.settings));
      if (!u) throw new DomainError('error.employee_user_unknown', { value: name }, 'username');
      doc.userId = u.id;
      doc.username = u.username;
    }
  } else if (before && !doc.userId) doc.userId = before.userId ?? '';
  else if (!name && doc.userId) doc.username = (await users.get(doc.userId as string))?.username ?? '';
  if (doc.userId) {
    const other = await ctx.t<BaseRecord>('employees').where('userId').equals(doc.userId as string).filter((e) => !e.deleted && e.id !== doc.id).first();
    if (other) throw new DomainError('error.employee_user_taken', { value: doc.username || doc.userId, employee: other.fullName }, 'username');
  }
}

export const employeeBehaviour: DocBehaviour = {
  tables: ['users'],
  async beforeSave(doc, ctx) {
    await keepHiddenFields(Employee, doc, ctx);
    await linkLogin(doc, ctx);
    if (!doc.branchCode) doc.branchCode = ctx.session.settings.branchCode;
    if (doc.leaveDate && (doc.leaveDate as string) < (doc.hireDate as string)) throw new DomainError('error.employee_leave_before_hire', {}, 'leaveDate');
    if (doc.manager === doc.id) throw new DomainError('error.employee_own_manager', {}, 'manager');
    if (doc.leaveDate && doc.employmentState === 'emp_active' && (doc.leaveDate as string) < ctx.today) doc.employmentState = 'emp_left';
  },
};

export const departmentBehaviour: DocBehaviour = {
  async beforeSave(doc, ctx) {
    // a department may not sit below itself (tree without cycles)
    let p = doc.parentDepartment as string;
    const seen = new Set<string>([doc.id]);
    while (p) {
      if (seen.has(p)) throw new DomainError('error.department_cycle', {}, 'parentDepartment');
      seen.add(p);
      p = ((await ctx.t<BaseRecord>('departments').get(p))?.parentDepartment as string) ?? '';
    }
  },
};

export const employmentChangeBehaviour: DocBehaviour = {
  tables: ['employees', 'departments'],
  async beforeSave(doc, ctx) {
    await keepHiddenFields(EmploymentChange, doc, ctx);
    if (!doc.newPosition && !doc.newDepartment && !doc.newBaseSalary) throw new DomainError('error.change_empty', {}, 'newBaseSalary');
  },
  async onSubmit(doc, ctx) {
    const before = await getLive(ctx, 'employees', doc.employee as string, 'Employee');
    const later = await ctx.t<BaseRecord>('employment_changes').where('employee').equals(before.id).filter((c) => !c.deleted && c.status === 'submitted' && (c.effectiveDate as string) > (doc.effectiveDate as string)).first();
    if (later) throw new DomainError('error.change_out_of_order', { number: later.number, date: later.effectiveDate }, 'effectiveDate');
    doc.previousPosition = before.position;
    doc.previousDepartment = before.department;
    doc.previousBaseSalary = before.baseSalary;
    const emp: BaseRecord = { ...structuredClone(before), modifiedAt: ctx.now, modifiedBy: ctx.session.user.id, _hlc: ctx.hlc(), _rev: before._rev + 1 };
    if (doc.newPosition) emp.position = doc.newPosition;
    if (doc.newDepartment) emp.department = doc.newDepartment;
    if ((doc.newBaseSalary as number) > 0) emp.baseSalary = doc.newBaseSalary;
    await ctx.putDoc(Employee, emp, before, 'update', doc.number);
  },
  onCancel() {
    // history is corrected by a new change, never by rewriting the employee behind later changes
    throw new DomainError('error.change_cancel_refused');
  },
};

export const attendanceBehaviour: DocBehaviour = {
  tables: ['shift_assignments', 'shift_types'],
  async beforeSave(doc, ctx) {
    const clash = await ctx.t<BaseRecord>('attendance').where('employee').equals(doc.employee as string).filter((a) => a.id !== doc.id && !a.deleted && a.date === doc.date).first();
    if (clash) throw new DomainError('error.attendance_duplicate', { date: doc.date, number: clash.number }, 'date');
    for (const f of ['checkIn', 'checkOut'] as const) if (doc[f] && Number.isNaN(minutesOf(doc[f] as string))) throw new DomainError('error.time_invalid', { value: doc[f] }, f);
    if (!doc.shiftType) {
      const cell = await ctx.t<BaseRecord>('shift_assignments').where('employee').equals(doc.employee as string).filter((a) => !a.deleted && a.date === doc.date).first();
      if (cell) doc.shiftType = cell.shiftType;
    }
    doc.late = false;
    if (doc.shiftType && doc.checkIn && doc.attendanceState !== 'att_absent') {
      const st = await ctx.t<BaseRecord>('shift_types').get(doc.shiftType as string);
      if (st) doc.late = minutesOf(doc.checkIn as string) > minutesOf(st.startTime as string) + ((st.graceMinutes as number) ?? 0);
    }
  },
};

export const shiftTypeBehaviour: DocBehaviour = {
  beforeSave(doc) {
    for (const f of ['startTime', 'endTime'] as const) if (Number.isNaN(minutesOf(doc[f] as string))) throw new DomainError('error.time_invalid', { value: doc[f] }, f);
  },
};

export const timesheetBehaviour: DocBehaviour = {
  async beforeSave(doc, ctx) {
    const task = await getLive(ctx, 'tasks', doc.task as string, 'Task');
    doc.project = task.project;
  },
};
