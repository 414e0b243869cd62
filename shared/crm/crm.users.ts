/**
 * Users as CRM sees them: reps referenced by assignment rules and territories, and the names
 * shown beside an `owner` (a user id).
 *
 * A rep may be entered by USER NAME (what an administrator knows) or by id; the behaviours of
 * AssignmentRule and Territory store the id (`resolveRepRows`), so a renamed user keeps their
 * rules and an unknown name is refused at save time instead of silently never matching.
 * `salesUsers` exposes only public fields (id, user name, display name) of active users, so a
 * rep can pick whom to hand a lead to without the user-admin right.
 */
import { userWorksHere, type UserRecord } from '../kernel/company.service';
import { DomainError } from '../kernel/errors';
import type { TxContext } from '../kernel/tx';
import type { Session } from '../kernel/session';

interface UserRow {
  id: string;
  username: string;
  usernameLower: string;
  displayName?: string;
  active?: boolean;
}

/** Replace each row's `user` (user name or id) by the user's id; error.crm_user_unknown otherwise. */
export async function resolveRepRows(ctx: TxContext, rows: unknown, table: string): Promise<void> {
  if (!Array.isArray(rows)) return;
  const users = ctx.t<UserRow>('users');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown>;
    const ref = String(row.user ?? '').trim();
    if (!ref) continue;
    const byId = await users.get(ref);
    if (byId) {
      row.user = byId.id;
      continue;
    }
    // user names are not unique across branches (replicated users): the one who works here
    const byName = (await users.where('usernameLower').equals(ref.toLowerCase()).toArray()).find((x) => userWorksHere(x as Pick<UserRecord, 'branchId'>, ctx.session.settings));
    if (!byName) throw new DomainError('error.crm_user_unknown', { id: ref }, `${table}.${i}.user`);
    row.user = byName.id;
  }
}

export interface SalesUser {
  id: string;
  username: string;
  displayName: string;
}

/** Active users (public fields only), for owner pickers and owner names. */
export async function salesUsers(s: Session): Promise<SalesUser[]> {
  s.require('Lead', 'read');
  const rows = (await s.db.t<UserRow>('users').toArray()).filter((u) => u.active !== false);
  return rows.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName || u.username })).sort((a, b) => a.displayName.localeCompare(b.displayName));
}
