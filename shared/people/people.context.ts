/**
 * Helpers the people services and behaviours share, all reading through the command's
 * transaction (`ctx.t`): an employee's branch, the merged holiday calendar of a branch,
 * notifications, and keeping fields a user may not see from being wiped by a form save.
 */
import { DomainError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { BaseRecord, DocTypeDef } from '../kernel/doctype';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';
import { mergeCalendars, type WorkCalendar } from './people.calendar';

export function canSeePrivate(s: Session): boolean {
  return s.roles.some((r) => r.all || r.moduleRights['hr-private']?.includes('read'));
}

/** Branch code of an employee ('' on the record = the branch that created it). */
export function employeeBranch(emp: BaseRecord, s: Session): string {
  return (emp.branchCode as string) || s.settings.branchCode;
}

/** Holidays and make-up workdays of a branch: its calendars plus company-wide ones (branchCode ''). */
export async function calendarFor(ctx: TxContext, branchCode: string): Promise<WorkCalendar> {
  const cals = await ctx.t<BaseRecord>('holiday_calendars').filter((c) => !c.deleted && (!c.branchCode || c.branchCode === branchCode)).toArray();
  return mergeCalendars(cals as never);
}

export async function getLive(ctx: TxContext, table: string, id: string, docType: string): Promise<BaseRecord> {
  const r = await ctx.t<BaseRecord>(table).get(id);
  if (!r || r.deleted) throw new DomainError('error.not_found', { docType, id });
  return r;
}

export interface Notification {
  id: string;
  at: string;
  kind: string;
  messageKey: string;
  params: Record<string, unknown>;
  read: boolean;
  /** Login user the notice is for ('' = everyone who can see the module). */
  userId: string;
}

/** Append a notification (kernel `notifications` table) inside the command's transaction. */
export async function notify(ctx: TxContext, n: Omit<Notification, 'id' | 'at' | 'read'>): Promise<void> {
  const row: Notification = { id: newId(), at: ctx.now, read: false, ...n };
  await ctx.t('notifications').add(row as unknown as Record<string, unknown>);
}

/**
 * A form save by a user who cannot see sensitive fields sends them empty (redact removed
 * them): keep the stored values instead of wiping them. Call from beforeSave.
 */
export async function keepHiddenFields(def: DocTypeDef, doc: BaseRecord, ctx: TxContext): Promise<void> {
  if (canSeePrivate(ctx.session)) return;
  const before = await ctx.t<BaseRecord>(def.table).get(doc.id);
  for (const f of def.fields) if (f.sensitive) doc[f.name] = before ? before[f.name] : doc[f.name];
}
