/** Leads: assignment rules (pure and in the create transaction), ownOnly, reassignment, conversion, import. */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { createDoc, updateDoc, getDoc, login, createUser, saveRole, listAudit, countDocs, DomainError, type Session } from '../../shared/api';
import { pickAssignee, type Rule, type LeadFacts } from '../../shared/crm/assignment';
import { convertLead, reassign, myLeads, importLeadsCsv, importLeadsFile, captureLead, findDuplicates, timeline } from '../../shared/crm';
import { toXlsx } from '../../shared/kernel/xlsx';

async function expectDomain(p: Promise<unknown>, code: string): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    expect((e as DomainError).code).toBe(code);
    return e as DomainError;
  }
  throw new Error(`expected ${code}`);
}

const rule = (r: Partial<Rule>): Rule => ({ id: 'r1', active: true, priority: 10, matchTerritory: '', matchSource: '', matchProductInterest: '', reps: [], ...r });
const facts = (f: Partial<LeadFacts>): LeadFacts => ({ territoryPath: [], source: 'manual', productInterest: '', territoryReps: [], ...f });

describe('assignment rules (pure)', () => {
  it('matches by territory (including sub-territories), source and product interest, by priority', () => {
    const rules = [
      rule({ id: 'east', priority: 20, matchTerritory: 'T-east', reps: [{ user: 'amy', maxOpen: 0 }] }),
      rule({ id: 'tea', priority: 10, matchProductInterest: 'Tea', reps: [{ user: 'bob', maxOpen: 0 }] }),
      rule({ id: 'web', priority: 5, matchSource: 'capture_form', reps: [{ user: 'cat', maxOpen: 0 }] }),
    ];
    const none = new Map<string, number>();
    expect(pickAssignee(rules, facts({ territoryPath: ['T-pudong', 'T-sh', 'T-east'] }), none, none)?.owner).toBe('amy');
    expect(pickAssignee(rules, facts({ territoryPath: ['T-east'], productInterest: 'teapot, tea' }), none, none)?.owner).toBe('bob');
    expect(pickAssignee(rules, facts({ territoryPath: ['T-east'], productInterest: 'tea', source: 'capture_form' }), none, none)?.owner).toBe('cat');
    expect(pickAssignee(rules, facts({ territoryPath: ['T-south'] }), none, none)).toBeNull();
    expect(pickAssignee([rule({ active: false, reps: [{ user: 'x', maxOpen: 0 }] })], facts({}), none, none)).toBeNull();
  });

  it('round-robins after the last pointer and skips reps at their cap', () => {
    const r = rule({ reps: [{ user: 'a', maxOpen: 2 }, { user: 'b', maxOpen: 0 }, { user: 'c', maxOpen: 1 }] });
    const load = new Map([['a', 0], ['c', 1]]);
    const ptr = new Map<string, number>();
    const seq: string[] = [];
    for (let i = 0; i < 4; i++) {
      const a = pickAssignee([r], facts({}), load, ptr)!;
      seq.push(a.owner);
      ptr.set(a.ruleId, a.pointer);
      load.set(a.owner, (load.get(a.owner) ?? 0) + 1);
    }
    expect(seq).toEqual(['a', 'b', 'a', 'b']); // c is at its cap; a reaches its cap of 2
    const full = pickAssignee([r], facts({}), new Map([['a', 2], ['b', 0], ['c', 1]]), new Map([['r1', 1]]));
    expect(full?.owner).toBe('b');
    expect(pickAssignee([rule({ reps: [{ user: 'a', maxOpen: 1 }] })], facts({}), new Map([['a', 1]]), new Map())).toBeNull();
  });

  it('uses the territory reps when a rule lists none', () => {
    expect(pickAssignee([rule({ matchTerritory: 'T' })], facts({ territoryPath: ['T'], territoryReps: ['zoe'] }), new Map(), new Map())?.owner).toBe('zoe');
  });
});

