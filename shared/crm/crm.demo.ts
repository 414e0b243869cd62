/**
 * CRM demo data, typed through the services like a user would: a territory tree, an
 * assignment rule, contacts for the demo customers, leads, opportunities across the stages and
 * a few activities.
 */
import type { Session } from '../kernel/session';
import type { CompanySetupOptions } from '../kernel/hooks';
import type { BaseRecord } from '../kernel/doctype';
import { createDoc, listDocs } from '../kernel/docs.service';

export async function seedCrmDemo(s: Session, opts: CompanySetupOptions): Promise<void> {
  const zh = opts.language === 'zh-CN';
  const me = s.user.id;
  const east = await createDoc(s, 'Territory', { territoryName: zh ? '华东区' : 'East China', level: 'region', manager: me, reps: [{ user: me }] });
  const sh = await createDoc(s, 'Territory', { territoryName: zh ? '上海' : 'Shanghai', level: 'city', parent: east.id });
  await createDoc(s, 'Territory', { territoryName: zh ? '浦东新区' : 'Pudong', level: 'district', parent: sh.id });
  await createDoc(s, 'Territory', { territoryName: zh ? '华南区' : 'South China', level: 'region', manager: me });
  await createDoc(s, 'AssignmentRule', { ruleName: zh ? '华东线索' : 'East China leads', priority: 10, matchTerritory: east.id, reps: [{ user: me, maxOpen: 50 }] });
  const customers: BaseRecord[] = (await listDocs(s, 'Customer', { sort: 'number', dir: 'asc', limit: 10 })).rows;
  const people = zh ? ['王丽', '张伟', '李娜', '刘洋', '陈静', '杨帆'] : ['Li Wang', 'Wei Zhang', 'Na Li', 'Yang Liu', 'Jing Chen', 'Fan Yang'];
  const contacts: BaseRecord[] = [];
  for (let i = 0; i < customers.length; i++) {
    contacts.push(await createDoc(s, 'Contact', { contactName: people[i % people.length], jobTitle: zh ? '采购经理' : 'Purchasing manager', customer: customers[i].id, mobile: `+86 138 0013 80${String(i).padStart(2, '0')}`, email: `buyer${i + 1}@example.com`, owner: me, isPrimary: true }));
  }
  const leads = [
    [zh ? '周杰' : 'Jay Zhou', zh ? '苏州茶语贸易有限公司' : 'Suzhou Tea Talk Trading', 'capture_form', 'qualified'],
    [zh ? '吴敏' : 'Min Wu', zh ? '南京金陵食品' : 'Nanjing Jinling Foods', 'email', 'contacted'],
    [zh ? '郑强' : 'Qiang Zheng', zh ? '宁波港湾超市' : 'Ningbo Harbour Market', 'import', 'new'],
  ];
  for (const [name, company, source, status] of leads) {
    await createDoc(s, 'Lead', { leadName: name, companyName: company, source, leadStatus: status, territory: sh.id, productInterest: 'Tea', campaign: zh ? '春茶展会' : 'Spring tea fair' });
  }
  const year = s.localDate().slice(0, 4);
  const stages = ['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'];
  for (let i = 0; i < customers.length; i++) {
    const stage = stages[i % stages.length];
    await createDoc(s, 'Opportunity', {
      title: `${String(customers[i].customerName)} - ${zh ? '年度茶叶采购' : 'annual tea order'}`,
      customer: customers[i].id,
      contact: contacts[i]?.id ?? '',
      stage,
      amount: String((i + 1) * 12000),
      expectedClose: `${year}-${String(((i * 2) % 12) + 1).padStart(2, '0')}-15`,
      lostReason: stage === 'lost' ? (zh ? '价格' : 'Price') : '',
    });
  }
  const today = s.localDate();
  if (customers[0]) {
    await createDoc(s, 'Activity', { subject: zh ? '回访报价' : 'Follow up on the quote', activityType: 'call', dueDate: today, customer: customers[0].id, contact: contacts[0]?.id ?? '' });
    await createDoc(s, 'Activity', { subject: zh ? '拜访客户' : 'Visit the buyer', activityType: 'meeting', dueDate: today, customer: customers[1]?.id ?? customers[0].id });
  }
}
