import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { createUser, login } from '../../shared/api';
import { listNotifications, markNotificationRead } from '../../shared/kernel/notifications.service';

describe('notification centre', () => {
  it('shows a notice addressed to one user only to that user, and a right-gated notice only with the right; read state is per user', async () => {
    const { env, s } = await newCompany();
    const lily = await createUser(s, { username: 'lily', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
    await s.db.t('notifications').bulkAdd([
      { id: 'n1', at: '2026-03-01T00:00:00Z', kind: 'leave', messageKey: 'x', params: {}, read: false, userId: s.user.id },
      { id: 'n2', at: '2026-03-02T00:00:00Z', kind: 'low_stock', messageKey: 'y', params: {}, read: false, right: ['Supplier', 'read'] },
      { id: 'n3', at: '2026-03-03T00:00:00Z', kind: 'info', messageKey: 'z', params: {}, read: false },
    ]);
    const sales = await login(env, s.company.id, 'lily', 'sales-pass-1');
    expect(lily.username).toBe('lily');
    expect((await listNotifications(s)).map((n) => n.id)).toEqual(['n3', 'n2', 'n1']);
    expect((await listNotifications(sales)).map((n) => n.id)).toEqual(['n3']);
    await markNotificationRead(sales, 'n3');
    expect((await listNotifications(sales, { unreadOnly: true })).length).toBe(0);
    expect((await listNotifications(s, { unreadOnly: true })).map((n) => n.id)).toEqual(['n3', 'n2', 'n1']);
  });
});
