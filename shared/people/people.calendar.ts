/**
 * Working-day arithmetic (pure): dates are 'YYYY-MM-DD' strings, computed in UTC so no local
 * time zone or daylight-saving change can shift a day. A day is a working day when it is a
 * make-up workday (调休), or a weekday that is not a holiday.
 */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days. */
  workdays: ReadonlySet<string>;
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

function toUtc(d: string): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}

function fromUtc(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function addDays(d: string, n: number): string {
  return fromUtc(toUtc(d) + n * 86_400_000);
}

/** 0 = Sunday ... 6 = Saturday */
export function weekday(d: string): number {
  return new Date(toUtc(d)).getUTCDay();
}

export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function isWorkingDay(d: string, cal: WorkCalendar): boolean {
  if (cal.workdays.has(d)) return true;
  const w = weekday(d);
  return w !== 0 && w !== 6 && !cal.holidays.has(d);
}

export function workingDays(from: string, to: string, cal: WorkCalendar): number {
  if (!from || !to || from > to) return 0;
  return eachDate(from, to).filter((d) => isWorkingDay(d, cal)).length;
}

/** First and last day of a 'YYYY-MM' period. */
export function periodRange(period: string): [string, string] {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${period}-01`, `${period}-${String(last).padStart(2, '0')}`];
}

export function isPeriod(p: unknown): p is string {
  return typeof p === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(p);
}

/** Monday of the week of a date. */
export function weekStartOf(d: string): string {
  const w = weekday(d);
  return addDays(d, w === 0 ? -6 : 1 - w);
}

export function mergeCalendars(cals: readonly { holidays?: { date: string }[]; workdays?: { date: string }[] }[]): WorkCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const c of cals) {
    for (const h of c.holidays ?? []) holidays.add(h.date);
    for (const w of c.workdays ?? []) workdays.add(w.date);
  }
  return { holidays, workdays };
}

/** 'HH:MM' -> minutes after midnight (NaN when malformed). */
export function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}
