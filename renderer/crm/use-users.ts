/** Active users (public fields) for owner names and owner pickers on the CRM pages. */
import { useEffect, useState } from 'react';
import { salesUsers, type SalesUser } from '../../shared/crm';
import { useApp } from '../state/app.store';

export function useSalesUsers(): { users: SalesUser[]; name: (id: unknown) => string } {
  const session = useApp((s) => s.session)!;
  const [users, setUsers] = useState<SalesUser[]>([]);
  useEffect(() => {
    salesUsers(session).then(setUsers, () => setUsers([]));
  }, [session]);
  const name = (id: unknown) => {
    const v = String(id ?? '');
    return v ? (users.find((u) => u.id === v)?.displayName ?? v) : '';
  };
  return { users, name };
}
