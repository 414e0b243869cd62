/**
 * Projects, tasks and timesheets: a kanban move, project cost (hours × each employee's cost
 * rate, exact), and "who is working on what" (tasks in progress by assignee with this week's
 * hours). Cost amounts need the right to see private data (cost rates); hours do not.
 */
import type { BaseRecord } from '../kernel/doctype';
import type { Session } from '../kernel/session';
import { updateDoc } from '../kernel/docs.service';
import { D } from '../kernel/money';
import { DomainError } from '../kernel/errors';
import { TASK_STATES } from './people.doctypes';
import { canSeePrivate } from './people.context';
import { addDays } from './people.calendar';

export type TaskState = (typeof TASK_STATES)[number];

export async function moveTask(s: Session, taskId: string, state: TaskState): Promise<BaseRecord> {
  if (!TASK_STATES.includes(state)) throw new DomainError('error.option_invalid', { value: state }, 'taskState');
  const t = await s.db.t<BaseRecord>('tasks').get(taskId);
  if (!t || t.deleted) throw new DomainError('error.not_found', { docType: 'Task', id: taskId });
  return updateDoc(s, 'Task', taskId, { ...t, taskState: state }, t._rev);
}

export interface ProjectCost {
  hours: string;
  /** Minor units; null when the reader may not see cost rates. */
  cost: number | null;
  byEmployee: { employee: string; name: string; hours: string; cost: number | null }[];
}

export async function projectCost(s: Session, projectId: string): Promise<ProjectCost> {
  s.require('Project', 'read');
  s.require('Timesheet', 'read');
  const priv = canSeePrivate(s);
  return s.db.transaction('r', ['timesheets', 'employees'], async () => {
    const rows = await s.db.t<BaseRecord>('timesheets').where('project').equals(projectId).filter((r) => !r.deleted).toArray();
    const by = new Map<string, InstanceType<typeof D>>();
    for (const r of rows) by.set(r.employee as string, (by.get(r.employee as string) ?? new D(0)).add(new D(r.hours as string)));
    const emps = await s.db.t<BaseRecord>('employees').bulkGet([...by.keys()]);
    let total = new D(0);
    let cost = 0;
    const byEmployee = [...by].map(([employee, hours], i) => {
      total = total.add(hours);
      const c = hours.mul((emps[i]?.costRate as number) ?? 0).toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();
      cost += c;
      return { employee, name: (emps[i]?.fullName as string) ?? '', hours: hours.toString(), cost: priv ? c : null };
    });
    return { hours: total.toString(), cost: priv ? cost : null, byEmployee };
  });
}

export interface WorkingOn {
  employee: string;
  name: string;
  tasks: { id: string; subject: string; project: string }[];
  hoursThisWeek: string;
}

export async function whoIsWorkingOnWhat(s: Session, today = s.localDate()): Promise<WorkingOn[]> {
  s.require('Task', 'read');
  return s.db.transaction('r', ['tasks', 'employees', 'timesheets'], async () => {
    const tasks = await s.db.t<BaseRecord>('tasks').where('taskState').equals('task_doing').filter((t) => !t.deleted && !!t.assignee).toArray();
    const by = new Map<string, BaseRecord[]>();
    for (const t of tasks) by.set(t.assignee as string, [...(by.get(t.assignee as string) ?? []), t]);
    const emps = await s.db.t<BaseRecord>('employees').bulkGet([...by.keys()]);
    const from = addDays(today, -6);
    const out: WorkingOn[] = [];
    let i = 0;
    for (const [employee, ts] of by) {
      const hours = (await s.db.t<BaseRecord>('timesheets').where('employee').equals(employee).filter((r) => !r.deleted && (r.date as string) >= from && (r.date as string) <= today).toArray()).reduce((a, r) => a.add(new D(r.hours as string)), new D(0));
      out.push({ employee, name: (emps[i++]?.fullName as string) ?? '', tasks: ts.map((t) => ({ id: t.id, subject: t.subject as string, project: t.project as string })), hoursThisWeek: hours.toString() });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  });
}