async function team(): Promise<{ admin: Session; lily: Session; tom: Session; manager: Session }> {
  const { env, s } = await newCompany();
  await createUser(s, { username: 'lily', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
  await createUser(s, { username: 'tom', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
  const mgr = await saveRole(s, null, { name: 'Sales Manager', moduleRights: { crm: ['read', 'create', 'edit', 'submit', 'cancel', 'export', 'admin'], masters: ['read', 'create', 'edit'] }, docRights: {} });
  await createUser(s, { username: 'maria', password: 'sales-pass-1', roleIds: [mgr.id] }, 1000);
  const lily = await login(env, s.company.id, 'lily', 'sales-pass-1');
  const tom = await login(env, s.company.id, 'tom', 'sales-pass-1');
  const manager = await login(env, s.company.id, 'maria', 'sales-pass-1');
  return { admin: s, lily, tom, manager };
}

describe('leads through the services', () => {
  it('assigns on create inside the transaction, round-robin with caps; "my leads" shows only mine', async () => {
    const { admin, lily, tom } = await team();
    const east = await createDoc(admin, 'Territory', { territoryName: 'East', level: 'region' });
    const sh = await createDoc(admin, 'Territory', { territoryName: 'Shanghai', level: 'city', parent: east.id });
    await createDoc(admin, 'AssignmentRule', { ruleName: 'East', matchTerritory: east.id, reps: [{ user: lily.user.id, maxOpen: 2 }, { user: tom.user.id, maxOpen: 0 }] });
    const owners: string[] = [];
    for (let i = 0; i < 4; i++) owners.push(String((await createDoc(admin, 'Lead', { leadName: `L${i}`, territory: sh.id, source: 'email' })).owner));
    expect(owners).toEqual([lily.user.id, tom.user.id, lily.user.id, tom.user.id]);
    const fifth = await createDoc(admin, 'Lead', { leadName: 'L4', territory: sh.id, source: 'email' });
    expect(fifth.owner).toBe(tom.user.id); // lily is at her cap of 2 open leads
    const outside = await createDoc(admin, 'Lead', { leadName: 'elsewhere', source: 'email' });
    expect(outside.owner).toBe(''); // no rule, not typed by hand: unassigned
    const typed = await createDoc(lily, 'Lead', { leadName: 'typed by lily' });
    expect(typed.owner).toBe(lily.user.id);
    const mine = await myLeads(lily);
    expect(mine.rows.map((r) => r.leadName)).toEqual(['typed by lily', 'L2', 'L0']);
  });

  it('ownOnly: a rep edits only own leads, a manager all; reassignment needs a reason and is audited', async () => {
    const { admin, lily, tom, manager } = await team();
    const lead = await createDoc(lily, 'Lead', { leadName: 'Zhou Jie', companyName: '苏州茶语贸易有限公司' });
    await expectDomain(updateDoc(tom, 'Lead', lead.id, { ...lead, leadStatus: 'contacted' }), 'error.crm_not_owner');
    await updateDoc(lily, 'Lead', lead.id, { ...lead, leadStatus: 'contacted' });
    const byMgr = await updateDoc(manager, 'Lead', lead.id, { ...(await getDoc(admin, 'Lead', lead.id)), campaign: 'Fair' });
    expect(byMgr.campaign).toBe('Fair');
    await expectDomain(updateDoc(lily, 'Lead', lead.id, { ...byMgr, owner: tom.user.id }), 'error.crm_reassign_with_reason');
    await expectDomain(reassign(tom, 'Lead', lead.id, tom.user.id, 'mine now'), 'error.crm_not_owner');
    await expectDomain(reassign(lily, 'Lead', lead.id, tom.user.id, '  '), 'error.crm_reason_required');
    const moved = await reassign(lily, 'Lead', lead.id, tom.user.id, 'Tom covers Suzhou');
    expect(moved.owner).toBe(tom.user.id);
    const trail = await listAudit(admin, { docType: 'Lead', docId: lead.id });
    expect(trail.rows[0].note).toBe('reassign: Tom covers Suzhou');
    expect(trail.rows[0].changes).toEqual([{ field: 'owner', before: lily.user.id, after: tom.user.id }]);
  });

  it('converts a qualified lead into customer + contact + opportunity in one transaction, keeping the lead', async () => {
    const { admin, lily, tom } = await team();
    const lead = await createDoc(lily, 'Lead', { leadName: 'Zhou Jie', companyName: '苏州茶语贸易有限公司', email: 'zhou@chayu.cn', mobile: '138 0013 8000', productInterest: 'Longjing' });
    await createDoc(lily, 'Activity', { subject: 'First call', activityType: 'call', lead: lead.id });
    await expectDomain(convertLead(lily, lead.id), 'error.crm_lead_not_qualified');
    await expectDomain(updateDoc(lily, 'Lead', lead.id, { ...lead, leadStatus: 'converted' }), 'error.crm_convert_via_service');
    const q = await updateDoc(lily, 'Lead', lead.id, { ...lead, leadStatus: 'qualified' });
    await expectDomain(convertLead(tom, lead.id), 'error.crm_not_owner');
    const before = await countDocs(admin, 'Customer');
    const r = await convertLead(lily, q.id, { opportunity: { amount: '50000', expectedClose: '2026-06-30' } });
    expect(await countDocs(admin, 'Customer')).toBe(before + 1);
    expect(r.customer.customerName).toBe('苏州茶语贸易有限公司');
    expect(r.customer.owner).toBe(lily.user.id);
    expect(r.contact.customer).toBe(r.customer.id);
    expect(r.contact.mobile).toBe('138 0013 8000');
    expect(r.opportunity?.customer).toBe(r.customer.id);
    expect(r.opportunity?.lead).toBe(lead.id);
    expect(r.opportunity?.amount).toBe(5_000_000);
    expect(r.opportunity?.probability).toBe('20');
    const kept = await getDoc(admin, 'Lead', lead.id);
    expect([kept.leadStatus, kept.customer, kept.contact, kept.opportunity]).toEqual(['converted', r.customer.id, r.contact.id, r.opportunity!.id]);
    await expectDomain(convertLead(lily, lead.id), 'error.crm_lead_converted');
    await expectDomain(updateDoc(lily, 'Lead', lead.id, { ...kept, notes: 'x' }), 'error.crm_lead_converted');
    // the lead's call is now on the customer's timeline too
    const tl = await timeline(lily, 'Customer', r.customer.id);
    expect(tl.some((e) => e.activity?.subject === 'First call')).toBe(true);
    // and the new customer is found as a duplicate of a look-alike lead
    const dups = await findDuplicates(lily, 'Lead', { companyName: '苏州茶语贸易公司', email: 'ZHOU@chayu.cn' });
    expect(dups.find((d) => d.docType === 'Customer')?.reasons).toEqual(['nameKey', 'emailKey']);
  });

  it('conversion is all or nothing', async () => {
    const { admin } = await team();
    const lead = await createDoc(admin, 'Lead', { leadName: 'Wu Min', companyName: 'Jinling Foods', leadStatus: 'qualified' });
    const customers = await countDocs(admin, 'Customer');
    const contacts = await countDocs(admin, 'Contact');
    // the opportunity part fails validation (bad stage): nothing at all is written
    await expect(convertLead(admin, lead.id, { opportunity: { stage: 'bogus' } })).rejects.toThrow();
    expect(await countDocs(admin, 'Customer')).toBe(customers);
    expect(await countDocs(admin, 'Contact')).toBe(contacts);
    expect((await getDoc(admin, 'Lead', lead.id)).leadStatus).toBe('qualified');
  });

  it('imports leads from CSV: dry run, per-row report, all or nothing, rules applied', async () => {
    const { admin, lily } = await team();
    await createDoc(admin, 'AssignmentRule', { ruleName: 'Imports', matchSource: 'import', reps: [{ user: lily.user.id }] });
    const bad = 'Name,Company,Email,Lead status\nZhou Jie,Chayu,zhou@chayu.cn,new\n,Nobody,x@y.cn,new\nWu Min,Jinling,not-mail,contacted\n';
    const r1 = await importLeadsCsv(admin, bad);
    expect(r1.ok).toBe(false);
    expect(r1.issues.map((i) => [i.row, i.field, i.code])).toEqual([[1, 'leadName', 'error.required'], [2, 'email', 'error.email_invalid']]);
    expect(await countDocs(admin, 'Lead')).toBe(0);
    const good = '姓名,公司名称,电子邮件,线索状态\n周杰,茶语,zhou@chayu.cn,新建\n吴敏,金陵,wu@jl.cn,已联系\n';
    const dry = await importLeadsCsv(admin, good, { dryRun: true });
    expect(dry).toMatchObject({ ok: true, imported: 0 });
    expect(await countDocs(admin, 'Lead')).toBe(0);
    const r2 = await importLeadsCsv(admin, good);
    expect(r2).toMatchObject({ ok: true, imported: 2 });
    const leads = await Promise.all(r2.ids.map((id) => getDoc(admin, 'Lead', id)));
    expect(leads.map((l) => [l.source, l.leadStatus, l.owner])).toEqual([['import', 'new', lily.user.id], ['import', 'contacted', lily.user.id]]);
    const missing = await importLeadsCsv(admin, 'Company\nX\n');
    expect(missing.headerIssues[0].code).toBe('error.import_missing_column');
  });

  it('imports leads from an Excel workbook the same way (chosen sheet, rows named by spreadsheet row)', async () => {
    const { admin, lily } = await team();
    await createDoc(admin, 'AssignmentRule', { ruleName: 'Imports', matchSource: 'import', reps: [{ user: lily.user.id }] });
    const data = toXlsx([
      { name: 'Notes', rows: [['not', 'this', 'one']] },
      { name: '线索', rows: [['姓名', '公司名称', '电子邮件'], ['周杰', '茶语', 'zhou@chayu.cn'], [], ['', '空名', 'x@y.cn'], ['吴敏', '金陵', 'not-mail']] },
    ]);
    const bad = await importLeadsFile(admin, { name: 'leads.xlsx', data }, { sheet: '线索' });
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => [bad.sheetRows[i.row], i.field, i.code])).toEqual([[4, 'leadName', 'error.required'], [5, 'email', 'error.email_invalid']]);
    expect(await countDocs(admin, 'Lead')).toBe(0);
    const first = await importLeadsFile(admin, { name: 'leads.xlsx', data });
    expect(first.headerIssues.map((i) => i.code)).toContain('error.import_missing_column'); // the first sheet has no Name column
    const good = toXlsx([{ name: 'S', rows: [['Name', 'Company', 'Email'], ['Zhou Jie', 'Chayu', 'zhou@chayu.cn']] }]);
    const ok = await importLeadsFile(admin, { name: 'leads.xlsx', data: good });
    expect(ok).toMatchObject({ ok: true, imported: 1 });
    expect((await getDoc(admin, 'Lead', ok.ids[0])).owner).toBe(lily.user.id);
    await expect(importLeadsFile(admin, { name: 'leads.xlsx', data: good.slice(0, 100) })).rejects.toMatchObject({ code: 'error.xlsx_invalid' });
    expect(await countDocs(admin, 'Lead')).toBe(1);
  });

  it('the capture form creates a lead and warns about duplicates', async () => {
    const { admin } = await team();
    await createDoc(admin, 'Customer', { customerName: 'Shanghai Hengda Trading Co., Ltd.', phone: '+86 21 5555 0101' });
    const r = await captureLead(admin, { leadName: 'Visitor', companyName: 'SHANGHAI HENGDA TRADING', phone: '021-5555 0101', leadStatus: 'qualified' });
    expect(r.lead.source).toBe('capture_form');
    expect(r.lead.leadStatus).toBe('new'); // the form cannot set protected fields
    expect(r.duplicates.map((d) => [d.docType, d.reasons])).toEqual([['Customer', ['nameKey', 'phoneKey']]]);
  });
});
