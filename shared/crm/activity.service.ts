/**
 * Activities: the timeline of a record, "my day", completing, and reminders.
 *
 * dueReminders(session, now): every pending reminder of the session user's activities whose
 * time has come becomes ONE kernel notification (table `notifications`) and the activity's
 * reminder is marked sent, in the same transaction, so a reminder fires exactly once per
 * device even if two windows poll at the same moment. The queue is the indexed hidden
 * `reminderState` = 'pending' (small), never a scan of all activities.
 */
import type { BaseRecord } from '../kernel/doctype';
import { getDocType } from '../kernel/registry';
import { DomainError } from '../kernel/errors';
import { inTx } from '../kernel/docs.service';
import { newId } from '../kernel/ids';
import type { Session } from '../kernel/session';
import type { AuditRow } from '../kernel/tx';
import { loadInTx, rewriteInTx } from './crm.tx';
import { requireOwnership } from './crm.rights';
import { mergedIds } from './merge.service';

/** Link fields of an activity, by the type they point to. */
const ACTIVITY_LINKS: Record<string, string> = { Customer: 'customer', Contact: 'contact', Lead: 'lead', Opportunity: 'opportunity' };

export interface TimelineEntry {
  at: string;
  kind: 'activity' | 'history';
  /** activity: the activity record; history: the audit row of the record itself. */
  activity?: BaseRecord;
  audit?: Pick<AuditRow, 'action' | 'userName' | 'changes' | 'note'>;
}

/**
 * What happened around a record, newest first: its activities (done or not; a customer's include
 * those of records merged into it) and its own change history (who changed what, from the
 * audit rows of that record only).
 */
export async function timeline(s: Session, docType: string, id: string, limit = 100): Promise<TimelineEntry[]> {
  const field = ACTIVITY_LINKS[docType];
  if (!field) throw new DomainError('error.crm_timeline_unsupported', { docType });
  s.require(docType, 'read');
  const entries: TimelineEntry[] = [];
  const ids = await mergedIds(s, docType, id);
  if (s.can('Activity', 'read')) {
    for (const rid of ids) {
      for (const a of await s.db.t<BaseRecord>('activities').where(field).equals(rid).toArray()) {
        if (!a.deleted) entries.push({ at: String(a.doneAt || a.dueDate || a.createdAt), kind: 'activity', activity: a });
      }
    }
  }
  for (const rid of ids) {
    const rows = (await s.db.audit.where('[docType+docId]').equals([docType, rid]).toArray()) as unknown as AuditRow[];
    for (const r of rows) entries.push({ at: r.at, kind: 'history', audit: { action: r.action, userName: r.userName, changes: r.changes, note: r.note } });
  }
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return entries.slice(0, limit);
}

export interface MyDay {
  overdue: BaseRecord[];
  today: BaseRecord[];
  /** Open activities without a due date. */
  undated: BaseRecord[];
  doneToday: BaseRecord[];
}

/** The session user's activities for `date` (YYYY-MM-DD, default today): overdue, due, done. */
export async function myDay(s: Session, date = s.localDate()): Promise<MyDay> {
  s.require('Activity', 'read');
  const mine = await s.db.t<BaseRecord>('activities').where('owner').equals(s.user.id).filter((a) => !a.deleted).toArray();
  const out: MyDay = { overdue: [], today: [], undated: [], doneToday: [] };
  for (const a of mine) {
    if (a.done) {
      if (String(a.doneAt ?? '') && s.localDate(new Date(String(a.doneAt))) === date) out.doneToday.push(a);
    } else if (!a.dueDate) out.undated.push(a);
    else if (String(a.dueDate) < date) out.overdue.push(a);
    else if (a.dueDate === date) out.today.push(a);
  }
  const byDue = (x: BaseRecord, y: BaseRecord) => String(x.dueDate).localeCompare(String(y.dueDate)) || String(x.reminderAt).localeCompare(String(y.reminderAt));
  out.overdue.sort(byDue);
  out.today.sort(byDue);
  return out;
}

/** Mark an activity done (or not done again). */
export async function completeActivity(s: Session, id: string, done = true): Promise<BaseRecord> {
  s.require('Activity', 'edit');
  const def = getDocType('Activity');
  return inTx(s, [def.table], async (ctx) => {
    const before = await loadInTx(ctx, def, id);
    requireOwnership(s, 'Activity', before);
    if (!!before.done === done) return before;
    return rewriteInTx(ctx, def, before, { done, doneAt: done ? ctx.now : '', reminderState: done ? '' : before.reminderState }, 'update');
  });
}

export interface Notification {
  id: string;
  at: string;
  kind: string;
  messageKey: string;
  params: Record<string, unknown>;
  read: boolean;
  /** Whom it is for (reminders are personal). */
  userId: string;
}

/** Turn the session user's due reminders into notifications (once each). Returns the new ones. */
export async function dueReminders(s: Session, now: Date = s.now()): Promise<Notification[]> {
  s.require('Activity', 'read');
  const def = getDocType('Activity');
  const nowIso = now.toISOString();
  return inTx(s, [def.table, 'notifications'], async (ctx) => {
    const pending = await ctx.t<BaseRecord>(def.table).where('reminderState').equals('pending').toArray();
    const out: Notification[] = [];
    for (const a of pending) {
      if (a.deleted || a.done || !a.reminderAt || String(a.reminderAt) > nowIso) continue;
      if (a.owner && a.owner !== s.user.id) continue;
      const n: Notification = { id: newId(), at: ctx.now, kind: 'reminder', messageKey: 'crm.reminder', params: { subject: a.subject, number: a.number, activityId: a.id, dueDate: a.dueDate }, read: false, userId: s.user.id };
      await ctx.t('notifications').add(n as unknown as Record<string, unknown>);
      await rewriteInTx(ctx, def, a, { reminderState: 'sent' }, 'update', 'reminder');
      out.push(n);
    }
    return out;
  });
}
