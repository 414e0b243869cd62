/**
 * React access to i18n and Intl formatting for the chosen language. Every UI string goes
 * through `t(key, params)`; numbers, dates and money through the formatters here, never
 * through toString or toFixed.
 */
import { useCallback, useMemo } from 'react';
import { translate, errorMessage, toMajor, minorUnitsOf, type Lang } from '../../shared/api';
import { useApp } from '../state/app.store';

export function useT() {
  const lang = useApp((s) => s.lang);
  return useCallback((key: string, params?: Record<string, unknown>) => translate(lang, key, params), [lang]);
}

export function useErrorText() {
  const lang = useApp((s) => s.lang);
  return useCallback((e: unknown) => errorMessage(lang, e), [lang]);
}

export function useFormat() {
  const lang = useApp((s) => s.lang);
  return useMemo(() => formatters(lang), [lang]);
}

export function formatters(lang: Lang) {
  const locale = lang === 'zh-CN' ? 'zh-CN' : 'en-US';
  const dateFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const dtFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return {
    locale,
    /** Money from integer minor units; formatted from the exact decimal string (no float maths). */
    money(minor: number, currency: string): string {
      const digits = minorUnitsOf(currency);
      const s = toMajor({ minor, currency }).toFixed(digits);
      // Intl accepts decimal strings exactly (ES2023 "Intl.NumberFormat v3")
      return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(s as unknown as number);
    },
    number(v: number | string, digits?: number): string {
      return new Intl.NumberFormat(locale, digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v as number);
    },
    date(isoDate: string): string {
      if (!isoDate) return '';
      const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
      return dateFmt.format(new Date(y, m - 1, d));
    },
    dateTime(iso: string): string {
      return iso ? dtFmt.format(new Date(iso)) : '';
    },
  };
}
