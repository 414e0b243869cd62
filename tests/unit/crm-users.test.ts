/** Reps in assignment rules and territories are entered by user name and stored as user ids; sales users are listed without user-admin rights. */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { createDoc, createUser, login, DomainError } from '../../shared/api';
import { salesUsers } from '../../shared/crm';

describe('reps by user name', () => {
  it('an assignment rule stores the id of a rep given by user name and assigns new leads to them', async () => {
    const { env, s } = await newCompany();
    const lily = await createUser(s, { username: 'Lily', displayName: 'Lily Wang', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
    const terr = await createDoc(s, 'Territory', { territoryName: 'East China', reps: [{ user: 'lily' }] });
    expect((terr.reps as { user: string }[])[0].user).toBe(lily.id);
    const rule = await createDoc(s, 'AssignmentRule', { ruleName: 'East', matchTerritory: terr.id, reps: [{ user: 'LILY', maxOpen: 0 }] });
    expect((rule.reps as { user: string }[])[0].user).toBe(lily.id);
    const lead = await createDoc(s, 'Lead', { leadName: 'Zhou Jie', territory: terr.id, source: 'import' });
    expect(lead.owner).toBe(lily.id);
    // an id is kept as it is; an unknown name is refused at save time
    const again = await createDoc(s, 'AssignmentRule', { ruleName: 'By id', reps: [{ user: lily.id }] });
    expect((again.reps as { user: string }[])[0].user).toBe(lily.id);
    await expect(createDoc(s, 'AssignmentRule', { ruleName: 'Ghost', reps: [{ user: 'nobody' }] })).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === 'error.crm_user_unknown');
    // a rep sees the team's public names (no password hashes), without the user-admin right
    const rep = await login(env, s.company.id, 'lily', 'sales-pass-1');
    const team = await salesUsers(rep);
    expect(team.map((u) => u.displayName)).toContain('Lily Wang');
    expect(Object.keys(team[0]).sort()).toEqual(['displayName', 'id', 'username']);
  });
});
