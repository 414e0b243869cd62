/**
 * Company creation: installs the chart of accounts of the chosen template, its tax templates,
 * and the default accounts in the company settings (`settings.defaultAccounts`), all inside the
 * creation transaction (tables listed in the hook).
 */
import type { TxContext } from '../kernel/tx';
import type { CompanySetupOptions } from '../kernel/hooks';
import type { CompanySettings } from '../kernel/session';
import { Account, TaxTemplate } from './accounts.doctypes';
import { COA_TEMPLATES, GENERIC, DEFAULT_ACCOUNT_ROLES, type DefaultAccounts } from './coa.templates';
import { newRecord } from './books.context';

export const SETUP_TABLES = ['accounts', 'tax_templates', 'meta'] as const;

export async function installChart(ctx: TxContext, opts: CompanySetupOptions): Promise<DefaultAccounts> {
  const tpl = COA_TEMPLATES[opts.template] ?? GENERIC;
  const ids = new Map<string, string>();
  for (const [num, en, zh, parent, rootType, accountType, isGroup] of tpl.accounts) {
    const rec = newRecord(ctx, Account, { accountNumber: num, accountName: en, accountNameZh: zh, parentAccount: parent ? ids.get(parent)! : '', isGroup, rootType, accountType, currency: '', disabled: false, description: '' });
    ids.set(num, rec.id);
    await ctx.putDoc(Account, rec, null, 'create');
  }
  for (const [name, nameZh, usage, accountNumber, rate] of tpl.taxes) {
    const rec = newRecord(ctx, TaxTemplate, { templateName: name, templateNameZh: nameZh, usage, disabled: false, lines: [{ account: ids.get(accountNumber)!, ratePercent: rate, inclusive: false, description: name }] });
    await ctx.putDoc(TaxTemplate, rec, null, 'create');
  }
  const defaults = Object.fromEntries(DEFAULT_ACCOUNT_ROLES.map((r) => [r, ids.get(tpl.defaults[r])!])) as DefaultAccounts;
  const row = await ctx.t<{ key: string; value: CompanySettings }>('meta').get('company');
  const settings: CompanySettings = { ...(row?.value ?? ctx.session.settings), defaultAccounts: defaults };
  await ctx.t('meta').put({ key: 'company', value: settings });
  ctx.session.settings = settings;
  return defaults;
}
