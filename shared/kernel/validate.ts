/**
 * The runtime validator derived from a DocTypeDef. One function for every boundary: forms,
 * CSV import, the programmatic API and sync all call `normalizeDoc`, which coerces raw input
 * (strings from a form or a CSV cell, numbers from a script) into the storage conventions of
 * ./doctype.ts and collects every problem as a FieldIssue. Nothing is written by this module.
 */
import { DomainError, type FieldIssue } from './errors';
import { type DocTypeDef, type FieldDef, emptyValue } from './doctype';
import { D, parseMoney, minorUnitsOf } from './money';
import { isCurrency } from './currency';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/**
 * Coerce one value to the field's storage type. Returns the value or pushes an issue.
 * `currency` is the document currency (for money fields given in major units as strings).
 */
export function coerceField(f: FieldDef, raw: unknown, currency: string, issues: FieldIssue[], path: { field: string; row?: number }): unknown {
  const at = (code: string, params: Record<string, unknown> = {}) => {
    issues.push({ code, field: path.field, row: path.row, params });
    return undefined;
  };
  if (isBlank(raw)) {
    if (f.required) return at('error.required');
    return emptyValue(f);
  }
  switch (f.type) {
    case 'data':
    case 'text':
    case 'phone':
    case 'link': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return at('error.not_text');
      const s = String(raw).trim();
      if (f.maxLength && s.length > f.maxLength) return at('error.too_long', { max: f.maxLength });
      return s;
    }
    case 'email': {
      const s = String(raw).trim();
      if (!EMAIL_RE.test(s)) return at('error.email_invalid', { value: s });
      return s.toLowerCase();
    }
    case 'currency': {
      const s = String(raw).trim().toUpperCase();
      if (!isCurrency(s)) return at('error.currency_unknown', { currency: s });
      return s;
    }
    case 'select': {
      const s = String(raw).trim();
      if (!f.options?.includes(s)) return at('error.option_invalid', { value: s, options: (f.options ?? []).join(', ') });
      return s;
    }
    case 'check': {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw).trim().toLowerCase();
      if (['1', 'true', 'yes', 'y', '是'].includes(s)) return true;
      if (['0', 'false', 'no', 'n', '否'].includes(s)) return false;
      return at('error.not_boolean', { value: String(raw) });
    }
    case 'int': {
      const s = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (typeof raw === 'string' && !/^[-+]?\d+$/.test(raw.trim())) return at('error.not_an_integer', { value: raw });
      if (!Number.isSafeInteger(s)) return at('error.not_an_integer', { value: String(raw) });
      return rangeCheck(f, new D(s), at) ? s : undefined;
    }
    case 'decimal':
    case 'percent': {
      const t = typeof raw === 'number' ? (Number.isFinite(raw) ? String(raw) : 'x') : String(raw).trim().replace(/[,\s_]/g, '');
      if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t) && !(typeof raw === 'number' && Number.isFinite(raw))) return at('error.not_a_number', { value: String(raw) });
      const d = new D(t);
      return rangeCheck(f, d, at) ? d.toString() : undefined;
    }
    case 'money': {
      // A number is taken as minor units (API/storage), a string as major units (form/import).
      if (typeof raw === 'number') {
        if (!Number.isSafeInteger(raw)) return at('error.money_not_minor', { value: raw });
        return rangeCheck(f, new D(raw).div(new D(10).pow(minorUnitsSafe(currency))), at) ? raw : undefined;
      }
      try {
        const m = parseMoney(String(raw), currency);
        return rangeCheck(f, new D(m.minor).div(new D(10).pow(minorUnitsSafe(currency))), at) ? m.minor : undefined;
      } catch (e) {
        const de = e as DomainError;
        return at(de.code ?? 'error.not_a_number', de.params ?? { value: String(raw) });
      }
    }
    case 'date': {
      const s = String(raw).trim();
      if (!isValidDate(s)) return at('error.date_invalid', { value: s });
      return s;
    }
    case 'datetime': {
      const s = String(raw).trim();
      const t = Date.parse(s);
      if (Number.isNaN(t)) return at('error.date_invalid', { value: s });
      return new Date(t).toISOString();
    }
    case 'table': {
      if (!Array.isArray(raw)) return at('error.not_a_table');
      const rows: Record<string, unknown>[] = [];
      raw.forEach((r, i) => {
        const row: Record<string, unknown> = {};
        for (const cf of f.fields ?? []) {
          const cur = cf.currencyField ? String((r as Record<string, unknown>)[cf.currencyField] ?? currency) : currency;
          const v = coerceField(cf, (r as Record<string, unknown>)?.[cf.name], cur, issues, { field: `${f.name}.${cf.name}`, row: i });
          if (v !== undefined) row[cf.name] = v;
        }
        if (typeof (r as Record<string, unknown>)?.id === 'string') row.id = (r as Record<string, unknown>).id;
        rows.push(row);
      });
      if (f.required && rows.length === 0) return at('error.table_empty');
      return rows;
    }
  }
}

function minorUnitsSafe(currency: string): number {
  try {
    return minorUnitsOf(currency);
  } catch {
    return 2;
  }
}

function rangeCheck(f: FieldDef, d: InstanceType<typeof D>, at: (code: string, p?: Record<string, unknown>) => undefined): boolean {
  if (f.min !== undefined && d.lessThan(f.min)) {
    at(f.min === 0 ? 'error.negative' : 'error.below_min', { min: f.min });
    return false;
  }
  if (f.max !== undefined && d.greaterThan(f.max)) {
    at('error.above_max', { max: f.max });
    return false;
  }
  return true;
}

/**
 * Normalise a whole document's user fields. Unknown properties are ignored (never stored).
 * Throws one DomainError carrying every issue, so a form can show them all at once.
 */
export function normalizeDoc(def: DocTypeDef, input: Record<string, unknown>, baseCurrency: string): Record<string, unknown> {
  const issues: FieldIssue[] = [];
  const out: Record<string, unknown> = {};
  // currency fields first, money fields depend on them
  const ordered = [...def.fields].sort((a, b) => (a.type === 'currency' ? -1 : 0) - (b.type === 'currency' ? -1 : 0));
  for (const f of ordered) {
    if (f.readOnly && !(f.name in input)) {
      out[f.name] = emptyValue(f);
      continue;
    }
    const cur = f.currencyField ? String(out[f.currencyField] || baseCurrency) : baseCurrency;
    const v = coerceField(f, input[f.name], cur, issues, { field: f.name });
    if (v !== undefined) out[f.name] = v;
  }
  if (issues.length) throw DomainError.invalid(issues);
  return out;
}

/** Lower-cased search tokens from the declared search fields: whole values and their words. */
export function searchTokens(def: DocTypeDef, rec: Record<string, unknown>): string[] {
  const set = new Set<string>();
  for (const name of ['number', ...def.searchFields]) {
    const v = rec[name];
    if (typeof v !== 'string' || !v) continue;
    const low = v.toLowerCase().normalize('NFKC').trim();
    if (!low) continue;
    set.add(low.slice(0, 100));
    for (const w of low.split(/[\s,.;:/()\-_@]+/)) if (w && w !== low) set.add(w.slice(0, 100));
  }
  return [...set];
}
