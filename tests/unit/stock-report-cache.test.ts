/** Stock reports cache item and warehouse labels until those tables are written. */
import { describe, it, expect } from 'vitest';
import '../../shared/modules';
import { updateDoc, getDoc } from '../../shared/api';
import { stockBalanceReport } from '../../shared/stock';
import { newCompany } from '../fixtures/company';
import { warehouses, stockItem, receiveStock } from '../fixtures/stock';

describe('stock report labels', () => {
  it('show a renamed item at once', async () => {
    const { s } = await newCompany();
    const w = await warehouses(s);
    const item = await stockItem(s, { itemName: 'Green tea' });
    await receiveStock(s, item.id, w.store, '3', '5.00');
    expect((await stockBalanceReport(s, { warehouse: w.store })).rows.map((r) => [r.itemName, r.qty, r.projected])).toEqual([['Green tea', '3', '3']]);
    await updateDoc(s, 'Item', item.id, { ...(await getDoc(s, 'Item', item.id)), itemName: 'Longjing green tea' });
    expect((await stockBalanceReport(s, { warehouse: w.store })).rows.map((r) => r.itemName)).toEqual(['Longjing green tea']);
    s.db.close();
  });
});
