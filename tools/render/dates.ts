/**
 * Date and time formatting with moment-like tokens, in the pack's month and weekday names:
 * "DD.MM.YYYY", "ddd DD.MM.YY", "D [de] MMMM [de] YYYY", "MMM D, YYYY", "h:mm A". Text in [brackets] is literal.
 */
import type { Hms, Ymd } from './model.js';

export interface CalendarWords {
  readonly months: readonly string[];
  readonly monthsShort: readonly string[];
  readonly weekdays: readonly string[];
  readonly weekdaysShort: readonly string[];
}

const TOKENS = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|hh|h|mm|ss|A/g;

const pad = (n: number) => String(n).padStart(2, '0');

export function weekday(date: Ymd): number {
  return new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
}

export function formatDateTime(format: string, date: Ymd, time: Hms, words: CalendarWords): string {
  const hour12 = time.h % 12 === 0 ? 12 : time.h % 12;
  return format.replace(TOKENS, (token, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case 'YYYY':
        return String(date.y);
      case 'YY':
        return pad(date.y % 100);
      case 'MMMM':
        return words.months[date.m - 1] ?? '';
      case 'MMM':
        return words.monthsShort[date.m - 1] ?? '';
      case 'MM':
        return pad(date.m);
      case 'M':
        return String(date.m);
      case 'DD':
        return pad(date.d);
      case 'D':
        return String(date.d);
      case 'dddd':
        return words.weekdays[weekday(date)] ?? '';
      case 'ddd':
        return words.weekdaysShort[weekday(date)] ?? '';
      case 'HH':
        return pad(time.h);
      case 'H':
        return String(time.h);
      case 'hh':
        return pad(hour12);
      case 'h':
        return String(hour12);
      case 'mm':
        return pad(time.m);
      case 'ss':
        return pad(time.s);
      case 'A':
        return time.h < 12 ? 'AM' : 'PM';
      default:
        return token;
    }
  });
}

export function isoDate(date: Ymd): string {
  return `${date.y}-${pad(date.m)}-${pad(date.d)}`;
}

export function isoTime(time: Hms): string {
  return `${pad(time.h)}:${pad(time.m)}`;
}

/** Days since 1970-01-01, and back: dates are drawn as a day number between two dates. */
export function dayNumber(date: Ymd): number {
  return Math.floor(Date.UTC(date.y, date.m - 1, date.d) / 86_400_000);
}

export function fromDayNumber(day: number): Ymd {
  const d = new Date(day * 86_400_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

/** Whether a date falls in [from, to] (both included). */
export function between(date: Ymd, from: Ymd, to: Ymd): boolean {
  const n = dayNumber(date);
  return n >= dayNumber(from) && n <= dayNumber(to);
}
