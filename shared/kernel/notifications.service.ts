/**
 * Stored notifications: business alerts that modules write into the `notifications` table in
 * the transaction of the command that caused them (e.g. stock's `low_stock` when a posting
 * takes a balance across its reorder level). This is the read side for the notification
 * centre: newest first, per-user read state, filtered by the right a row may name.
 *
 * Row shape (written by modules): { id, at, kind, messageKey, params, read: false,
 * right?: [docType, right] }. Read state is per user (`readBy` user ids) so one person opening
 * the centre does not hide an alert from everybody else; a row with `read: true` is read for all.
 */
import type { Session } from './session';
import type { Right } from './doctype';

export interface StoredNotification {
  id: string;
  at: string;
  kind: string;
  messageKey: string;
  params: Record<string, unknown>;
  /** Read by this session's user (or by everybody). */
  read: boolean;
}

interface Row {
  id: string;
  at: string;
  kind?: string;
  messageKey?: string;
  params?: Record<string, unknown>;
  read?: boolean;
  readBy?: string[];
  right?: [string, Right];
  /** Addressed to one user (e.g. a leave decision): nobody else sees it. */
  userId?: string;
}

function visible(s: Session, r: Row): boolean {
  if (r.userId && r.userId !== s.user.id) return false;
  if (!r.right) return true;
  try {
    return s.can(r.right[0], r.right[1]);
  } catch {
    return false;
  }
}

/** The latest notifications this user may see (newest first), by the `at` index. */
export async function listNotifications(s: Session, opts: { unreadOnly?: boolean; limit?: number } = {}): Promise<StoredNotification[]> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const uid = s.user.id;
  const out: StoredNotification[] = [];
  await s.db
    .t<Row>('notifications')
    .orderBy('at')
    .reverse()
    .until(() => out.length >= limit)
    .each((r) => {
      if (!visible(s, r)) return;
      const read = !!r.read || (r.readBy ?? []).includes(uid);
      if (opts.unreadOnly && read) return;
      if (out.length < limit) out.push({ id: r.id, at: r.at, kind: r.kind ?? 'info', messageKey: r.messageKey ?? '', params: r.params ?? {}, read });
    });
  return out;
}

/** Mark one notification (or, without `id`, every visible one) read for this session's user. */
export async function markNotificationRead(s: Session, id?: string): Promise<void> {
  const uid = s.user.id;
  await s.db.transaction('rw', ['notifications'], async () => {
    const t = s.db.t<Row>('notifications');
    const rows = id ? [await t.get(id)].filter((r): r is Row => !!r) : await t.orderBy('at').reverse().limit(500).toArray();
    const changed = rows.filter((r) => visible(s, r) && !r.read && !(r.readBy ?? []).includes(uid)).map((r) => ({ ...r, readBy: [...(r.readBy ?? []), uid] }));
    if (changed.length) await t.bulkPut(changed);
  });
}
