/**
 * Bad input gives the right DomainError code and writes nothing: no ledger row, no balance, no
 * outbox change, no audit row (counted before and after each refused command).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { newCompany } from '../fixtures/company';
import { accounts, taxId, ledgerCounts } from '../fixtures/books';
import { createDoc, submitDoc, cancelDoc, updateDoc, deleteDoc, errorMessage, type Session, type BaseRecord } from '../../shared/api';
import { setLockDate, createAndSubmit } from '../../shared/books';

let s: Session;
let A: Record<string, string>;
let customer: string;
let vat: string;
let inVat: string;

beforeAll(async () => {
  ({ s } = await newCompany());
  A = await accounts(s, '1', '1001', '1002', '1012', '1122', '2221', '3001', '5602');
  customer = (await createDoc(s, 'Customer', { customerName: 'Hengda' })).id;
  vat = await taxId(s, 'VAT 13%');
  inVat = await taxId(s, 'Input VAT 13%');
});

/** Run `fn`, expect the code, and prove that nothing at all was written. */
async function refused(fn: () => Promise<unknown>, code: string): Promise<Error & { code: string; issues: { field?: string; row?: number }[] }> {
  const before = await ledgerCounts(s);
  let err: unknown;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  expect(err, `expected ${code}`).toBeDefined();
  expect((err as { code: string }).code).toBe(code);
  expect(await ledgerCounts(s)).toEqual(before);
  return err as Error & { code: string; issues: { field?: string; row?: number }[] };
}

const je = (lines: Record<string, unknown>[], postingDate = '2026-03-10') => createDoc(s, 'JournalEntry', { postingDate, lines });

describe('journal entries refuse bad postings and write nothing', () => {
  it('an entry unbalanced by one cent', async () => {
    const d = await je([{ account: A['5602'], debit: '100.00' }, { account: A['1001'], credit: '99.99' }]);
    const e = await refused(() => submitDoc(s, 'JournalEntry', d.id), 'error.unbalanced');
    expect(errorMessage('en', e)).toContain('must be equal');
    expect(errorMessage('zh-CN', e)).toContain('借方');
  });

  it('posting into a locked period', async () => {
    const d = await je([{ account: A['5602'], debit: '1.00' }, { account: A['1001'], credit: '1.00' }], '2026-01-31');
    await setLockDate(s, '2026-01-31');
    try {
      await refused(() => submitDoc(s, 'JournalEntry', d.id), 'error.period_locked');
    } finally {
      await setLockDate(s, '');
    }
  });

  it('a group account', async () => {
    const d = await je([{ account: A['1'], debit: '1.00' }, { account: A['3001'], credit: '1.00' }]);
    await refused(() => submitDoc(s, 'JournalEntry', d.id), 'error.account_is_group');
  });

  it('a receivable line without a party', async () => {
    const d = await je([{ account: A['1122'], debit: '1.00' }, { account: A['3001'], credit: '1.00' }]);
    const e = await refused(() => submitDoc(s, 'JournalEntry', d.id), 'error.party_required');
    expect(e.issues[0]).toMatchObject({ field: 'lines.party', row: 0 });
  });

  it('a line with both a debit and a credit, and a negative amount (refused at save)', async () => {
    const e = await refused(() => je([{ account: A['5602'], debit: '1.00', credit: '1.00' }, { account: A['1001'], credit: '0.00' }]), 'error.validation');
    expect(e.issues.map((i) => i.row)).toEqual([0, 1]);
    await refused(() => je([{ account: A['5602'], debit: '-1.00' }, { account: A['1001'], credit: '1.00' }]), 'error.negative');
  });

  it('text in a money field', async () => {
    await refused(() => je([{ account: A['5602'], debit: 'ten' }, { account: A['1001'], credit: '1.00' }]), 'error.not_a_number');
  });
});

