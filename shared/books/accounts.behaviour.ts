/**
 * Account rules: the tree stays a tree (parent is a group of the same root type, no cycles),
 * an account with ledger rows cannot become a group or be deleted, a group with children cannot
 * become a leaf or be deleted.
 */
import { DomainError } from '../kernel/errors';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import { GL_TABLE } from './gl';

async function hasEntries(ctx: TxContext, id: string): Promise<boolean> {
  return (await ctx.t(GL_TABLE).where('[account+postingDate]').between([id, ''], [id, '\uffff']).limit(1).count()) > 0;
}

async function hasChildren(ctx: TxContext, id: string): Promise<boolean> {
  return (await ctx.t<BaseRecord>('accounts').where('parentAccount').equals(id).filter((a) => !a.deleted).count()) > 0;
}

export const accountBehaviour: DocBehaviour = {
  tables: [GL_TABLE],
  async beforeSave(doc, ctx) {
    const parentId = doc.parentAccount as string;
    if (parentId) {
      const parent = await ctx.t<BaseRecord>('accounts').get(parentId);
      if (parent && !parent.isGroup) throw new DomainError('error.account_parent_not_group', { parent: parent.accountNumber }, 'parentAccount');
      if (parent && parent.rootType !== doc.rootType) throw new DomainError('error.account_root_mismatch', { parent: parent.accountNumber, rootType: parent.rootType }, 'rootType');
      // walk up: reaching this account again would make a cycle
      let cur: BaseRecord | undefined = parent;
      for (let depth = 0; cur && depth < 64; depth++) {
        if (cur.id === doc.id) throw new DomainError('error.account_cycle', {}, 'parentAccount');
        cur = cur.parentAccount ? await ctx.t<BaseRecord>('accounts').get(cur.parentAccount as string) : undefined;
      }
    }
    if (doc.isGroup && (await hasEntries(ctx, doc.id))) throw new DomainError('error.account_has_entries', { account: doc.accountNumber }, 'isGroup');
    if (!doc.isGroup && (await hasChildren(ctx, doc.id))) throw new DomainError('error.account_has_children', { account: doc.accountNumber }, 'isGroup');
  },
  async beforeDelete(doc, ctx) {
    if (await hasEntries(ctx, doc.id)) throw new DomainError('error.account_has_entries', { account: doc.accountNumber });
    if (await hasChildren(ctx, doc.id)) throw new DomainError('error.account_has_children', { account: doc.accountNumber });
  },
};
