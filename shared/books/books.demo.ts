/**
 * Demo books for a demo company, entered through the services exactly as a user would:
 * an opening-balances journal, the month's USD and EUR exchange rates (CNY companies), a purchase
 * and two sales invoices with the template's standard VAT (13% on the Chinese chart), and a
 * customer payment. Runs after the masters seeder.
 */
import type { Session } from '../kernel/session';
import type { CompanySetupOptions } from '../kernel/hooks';
import type { BaseRecord } from '../kernel/doctype';
import { createDoc, listDocs } from '../kernel/docs.service';
import { createAndSubmit, defaultAccounts } from './books.service';

export async function seedBooksDemo(s: Session, _opts: CompanySetupOptions): Promise<void> {
  const acc = defaultAccounts(s);
  const today = s.localDate();
  const first = `${today.slice(0, 7)}-01`;
  const mid = today < `${today.slice(0, 7)}-10` ? today : `${today.slice(0, 7)}-10`;
  await createAndSubmit(s, 'JournalEntry', {
    postingDate: first,
    entryType: 'opening',
    remarks: 'Opening balances',
    lines: [
      { account: acc.cash, debit: '20000.00' },
      { account: acc.bank, debit: '500000.00' },
      { account: acc.inventory, debit: '180000.00' },
      { account: acc.capital, credit: '700000.00' },
    ],
  });
  // the month's exchange rates (a CNY company's demo: USD and EUR); foreign documents default from them
  if (s.baseCurrency === 'CNY') {
    for (const [currency, rate] of [['USD', '7.10'], ['EUR', '7.75']]) await createDoc(s, 'ExchangeRate', { currency, rateDate: first, rate, source: 'Demo' });
  }
  const customers = (await listDocs(s, 'Customer', { sort: 'number', dir: 'asc', limit: 5 })).rows.filter((c) => !c.currency);
  const suppliers = (await listDocs(s, 'Supplier', { sort: 'number', dir: 'asc', limit: 5 })).rows.filter((c) => !c.currency);
  const items = new Map((await listDocs(s, 'Item', { limit: 50 })).rows.map((i) => [i.itemCode as string, i]));
  const templates = (await s.db.t<BaseRecord>('tax_templates').toArray()).filter((t) => !t.deleted);
  const salesTax = templates.find((t) => t.usage === 'sales')?.id ?? '';
  const purchaseTax = templates.find((t) => t.usage === 'purchase')?.id ?? '';
  const line = (code: string, qty: string, price: 'salePrice' | 'purchasePrice', tax: string) => {
    const it = items.get(code);
    return it ? { item: it.id, qty, rate: it[price] as number, taxTemplate: tax } : null;
  };
  if (!customers.length || !suppliers.length || items.size === 0) return;
  const purchaseLines = [line('TEA-001', '200', 'purchasePrice', purchaseTax), line('CUP-010', '50', 'purchasePrice', purchaseTax)].filter(Boolean);
  await createAndSubmit(s, 'PurchaseInvoice', { supplier: suppliers[0].id, billNo: 'NB-88231', postingDate: first, items: purchaseLines });
  const inv1 = await createAndSubmit(s, 'SalesInvoice', { customer: customers[0].id, postingDate: mid, items: [line('TEA-001', '40', 'salePrice', salesTax), line('CUP-010', '10', 'salePrice', salesTax)].filter(Boolean) });
  if (customers[1]) await createAndSubmit(s, 'SalesInvoice', { customer: customers[1].id, postingDate: mid, items: [line('POT-020', '3', 'salePrice', salesTax)].filter(Boolean) });
  await createAndSubmit(s, 'Payment', {
    paymentType: 'receive',
    customer: customers[0].id,
    postingDate: today,
    amount: inv1.grandTotal,
    account: acc.bank,
    allocations: [{ referenceType: 'SalesInvoice', referenceId: inv1.id, amount: inv1.grandTotal }],
  });
}
