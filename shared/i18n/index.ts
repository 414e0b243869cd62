/**
 * i18n: flat message catalogs per language, merged from per-area catalog files (kernel, ui,
 * masters, books, ...), each area shipping English and Simplified Chinese together. A test
 * proves both languages have exactly the same keys and every declared label has a message.
 *
 * Messages use `{name}` placeholders. Missing keys fall back to English, then to the key itself
 * (visible, so a gap is noticed rather than hidden).
 */
export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];
export type Catalog = Record<string, string>;

const catalogs: Record<Lang, Catalog> = { en: {}, 'zh-CN': {} };
const areas: { area: string; en: Catalog; zh: Catalog }[] = [];

export function registerMessages(area: string, en: Catalog, zh: Catalog): void {
  if (areas.some((a) => a.area === area)) return;
  areas.push({ area, en, zh });
  Object.assign(catalogs.en, en);
  Object.assign(catalogs['zh-CN'], zh);
}

export function messageAreas(): readonly { area: string; en: Catalog; zh: Catalog }[] {
  return areas;
}

export function catalog(lang: Lang): Catalog {
  return catalogs[lang];
}

export function hasMessage(key: string, lang: Lang = 'en'): boolean {
  return key in catalogs[lang];
}

export function translate(lang: Lang, key: string, params: Record<string, unknown> = {}): string {
  const msg = catalogs[lang][key] ?? catalogs.en[key] ?? key;
  return msg.replace(/\{(\w+)\}/g, (m, p: string) => {
    const v = params[p];
    if (v === undefined || v === null) return m;
    // a parameter that is itself a message key (e.g. a doctype name) is translated too
    if (typeof v === 'string' && catalogs[lang][`doctype.${v}`]) return catalogs[lang][`doctype.${v}`];
    if (typeof v === 'string' && catalogs[lang][`right.${v}`] && p === 'right') return catalogs[lang][`right.${v}`];
    return String(v);
  });
}

/** Words for an error thrown by the kernel (DomainError or anything else). */
export function errorMessage(lang: Lang, e: unknown): string {
  if (e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' && (e as { name?: string }).name === 'DomainError') {
    const de = e as { code: string; params?: Record<string, unknown>; issues?: { code: string; field?: string; row?: number; params?: Record<string, unknown> }[] };
    if (de.issues && de.issues.length > 1) return de.issues.map((i) => issueMessage(lang, i)).join('; ');
    return issueMessage(lang, { code: de.code, params: de.params, field: de.issues?.[0]?.field, row: de.issues?.[0]?.row });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return translate(lang, 'error.unexpected', { message: msg });
}

export function issueMessage(lang: Lang, i: { code: string; field?: string; row?: number; params?: Record<string, unknown> }): string {
  const text = translate(lang, i.code, i.params ?? {});
  if (i.row !== undefined) return translate(lang, 'error.in_row', { row: i.row + 1, message: text });
  return text;
}
