/**
 * Company creation (stock part): the branch's default warehouses (a group with store, backroom,
 * in-transit and rejected), the two accounts stock posts to that the books charts lack (stock
 * received but not billed; stock adjustment / 待处理财产损溢), and `settings.stock`. Runs inside
 * the creation transaction after the books hook (which installs the chart).
 */
import type { TxContext } from '../kernel/tx';
import type { CompanySetupOptions } from '../kernel/hooks';
import type { CompanySettings } from '../kernel/session';
import type { BaseRecord } from '../kernel/doctype';
import { Account } from '../books/accounts.doctypes';
import { newRecord } from '../books/books.context';
import { Warehouse, type WarehouseType } from './stock.doctypes';
import type { StockSettings } from './stock.settings';

export const STOCK_SETUP_TABLES = ['warehouses', 'accounts', 'meta'] as const;

/** [number, English, Chinese, parent number, rootType] per chart template; an existing number is reused. */
const STOCK_ACCOUNTS: Record<string, { grni: readonly string[]; adjustment: readonly string[] }> = {
  'cn-small-enterprise': { grni: ['2209', 'Stock received but not billed', '暂估应付款', '2', 'liability'], adjustment: ['1901', 'Assets pending disposal', '待处理财产损溢', '1', 'asset'] },
  generic: { grni: ['2150', 'Stock received but not billed', '暂估应付款', '2000', 'liability'], adjustment: ['5200', 'Stock adjustment', '存货盘盈盘亏', '5000', 'expense'] },
};

async function ensureAccount(ctx: TxContext, [num, en, zh, parent, rootType]: readonly string[]): Promise<string> {
  const existing = await ctx.t<BaseRecord>('accounts').where('number').equals(num).first();
  if (existing) return existing.id;
  const p = await ctx.t<BaseRecord>('accounts').where('number').equals(parent).first();
  const rec = newRecord(ctx, Account, { accountNumber: num, accountName: en, accountNameZh: zh, parentAccount: p?.id ?? '', isGroup: false, rootType, accountType: '', currency: '', disabled: false, description: '' });
  await ctx.putDoc(Account, rec, null, 'create');
  return rec.id;
}

/** The default warehouses of a branch: one group and four leaves. Returns ids by type. */
export async function installWarehouses(ctx: TxContext, branchId: string, branchCode: string, branchName: string, zh: boolean): Promise<Record<WarehouseType, string>> {
  const group = newRecord(ctx, Warehouse, { warehouseCode: `${branchCode}-ALL`, warehouseName: zh ? `${branchName} 全部仓库` : `${branchName} warehouses`, parentWarehouse: '', isGroup: true, warehouseType: 'store', branch: branchId, account: '', disabled: false });
  await ctx.putDoc(Warehouse, group, null, 'create');
  const names: Record<WarehouseType, [string, string, string]> = {
    store: ['STORE', 'Store', '门店仓'],
    backroom: ['BACK', 'Backroom', '后仓'],
    in_transit: ['TRANSIT', 'In transit', '在途仓'],
    rejected: ['REJECT', 'Rejected', '不良品仓'],
  };
  const out = {} as Record<WarehouseType, string>;
  for (const [type, [code, en, cn]] of Object.entries(names) as [WarehouseType, [string, string, string]][]) {
    const w = newRecord(ctx, Warehouse, { warehouseCode: `${branchCode}-${code}`, warehouseName: zh ? `${branchName} ${cn}` : `${branchName} ${en}`, parentWarehouse: group.id, isGroup: false, warehouseType: type, branch: branchId, account: '', disabled: false });
    await ctx.putDoc(Warehouse, w, null, 'create');
    out[type] = w.id;
  }
  return out;
}

export async function installStock(ctx: TxContext, opts: CompanySetupOptions): Promise<void> {
  const settingsRow = await ctx.t<{ key: string; value: CompanySettings }>('meta').get('company');
  const settings = settingsRow?.value ?? ctx.session.settings;
  const accts = STOCK_ACCOUNTS[opts.template] ?? STOCK_ACCOUNTS.generic;
  const grniAccount = await ensureAccount(ctx, accts.grni);
  const adjustmentAccount = await ensureAccount(ctx, accts.adjustment);
  await installWarehouses(ctx, settings.branchId, settings.branchCode, settings.branchName, opts.language === 'zh-CN');
  const stock: StockSettings = { valuationMethod: 'moving_average', overReceiptPercent: '0', grniAccount, adjustmentAccount };
  const next: CompanySettings = { ...settings, stock };
  await ctx.t('meta').put({ key: 'company', value: next });
  ctx.session.settings = next;
}
