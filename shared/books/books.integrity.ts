/** Data check of the books (shared/kernel/integrity.ts): account balances against GL entries. */
import { registerIntegrityCheck } from '../kernel/integrity';
import { rebuildBalances, verifyBalances } from './gl';

registerIntegrityCheck({
  id: 'books.balances',
  labelKey: 'integrity.books.balances',
  adviceKey: 'integrity.books.balances_advice',
  run: async (s) => (await verifyBalances(s)).map((d) => ({ key: d.key, expected: d.expected, actual: d.actual })),
  repair: (s) => rebuildBalances(s),
});
