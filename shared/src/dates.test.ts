import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, calendarDateIn, daysBetween, isCalendarDate } from './dates.ts';

describe('calendar dates', () => {
  it('validates real dates only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-05-10', '2026-05-01')).toBe(-9);
  });

  it('clamps month arithmetic to the last day of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', -3)).toBe('2026-08-30');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
  });

  it('reads the calendar date of an instant in a time zone', () => {
    const instant = new Date('2026-11-23T03:30:00Z');
    expect(calendarDateIn(instant, 'UTC')).toBe('2026-11-23');
    expect(calendarDateIn(instant, 'America/Los_Angeles')).toBe('2026-11-22');
    expect(calendarDateIn(instant, 'Asia/Shanghai')).toBe('2026-11-23');
  });
});
