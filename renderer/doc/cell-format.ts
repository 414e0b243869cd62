/**
 * Text of one list cell, by field type: money in the document's currency (the field's
 * `currencyField`, else the company base currency), dates in the user's locale, select options
 * and yes/no translated, link fields as the linked record's title.
 */
import { type BaseRecord, type DocTypeDef, fieldOf } from '../../shared/api';
import type { formatters } from '../i18n/use-t';

export interface CellContext {
  fmt: ReturnType<typeof formatters>;
  t: (key: string, params?: Record<string, unknown>) => string;
  titles: ReadonlyMap<string, string>;
  baseCurrency: string;
  /** Record id -> thumbnail URL, for types with a registered loader (./record-thumbs.ts). */
  thumbs?: ReadonlyMap<string, string>;
}

export function cellText(def: DocTypeDef, name: string, rec: BaseRecord, c: CellContext): string {
  const v = rec[name];
  if (name === 'modifiedAt' || name === 'createdAt') return typeof v === 'string' ? c.fmt.dateTime(v) : '';
  const f = fieldOf(def, name);
  if (!f) return v === undefined || v === null ? '' : String(v);
  if (v === undefined || v === null || v === '') return '';
  try {
    switch (f.type) {
      case 'money': {
        const cur = f.currencyField && typeof rec[f.currencyField] === 'string' && rec[f.currencyField] ? String(rec[f.currencyField]) : c.baseCurrency;
        return c.fmt.money(Number(v), cur);
      }
      case 'date':
        return c.fmt.date(String(v));
      case 'datetime':
        return c.fmt.dateTime(String(v));
      case 'select':
        return c.t(`option.${String(v)}`);
      case 'link':
        return c.titles.get(String(v)) ?? '';
      case 'int':
      case 'decimal':
        return c.fmt.number(v as number | string);
      case 'percent':
        return `${c.fmt.number(v as string)}%`;
      case 'check':
        return c.t(v ? 'doc.yes' : 'doc.no');
      default:
        return String(v);
    }
  } catch {
    return String(v);
  }
}

/** Right-align numbers so columns of amounts line up. */
export function isNumericColumn(def: DocTypeDef, name: string): boolean {
  const f = fieldOf(def, name);
  return !!f && ['money', 'int', 'decimal', 'percent'].includes(f.type);
}
