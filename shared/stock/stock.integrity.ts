/**
 * Data checks of stock (shared/kernel/integrity.ts): stock balances (qty, value and FIFO
 * layers) against stock-ledger rows, and the batch / serial tables against the ledger. Report
 * only: a stock balance carries its valuation state (moving rate, FIFO queue), which only a
 * valuation repost rebuilds (Stock → Repost valuation).
 */
import { registerIntegrityCheck } from '../kernel/integrity';
import { verifyStock } from './stock-ledger';
import { verifyBatchesAndSerials } from './batch-serial';

registerIntegrityCheck({
  id: 'stock.balances',
  labelKey: 'integrity.stock.balances',
  adviceKey: 'integrity.stock.balances_advice',
  run: async (s) => (await verifyStock(s)).map((d) => ({ key: d.key, expected: d.expected, actual: d.actual })),
});

registerIntegrityCheck({
  id: 'stock.tracking',
  labelKey: 'integrity.stock.tracking',
  adviceKey: 'integrity.stock.tracking_advice',
  run: async (s) => (await verifyBatchesAndSerials(s)).map((d) => ({ key: `${d.table}: ${d.key}`, expected: d.expected, actual: d.actual })),
});