describe('invoices refuse bad input and write nothing', () => {
  const inv = (over: Record<string, unknown> = {}, line: Record<string, unknown> = {}) =>
    createDoc(s, 'SalesInvoice', { customer, postingDate: '2026-03-10', items: [{ description: 'Tea', qty: '1', rate: '10.00', taxTemplate: vat, ...line }], ...over });

  it('an unknown currency', async () => {
    await refused(() => inv({ currency: 'XYZ' }), 'error.currency_unknown');
  });
  it('a foreign currency without an exchange rate', async () => {
    await refused(() => inv({ currency: 'USD' }), 'error.exchange_rate_required');
  });
  it('a negative quantity', async () => {
    const e = await refused(() => inv({}, { qty: '-2' }), 'error.negative');
    expect(e.issues[0]).toMatchObject({ field: 'items.qty', row: 0 });
  });
  it('a zero quantity', async () => {
    await refused(() => inv({}, { qty: '0' }), 'error.qty_zero');
  });
  it('text in a number field', async () => {
    await refused(() => inv({}, { qty: 'two' }), 'error.not_a_number');
    await refused(() => inv({}, { rate: 'ten yuan' }), 'error.not_a_number');
  });
  it('a purchase tax template on a sales invoice', async () => {
    await refused(() => inv({}, { taxTemplate: inVat }), 'error.tax_template_usage');
  });
  it('a credit note without its original invoice', async () => {
    await refused(() => inv({ isReturn: true }), 'error.return_against_required');
  });
});

describe('payments refuse bad allocations and write nothing', () => {
  let invoice: BaseRecord;
  beforeAll(async () => {
    invoice = await createAndSubmit(s, 'SalesInvoice', { customer, postingDate: '2026-03-10', items: [{ description: 'Tea', qty: '1', rate: '100.00', taxTemplate: vat }] });
  });
  const pay = (amount: string, alloc: string, over: Record<string, unknown> = {}) =>
    createDoc(s, 'Payment', { paymentType: 'receive', customer, postingDate: '2026-03-11', amount, account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: invoice.id, amount: alloc }], ...over });

  it('allocations above the payment amount', async () => {
    await refused(() => pay('50.00', '60.00'), 'error.over_allocated');
  });
  it('an allocation above the invoice outstanding', async () => {
    const d = await pay('200.00', '113.01');
    await refused(() => submitDoc(s, 'Payment', d.id), 'error.allocation_exceeds_outstanding');
  });
  it('an account that is not a bank or cash account', async () => {
    await refused(() => pay('10.00', '10.00', { account: A['5602'] }), 'error.account_not_bank');
  });
  it('an invoice of another customer', async () => {
    const other = (await createDoc(s, 'Customer', { customerName: 'Other' })).id;
    const d = await pay('10.00', '10.00', { customer: other });
    await refused(() => submitDoc(s, 'Payment', d.id), 'error.allocation_party');
  });
  it('cancelling an invoice with payments names the payment', async () => {
    const p = await createAndSubmit(s, 'Payment', { paymentType: 'receive', customer, postingDate: '2026-03-12', amount: '50.00', account: A['1002'], allocations: [{ referenceType: 'SalesInvoice', referenceId: invoice.id, amount: '50.00' }] });
    const e = await refused(() => cancelDoc(s, 'SalesInvoice', invoice.id), 'error.invoice_has_payments');
    expect(errorMessage('en', e)).toContain(p.number);
  });
});

describe('the chart of accounts protects itself', () => {
  it('an account with ledger rows cannot be deleted or made a group; a group with children cannot be deleted', async () => {
    await createAndSubmit(s, 'JournalEntry', { postingDate: '2026-03-01', lines: [{ account: A['1001'], debit: '5.00' }, { account: A['3001'], credit: '5.00' }] });
    await refused(() => deleteDoc(s, 'Account', A['1001']), 'error.account_has_entries');
    const cash = (await s.db.t<BaseRecord>('accounts').get(A['1001']))!;
    await refused(() => updateDoc(s, 'Account', cash.id, { ...cash, isGroup: true }), 'error.account_has_entries');
    await refused(() => deleteDoc(s, 'Account', A['2221']), 'error.account_has_children');
    await deleteDoc(s, 'Account', A['1012']); // unused leaf: allowed (tombstone)
  });

  it('the tree stays a tree', async () => {
    await refused(() => createDoc(s, 'Account', { accountNumber: '100201', accountName: 'Bank of China', parentAccount: A['1002'], rootType: 'asset' }), 'error.account_parent_not_group');
    await refused(() => createDoc(s, 'Account', { accountNumber: '1999', accountName: 'Wrong side', parentAccount: A['1'], rootType: 'liability' }), 'error.account_root_mismatch');
    const sub = await createDoc(s, 'Account', { accountNumber: '222199', accountName: 'Stamp duty payable', accountNameZh: '应交印花税', parentAccount: A['2221'], rootType: 'liability', accountType: 'tax' });
    expect(sub.number).toBe('222199');
    await refused(() => createDoc(s, 'Account', { accountNumber: '222199', accountName: 'Again', parentAccount: A['2221'], rootType: 'liability' }), 'error.duplicate');
  });
});
