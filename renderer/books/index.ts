/**
 * Books module pages: dashboard, financial reports with drill-down (trial balance, profit and
 * loss, balance sheet -> general ledger detail -> source document), the tax summary (-> invoices
 * and GL), receivable/payable aging (-> write off an open document), customer statement, and
 * receiving/paying/refunding money allocated across open documents. Invoices, payments,
 * write-offs and journal entries themselves use the generic list/form screens.
 */
import { registerPage } from '../pages/registry';
import { registerFormPanel } from '../doc/form-panels';
import { DepreciationSchedulePanel } from './DepreciationSchedulePanel';
import { DashboardPage } from './DashboardPage';
import { TrialBalancePage } from './TrialBalancePage';
import { ProfitLossPage } from './ProfitLossPage';
import { CashFlowPage } from './CashFlowPage';
import { BudgetPage } from './BudgetPage';
import { BankReconciliationPage } from './BankReconciliationPage';
import { BalanceSheetPage } from './BalanceSheetPage';
import { GlDetailPage } from './GlDetailPage';
import { ApAgingPage, ArAgingPage } from './AgingPage';
import { StatementPage } from './StatementPage';
import { AllocatePaymentPage } from './AllocatePaymentPage';
import { TaxSummaryPage } from './TaxSummaryPage';

registerPage({ id: 'books.dashboard', module: 'books', labelKey: 'books.page.dashboard', right: ['Account', 'read'], component: DashboardPage, order: 10 });
registerPage({ id: 'books.allocate', module: 'books', labelKey: 'books.page.allocate', right: ['Payment', 'create'], component: AllocatePaymentPage, order: 20 });
registerPage({ id: 'books.trial-balance', module: 'books', labelKey: 'books.page.trial_balance', right: ['Account', 'read'], component: TrialBalancePage, order: 30 });
registerPage({ id: 'books.pnl', module: 'books', labelKey: 'books.page.pnl', right: ['Account', 'read'], component: ProfitLossPage, order: 40 });
registerPage({ id: 'books.balance-sheet', module: 'books', labelKey: 'books.page.balance_sheet', right: ['Account', 'read'], component: BalanceSheetPage, order: 50 });
registerPage({ id: 'books.cash-flow', module: 'books', labelKey: 'report.cashFlow', right: ['Account', 'read'], component: CashFlowPage, order: 55 });
registerPage({ id: 'books.tax-summary', module: 'books', labelKey: 'books.page.tax_summary', right: ['SalesInvoice', 'read'], component: TaxSummaryPage, order: 56 });
registerPage({ id: 'books.budget', module: 'books', labelKey: 'report.budgetVsActual', right: ['Budget', 'read'], component: BudgetPage, order: 57 });
registerPage({ id: 'books.bank', module: 'books', labelKey: 'bank.title', right: ['Payment', 'read'], component: BankReconciliationPage, order: 58 });
registerPage({ id: 'books.gl', module: 'books', labelKey: 'books.page.gl', right: ['Account', 'read'], component: GlDetailPage, order: 60 });
registerPage({ id: 'books.ar-aging', module: 'books', labelKey: 'books.page.ar_aging', right: ['SalesInvoice', 'read'], component: ArAgingPage, order: 70 });
registerPage({ id: 'books.ap-aging', module: 'books', labelKey: 'books.page.ap_aging', right: ['PurchaseInvoice', 'read'], component: ApAgingPage, order: 80 });
registerPage({ id: 'books.statement', module: 'books', labelKey: 'books.page.statement', right: ['SalesInvoice', 'read'], component: StatementPage, order: 90 });

/** A fixed asset's form shows its depreciation schedule (by its method) below the fields. */
registerFormPanel('FixedAsset', DepreciationSchedulePanel);
