/** Merge: every linked record re-pointed in one transaction, nothing lost; duplicate scan by index. */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { createDoc, getDoc, listAudit, login, createUser, DomainError, updateSettings } from '../../shared/api';
import { mergeRecords, mergedIds, linkSites, scanDuplicates, customer360, timeline, approveQuote, markQuote, convertQuoteToOrder, quoteOutcome, dueReminders, myDay, completeActivity, evaluateSegment, crmDashboard } from '../../shared/crm';
import { submitDoc, updateDoc } from '../../shared/api';

async function expectDomain(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ code });
}

describe('merge', () => {
  it('discovers every link to Customer from the registry', () => {
    const sites = linkSites('Customer').map((x) => `${x.def.name}.${x.table ? x.table + '.' : ''}${x.field}`);
    expect(sites).toEqual(expect.arrayContaining(['Contact.customer', 'Lead.customer', 'Opportunity.customer', 'Activity.customer', 'Quote.customer', 'SalesInvoice.customer']));
  });

  it('re-points contacts, opportunities, quotes, activities and drafts of other modules; tombstones the loser; logs the merge', async () => {
    const { s } = await newCompany();
    const a = await createDoc(s, 'Customer', { customerName: '上海恒达贸易有限公司', phone: '021-5555 0101', tags: 'vip' });
    const b = await createDoc(s, 'Customer', { customerName: '上海恒达贸易公司', email: 'orders@hengda.cn', tags: 'tea, vip', website: 'hengda.cn' });
    const item = await createDoc(s, 'Item', { itemCode: 'TEA-1', itemName: 'Longjing', salePrice: '128.00' });
    const contact = await createDoc(s, 'Contact', { contactName: 'Li Wang', customer: b.id });
    const opp = await createDoc(s, 'Opportunity', { title: 'Spring order', customer: b.id, contact: contact.id });
    const act = await createDoc(s, 'Activity', { subject: 'Call', customer: b.id, opportunity: opp.id });
    const quote = await createDoc(s, 'Quote', { customer: b.id, quoteDate: '2026-03-01', items: [{ item: item.id, qty: '2' }] });
    const sent = await createDoc(s, 'Quote', { customer: b.id, quoteDate: '2026-03-02', items: [{ item: item.id, qty: '1' }] });
    await submitDoc(s, 'Quote', sent.id);
    const groups = await scanDuplicates(s, 'Customer');
    expect(groups.map((g) => [g.kind, g.records.map((r) => r.id).sort()])).toEqual([['nameKey', [a.id, b.id].sort()]]);

    const r = await mergeRecords(s, 'Customer', a.id, b.id);
    expect(r.repointed).toEqual({ Contact: 1, Opportunity: 1, Activity: 1, Quote: 1 });
    expect(r.kept).toEqual({ Quote: 1 }); // the submitted quote is immutable: kept, followed via crm_merges
    expect((await getDoc(s, 'Contact', contact.id)).customer).toBe(a.id);
    expect((await getDoc(s, 'Opportunity', opp.id)).customer).toBe(a.id);
    expect((await getDoc(s, 'Activity', act.id)).customer).toBe(a.id);
    expect((await getDoc(s, 'Quote', quote.id)).customer).toBe(a.id);
    const survivor = await getDoc(s, 'Customer', a.id);
    expect([survivor.customerName, survivor.email, survivor.website, survivor.tags, survivor.phone]).toEqual(['上海恒达贸易有限公司', 'orders@hengda.cn', 'hengda.cn', 'vip, tea', '021-5555 0101']);
    await expectDomain(getDoc(s, 'Customer', b.id), 'error.not_found');
    expect(await mergedIds(s, 'Customer', a.id)).toEqual([a.id, b.id]);
    const audit = await listAudit(s, { action: 'merge' });
    expect(audit.rows.map((x) => x.docId).sort()).toEqual([a.id, b.id].sort());
    expect(await scanDuplicates(s, 'Customer')).toEqual([]);
    // nothing lost: the 360 view includes the kept quote and the re-pointed records
    const c360 = await customer360(s, a.id);
    expect(c360.contacts.map((x) => x.id)).toEqual([contact.id]);
    expect(c360.openOpportunities.map((x) => x.id)).toEqual([opp.id]);
    expect(c360.quotes!.map((x) => x.id).sort()).toEqual([quote.id, sent.id].sort());
    expect(c360.outstanding).toBe(0);
    expect((await timeline(s, 'Customer', a.id)).some((e) => e.activity?.id === act.id)).toBe(true);
  });

  it('is refused to a rep, and to merge a record into itself', async () => {
    const { env, s } = await newCompany();
    const a = await createDoc(s, 'Customer', { customerName: 'A' });
    const b = await createDoc(s, 'Customer', { customerName: 'B' });
    await createUser(s, { username: 'lily', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
    const lily = await login(env, s.company.id, 'lily', 'sales-pass-1');
    await expectDomain(mergeRecords(lily, 'Customer', a.id, b.id), 'error.forbidden');
    await expectDomain(mergeRecords(s, 'Customer', a.id, a.id), 'error.crm_merge_same');
  });
});

describe('quotes', () => {
  it('prices from the item, needs approval above the rep limit, only a manager approves', async () => {
    const { env, s } = await newCompany();
    await updateSettings(s, { crmRepDiscountLimit: '10' });
    await createUser(s, { username: 'lily', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
    const lily = await login(env, s.company.id, 'lily', 'sales-pass-1');
    const c = await createDoc(s, 'Customer', { customerName: 'Hengda' });
    const item = await createDoc(s, 'Item', { itemCode: 'TEA-1', itemName: 'Longjing', salePrice: '128.00' });
    const q = await createDoc(lily, 'Quote', { customer: c.id, quoteDate: '2026-03-01', items: [{ item: item.id, qty: '3', discountPercent: '15' }], approvalStatus: 'approved', approvedDiscount: '50' });
    expect(q.items).toMatchObject([{ rate: 128_00, amount: 384_00, discountAmount: 57_60, netAmount: 326_40, description: 'Longjing' }]);
    expect([q.grandTotal, q.approvalStatus, q.approvedDiscount, q.owner]).toEqual([326_40, 'pending_approval', '0', lily.user.id]);
    await expectDomain(submitDoc(lily, 'Quote', q.id), 'error.crm_quote_needs_approval');
    await expectDomain(approveQuote(lily, q.id), 'error.crm_approval_forbidden');
    const ok = await approveQuote(s, q.id);
    expect(ok.approvalStatus).toBe('approved');
    // a larger discount afterwards needs approval again
    const more = await updateDoc(lily, 'Quote', q.id, { ...ok, items: [{ item: item.id, qty: '3', discountPercent: '20' }] });
    expect(more.approvalStatus).toBe('pending_approval');
    const back = await updateDoc(lily, 'Quote', q.id, { ...more, items: [{ item: item.id, qty: '3', discountPercent: '12' }] });
    expect(back.approvalStatus).toBe('approved');
    await submitDoc(lily, 'Quote', q.id);
    await markQuote(lily, q.id, 'accepted');
    expect((await quoteOutcome(lily, q.id)).outcome).toBe('accepted');
  });

  it('turns a submitted quote into a Sales Order when the selling module is present', async () => {
    const { s } = await newCompany();
    const c = await createDoc(s, 'Customer', { customerName: 'Hengda' });
    const item = await createDoc(s, 'Item', { itemCode: 'TEA-1', itemName: 'Longjing', salePrice: '128.00' });
    const q = await createDoc(s, 'Quote', { customer: c.id, quoteDate: '2026-03-01', items: [{ item: item.id, qty: '2', discountPercent: '5' }] });
    await expectDomain(convertQuoteToOrder(s, q.id), 'error.not_submitted');
    await submitDoc(s, 'Quote', q.id);
    const { findDocType } = await import('../../shared/api');
    if (!findDocType('SalesOrder')) {
      await expectDomain(convertQuoteToOrder(s, q.id), 'error.crm_sales_order_unavailable');
      return;
    }
    const r = await convertQuoteToOrder(s, q.id);
    expect(r.salesOrder.customer).toBe(c.id);
    expect((await quoteOutcome(s, q.id)).outcome).toBe('ordered');
    await expectDomain(convertQuoteToOrder(s, q.id), 'error.crm_quote_ordered');
    expect((await customer360(s, c.id)).orders?.map((o) => o.id)).toEqual([r.salesOrder.id]);
  });
});

describe('pipeline, activities, segments, dashboard', () => {
  it('stage defaults probability, lost needs a reason, won closes', async () => {
    const { s } = await newCompany();
    const c = await createDoc(s, 'Customer', { customerName: 'Hengda' });
    await expectDomain(createDoc(s, 'Opportunity', { title: 'No party' }), 'error.crm_opportunity_party_required');
    const o = await createDoc(s, 'Opportunity', { title: 'Deal', customer: c.id, amount: '1000' });
    expect([o.stage, o.probability, o.owner]).toEqual(['prospecting', '10', s.user.id]);
    const p = await updateDoc(s, 'Opportunity', o.id, { ...o, stage: 'negotiation' });
    expect(p.probability).toBe('75');
    await expectDomain(updateDoc(s, 'Opportunity', o.id, { ...p, stage: 'lost' }), 'error.crm_lost_reason_required');
    const w = await updateDoc(s, 'Opportunity', o.id, { ...p, stage: 'won' });
    expect([w.probability, w.closedOn]).toEqual(['100', s.localDate()]);
    const d = await crmDashboard(s);
    expect(d.pipelineByStage.find((x) => x.stage === 'won')).toEqual({ stage: 'won', count: 1, amount: 1000_00 });
    expect(d.winRate).toBe('100.0');
  });

  it('reminders become notifications once; my day groups overdue / today / done', async () => {
    const now = new Date('2026-03-10T09:00:00Z');
    const { s } = await newCompany({}, undefined);
    const today = s.localDate(now);
    const a1 = await createDoc(s, 'Activity', { subject: 'Call Li', dueDate: today, reminderAt: '2026-03-10T08:30:00Z' });
    await createDoc(s, 'Activity', { subject: 'Later', dueDate: '2099-01-01', reminderAt: '2099-01-01T08:00:00Z' });
    await createDoc(s, 'Activity', { subject: 'Old', dueDate: '2026-03-01' });
    const n1 = await dueReminders(s, now);
    expect(n1.map((n) => [n.messageKey, n.params.subject])).toEqual([['crm.reminder', 'Call Li']]);
    expect(await dueReminders(s, now)).toEqual([]);
    expect(await s.db.notifications.count()).toBe(1);
    const day = await myDay(s, today);
    expect(day.overdue.map((x) => x.subject)).toEqual(['Old']);
    expect(day.today.map((x) => x.subject)).toEqual(['Call Li']);
    await completeActivity(s, a1.id);
    const day2 = await myDay(s, s.localDate());
    expect(day2.doneToday.map((x) => x.subject)).toEqual(['Call Li']);
  });

  it('segments evaluate through an index when they can', async () => {
    const { s } = await newCompany();
    for (let i = 0; i < 6; i++) await createDoc(s, 'Customer', { customerName: `C${i}`, city: i % 2 ? 'Shanghai' : 'Beijing', industry: i < 3 ? 'Tea' : 'Food', creditLimit: String(i * 1000) });
    const seg = await createDoc(s, 'Segment', { segmentName: 'SH tea', target: 'Customer', conditions: [{ field: 'city', op: 'contains', value: 'shang' }, { field: 'industry', op: 'eq', value: 'Tea' }] });
    const page = await evaluateSegment(s, seg.id);
    expect(page.rows.map((r) => r.customerName)).toEqual(['C1']);
    const big = await evaluateSegment(s, { target: 'Customer', conditions: [{ field: 'creditLimit', op: 'gt', value: '2500' }] }, { limit: 2 });
    expect(big.rows.map((r) => r.customerName)).toEqual(['C3', 'C4']);
    const next = await evaluateSegment(s, { target: 'Customer', conditions: [{ field: 'creditLimit', op: 'gt', value: '2500' }] }, { limit: 2, after: big.next! });
    expect(next.rows.map((r) => r.customerName)).toEqual(['C5']);
    await expectDomain(evaluateSegment(s, { target: 'Customer', conditions: [{ field: 'nope', op: 'eq', value: '' }] }), 'error.crm_segment_field_unknown');
  });
});

void DomainError;

describe('live stock while quoting', () => {
  it('reads per-warehouse balances through the stock module', async () => {
    const { quoteStock } = await import('../../shared/crm');
    const { s } = await newCompany();
    const item = await createDoc(s, 'Item', { itemCode: 'TEA-9', itemName: 'Tea' });
    const st = await quoteStock(s, [item.id]);
    expect(st).not.toBeNull();
    expect(st!.get(item.id)).toEqual([]);
  });
});
