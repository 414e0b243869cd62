/**
 * Duplicate detection, pure part: normalisation of names, e-mails, phones and tax ids into
 * KEYS. Two records are duplicate candidates when they share a non-empty key of the same kind.
 * Keys are stored on the records (hidden indexed fields) so a check on create is one index
 * look-up per key and a scan of the whole table walks each key index once in order (adjacent
 * equal keys), never comparing all pairs.
 *
 * Deliberately exact-after-normalisation (no fuzzy distance): a false "duplicate" warning costs
 * a user's attention, a fuzzy metric over 100,000 names cannot use an index, and the
 * normalisation below already absorbs the variants that occur in practice: legal-form suffixes in
 * Chinese and English, full-width characters, case, punctuation, gmail dots, phone formats.
 * No database, no DOM.
 */

/** Legal-form words, longest first (Chinese forms are matched as a suffix or before a branch note). */
const CN_LEGAL = ['集团股份有限公司', '集团有限责任公司', '集团有限公司', '股份有限公司', '有限责任公司', '有限公司', '股份公司', '集团公司', '公司'];
const EN_LEGAL = ['co ltd', 'company limited', 'corporation', 'incorporated', 'company', 'limited', 'corp', 'inc', 'llc', 'ltd', 'co', 'plc', 'gmbh', 'pte', 'lp', 'llp', 'sa', 'ag', 'bv'];

/** Full-width -> half-width, compatibility forms folded (NFKC), lower case. */
export function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/**
 * Company name key: folded, legal forms removed (repeatedly at the end), punctuation and spaces
 * removed. "上海恒达贸易有限公司" and "上海恒达贸易公司" and "（上海）恒达贸易" do NOT all meet: the
 * first two do; a moved city is a different spelling we do not guess at.
 */
export function companyKey(name: string): string {
  let s = fold(name ?? '').trim();
  if (!s) return '';
  // english: unify punctuation to spaces, then strip legal words from the end
  s = s.replace(/[.,'’"()（）[\]{}&+\/\\\-_:;!?·・，。、“”]+/g, ' ').replace(/\s+/g, ' ').trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of EN_LEGAL) {
      if (s === w) continue;
      if (s.endsWith(' ' + w)) {
        s = s.slice(0, -w.length - 1).trim();
        changed = true;
      }
    }
    for (const w of CN_LEGAL) {
      if (s !== w && s.endsWith(w)) {
        s = s.slice(0, -w.length).trim();
        changed = true;
      }
    }
  }
  return s.replace(/\s+/g, '');
}

/** Person name key: folded, spaces and punctuation removed ("Wang  Li" == "wang li" == "WANG-LI"). */
export function personKey(name: string): string {
  return fold(name ?? '').replace(/[\s.,'’"()\-_·・]+/g, '');
}

const GMAIL = new Set(['gmail.com', 'googlemail.com']);

/** E-mail key: lower case; gmail ignores dots and +tags in the local part. '' when not an address. */
export function emailKey(email: string): string {
  const s = fold(email ?? '').trim();
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return '';
  let local = s.slice(0, at);
  let domain = s.slice(at + 1);
  if (GMAIL.has(domain)) {
    domain = 'gmail.com';
    local = local.split('+')[0].replace(/\./g, '');
  }
  return `${local}@${domain}`;
}

/**
 * Phone key: E.164-like "+<country><number>" digits, from any common format.
 *   "+86 21 5555 0101", "0086-21-55550101", "(021) 5555-0101", "021 5555 0101" -> "+862155550101"
 *   "138 0013 8000", "+86 138-0013-8000", "8613800138000" -> "+8613800138000"
 *   "+86 (0)21 5555 0101" -> the trunk 0 after the country code is dropped
 *   extensions ("ext. 12", "x12", "转12", "#12") are dropped.
 * `defaultCountry` (calling code) applies to numbers written nationally (a leading trunk 0 or a
 * Chinese mobile number). Fewer than 7 digits -> '' (not comparable).
 */
export function phoneKey(phone: string, defaultCountry = '86'): string {
  let s = fold(phone ?? '').trim();
  if (!s) return '';
  s = s.split(/\s*(?:ext\.?|extension|x|转|分机|#)\s*\d+\s*$/)[0];
  const intl = s.startsWith('+');
  s = s.replace(/\(0\)/g, '');
  let d = s.replace(/\D/g, '');
  if (!d) return '';
  if (intl) {
    // nothing to do: already country code first
  } else if (d.startsWith('00')) {
    d = d.slice(2);
  } else if (d.startsWith('0')) {
    d = defaultCountry + d.slice(1);
  } else if (defaultCountry === '86' && d.length === 13 && d.startsWith('861')) {
    // 86 + an 11-digit mobile written without '+'
  } else if (defaultCountry === '86' && d.length === 11 && d.startsWith('1')) {
    d = '86' + d;
  } else {
    // a national number of an unknown plan (or a local one without area code): comparable only as is
    return d.length >= 7 ? d : '';
  }
  // a trunk zero kept after the country code ("+86 021 ...")
  if (d.startsWith('860')) d = '86' + d.slice(3);
  return d.length >= 7 ? `+${d}` : '';
}

/** Tax id key (e.g. China's 18-character unified social credit code): folded, only letters/digits. */
export function taxKey(taxId: string): string {
  return fold(taxId ?? '').replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}

export type KeyKind = 'nameKey' | 'emailKey' | 'phoneKey' | 'taxKey';
export const KEY_KINDS: readonly KeyKind[] = ['nameKey', 'emailKey', 'phoneKey', 'taxKey'];

/** The dedupe keys of a record of one of the CRM-checked types (only the kinds the type stores). */
export function dedupeKeys(docType: string, v: Record<string, unknown>): Partial<Record<KeyKind, string>> {
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
  switch (docType) {
    case 'Customer':
      return { nameKey: companyKey(str('customerName')), emailKey: emailKey(str('email')), phoneKey: phoneKey(str('phone')), taxKey: taxKey(str('taxId')) };
    case 'Contact':
      // a person's name is only a duplicate signal within one account
      return { nameKey: personKey(str('contactName')) ? `${personKey(str('contactName'))}@${str('customer')}` : '', emailKey: emailKey(str('email')), phoneKey: phoneKey(str('mobile') || str('phone')) };
    case 'Lead':
      return { nameKey: companyKey(str('companyName')), emailKey: emailKey(str('email')), phoneKey: phoneKey(str('mobile') || str('phone')) };
    default:
      return {};
  }
}

/** Why two records are duplicate candidates: the key kinds they share (empty = not duplicates). */
export function matchReasons(a: Partial<Record<KeyKind, string>>, b: Partial<Record<KeyKind, string>>): KeyKind[] {
  return KEY_KINDS.filter((k) => !!a[k] && a[k] === b[k]);
}
