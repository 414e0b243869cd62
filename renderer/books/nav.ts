/** Drill-down routes of the books pages: a figure -> the GL detail of its account and period; a GL row -> its source document. */
import { useApp } from '../state/app.store';
import type { PeriodRange } from './period';

export function openGl(account: string, r: Pick<PeriodRange, 'fromDate' | 'toDate'>, branch = ''): void {
  useApp.getState().navigate({ name: 'page', page: 'books.gl', params: { account, from: r.fromDate, to: r.toDate, ...(branch ? { branch } : {}) } });
}

export function openVoucher(docType: string, id: string): void {
  useApp.getState().navigate({ name: 'form', docType, id });
}

/** From the very beginning of the books (balance sheet figures are cumulative). */
export const BEGINNING = '1900-01-01';
