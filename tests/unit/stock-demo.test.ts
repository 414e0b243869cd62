/** The demo company's stock is made through the services and is consistent. */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { warehouses } from '../fixtures/stock';
import { verifyStock, stockBalanceReport, reorderSuggestions } from '../../shared/stock';

describe('stock demo data', () => {
  it('receipts, a transfer and a partial delivery; ledger and balances agree', async () => {
    const { s } = await newCompany({ demo: true });
    const w = await warehouses(s);
    const rep = await stockBalanceReport(s, { warehouse: w.store });
    const tea = rep.rows.find((r) => r.itemCode === 'TEA-001')!;
    expect([tea.qty, tea.reserved]).toEqual(['92', '20']);
    expect((await stockBalanceReport(s, { warehouse: w.backroom })).rows.map((r) => [r.itemCode, r.qty])).toEqual([['TEA-001', '48']]);
    expect(rep.rows.find((r) => r.itemCode === 'CUP-010')!.qty).toBe('30');
    expect(await verifyStock(s)).toEqual([]);
    expect(Array.isArray(await reorderSuggestions(s))).toBe(true);
  }, 60000);
});
