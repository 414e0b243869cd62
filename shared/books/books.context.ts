/**
 * Small helpers the books behaviours share: default accounts from the company settings, new
 * master records built inside a transaction (company setup), currency facts.
 */
import { DomainError } from '../kernel/errors';
import { newId, seedId } from '../kernel/ids';
import { emptyValue, type BaseRecord, type DocTypeDef } from '../kernel/doctype';
import { searchTokens } from '../kernel/validate';
import { formatPlain, minorUnitsOf, money } from '../kernel/money';
import type { TxContext } from '../kernel/tx';
import type { CompanySettings } from '../kernel/session';
import type { DefaultAccountRole, DefaultAccounts } from './coa.templates';

/** The company's default account for a role (settings.defaultAccounts), or error.default_account_missing. */
export function defaultAccount(settings: CompanySettings, role: DefaultAccountRole): string {
  const id = (settings.defaultAccounts as Partial<DefaultAccounts> | undefined)?.[role];
  if (!id) throw new DomainError('error.default_account_missing', { role });
  return id;
}

/**
 * The id of a record a company template installs: a head-office record has the same id wherever
 * the template is installed; a branch's record (its default warehouses) the same id on every
 * device of that branch. Outside template installation: undefined (a new UUIDv7).
 */
function seededId(ctx: TxContext, def: DocTypeDef, values: Record<string, unknown>): string | undefined {
  if (!ctx.seed || !('field' in def.naming)) return undefined;
  const key = String(values[def.naming.field]);
  if (def.ownership === 'hq') return seedId(ctx.seed.template, def.table, key);
  return seedId(ctx.session.branchId, def.table, key);
}

/** A new active master record with every declared field (defaults for the missing ones). */
export function newRecord(ctx: TxContext, def: DocTypeDef, values: Record<string, unknown>): BaseRecord {
  const hlc = ctx.hlc();
  const rec: BaseRecord = {
    id: seededId(ctx, def, values) ?? newId(),
    number: 'field' in def.naming ? String(values[def.naming.field]) : '',
    branchId: ctx.session.branchId,
    status: def.submittable ? 'draft' : 'active',
    createdAt: ctx.now,
    createdBy: ctx.session.user.id,
    modifiedAt: ctx.now,
    modifiedBy: ctx.session.user.id,
    _hlc: hlc,
    deleted: 0,
    _rev: 1,
    _search: [],
  };
  for (const f of def.fields) rec[f.name] = f.name in values ? values[f.name] : emptyValue(f);
  rec._search = searchTokens(def, rec);
  return rec;
}

/** Document currency ('' means base). */
export function docCurrency(doc: Record<string, unknown>, base: string): string {
  return (doc.currency as string) || base;
}

export function minorOf(currency: string): number {
  return minorUnitsOf(currency);
}

/**
 * An amount for an error message's parameters: exact major units and the currency code
 * ("1234.50 USD"). Messages are formatted without a locale, so no grouping separators.
 */
export function showAmount(minor: number, currency: string): string {
  return `${formatPlain(money(minor, currency))} ${currency}`;
}
