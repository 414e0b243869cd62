/**
 * Books module: chart of accounts, general ledger, journal entries, tax templates, invoices,
 * payments, reports and period close. Registers its document types, ledger tables and company
 * hooks when imported (shared/modules.ts). The public service API is re-exported here; see
 * docs/books.md.
 */
import { registerDocType, registerModule, registerTable } from '../kernel/registry';
import { registerCompanyHook } from '../kernel/hooks';
import { Account, TaxTemplate } from './accounts.doctypes';
import { JournalEntry, SalesInvoice, PurchaseInvoice, Payment } from './vouchers.doctypes';
import { accountBehaviour } from './accounts.behaviour';
import { journalEntryBehaviour } from './journal-entry.behaviour';
import { salesInvoiceBehaviour, purchaseInvoiceBehaviour } from './invoice.behaviour';
import { paymentBehaviour } from './payment.behaviour';
import { installChart, SETUP_TABLES } from './books.setup';
import { seedBooksDemo } from './books.demo';
import { GL_TABLE, BALANCE_TABLE } from './gl';
import { PL_TABLE } from './payment-ledger';
import { BANK_MATCH_TABLE } from './bank-reconciliation';
import { FixedAsset, AssetDepreciation } from './fixed-assets.doctypes';
import { PaymentReconciliation, reconciliationBehaviour } from './reconciliation';
import { fixedAssetBehaviour, assetDepreciationBehaviour, ASSET_DEP_TABLE } from './fixed-assets';
import './books-extra.messages';
import { AssetDisposal, assetDisposalBehaviour, withDisposalsInRuns, withDisposalGuard } from './asset-disposal';
import { Budget, budgetBehaviour } from './budget';
import { ExchangeRevaluation, exchangeRevaluationBehaviour } from './fx-revaluation';
import { WriteOff, writeOffBehaviour } from './write-off';
import { ExchangeRate, exchangeRateBehaviour } from './exchange-rates';
import './exchange-rates.messages';
import './books.integrity';

registerModule({ id: 'books', order: 20, icon: 'book' });
registerDocType(Account, accountBehaviour);
registerDocType(TaxTemplate);
registerDocType(JournalEntry, journalEntryBehaviour);
registerDocType(SalesInvoice, salesInvoiceBehaviour);
registerDocType(PurchaseInvoice, purchaseInvoiceBehaviour);
registerDocType(Payment, paymentBehaviour);
registerDocType(PaymentReconciliation, reconciliationBehaviour);
registerDocType(FixedAsset, withDisposalGuard(fixedAssetBehaviour));
registerDocType(AssetDepreciation, withDisposalsInRuns(assetDepreciationBehaviour));
registerDocType(AssetDisposal, assetDisposalBehaviour);
registerDocType(Budget, budgetBehaviour);
registerDocType(ExchangeRevaluation, exchangeRevaluationBehaviour);
registerDocType(WriteOff, writeOffBehaviour);
/** Head-office table of exchange rates; foreign documents default their rate from it. */
registerDocType(ExchangeRate, exchangeRateBehaviour);

/** General ledger: append-only, replicated (union by id). */
registerTable(GL_TABLE, { schema: 'id, [account+postingDate], voucherId, [partyType+party], postingDate', appendOnly: true });
/** Per account x period x branch debit/credit sums; derived, never replicated. */
registerTable(BALANCE_TABLE, { schema: '&key, [account+period], period', derived: true });
/** Payment ledger: what is open per document; append-only, replicated. */
registerTable(PL_TABLE, { schema: 'id, againstId, voucherId, [partyType+party], postingDate', appendOnly: true });

/** Bank statement line <-> ledger row matches; append-only, replicated. */
registerTable(BANK_MATCH_TABLE, { schema: 'id, glEntryId, [account+statementDate]', appendOnly: true });

/** Depreciation booked per asset and period; append-only, replicated. */
registerTable(ASSET_DEP_TABLE, { schema: 'id, assetId, voucherId', appendOnly: true });

registerCompanyHook({
  module: 'books',
  order: 20,
  tables: SETUP_TABLES,
  async onCreate(ctx, opts) {
    await installChart(ctx, opts);
  },
  seedDemo: seedBooksDemo,
});

export { Account, TaxTemplate, JournalEntry, SalesInvoice, PurchaseInvoice, Payment, PaymentReconciliation, FixedAsset, AssetDepreciation };
export * from './accounts.doctypes';
export * from './vouchers.doctypes';
export * from './coa.templates';
export * from './gl';
export * from './payment-ledger';
export * from './invoice.totals';
export * from './sales-invoice.posting';
export * from './purchase-invoice.posting';
export * from './journal-entry.posting';
export * from './payment.posting';
export * from './books.service';
export * from './reports';
export * from './bank-reconciliation';
export * from './fixed-assets';
export * from './asset-disposal';
export * from './budget';
export * from './fx-revaluation';
export * from './cash-flow';
export * from './write-off';
export * from './exchange-rates';
export * from './tax-summary';
