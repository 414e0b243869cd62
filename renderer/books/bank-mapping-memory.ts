/**
 * The statement column mapping last used for a bank account, remembered on this device per
 * company and account (localStorage; a mapping is a screen preference, not business data, so it
 * is neither synced nor audited). Stored by header name (`SavedBankMapping`), so next month's
 * file fits even when the bank moves a column or the preamble grows.
 */
import type { SavedBankMapping } from '../../shared/books';

const key = (companyId: string, account: string) => `branchline.bankMapping.${companyId}.${account}`;

export function loadBankMapping(companyId: string, account: string, storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): SavedBankMapping | null {
  try {
    const raw = storage?.getItem(key(companyId, account));
    const v = raw ? (JSON.parse(raw) as SavedBankMapping) : null;
    return v && v.v === 1 ? v : null;
  } catch {
    return null; // unreadable (old format, hand-edited): guess instead
  }
}

export function saveBankMapping(companyId: string, account: string, m: SavedBankMapping, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(key(companyId, account), JSON.stringify(m));
  } catch {
    // storage full or disabled: the next import guesses again, nothing else depends on it
  }
}
