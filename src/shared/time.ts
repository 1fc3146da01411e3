import { DateTime, IANAZone } from 'luxon';
import { SiftError } from './errors.js';

/** An ISO 8601 duration restricted to what segments need: weeks, days, hours, minutes. */
export interface Duration {
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
}

const durationPattern = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

export function parseDuration(text: string): Duration | null {
  const match = durationPattern.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [, weeks, days, hours, minutes] = match;
  return {
    weeks: Number(weeks ?? 0),
    days: Number(days ?? 0),
    hours: Number(hours ?? 0),
    minutes: Number(minutes ?? 0),
  };
}

export function durationMilliseconds(duration: Duration): number {
  const minutes =
    ((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 + duration.minutes;
  return minutes * 60_000;
}

/** Whole days, or null when the duration has hours or minutes (not allowed on date values). */
export function durationWholeDays(duration: Duration): number | null {
  if (duration.hours !== 0 || duration.minutes !== 0) return null;
  return duration.weeks * 7 + duration.days;
}

export function requireDuration(text: string): Duration {
  const duration = parseDuration(text);
  if (!duration) throw new SiftError('invalid_input', `"${text}" is not an ISO 8601 duration`);
  return duration;
}

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayOf(instant: number, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).toISODate()!;
}

/** The instant at which a calendar day starts in a time zone. */
export function startOfDay(day: string, timeZone: string): number {
  return DateTime.fromISO(day, { zone: timeZone }).startOf('day').toMillis();
}

export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  if (!isoDatePattern.test(text)) return false;
  return DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/** Parses an ISO 8601 instant; a value without offset is taken as UTC. */
export function parseInstant(text: string): number | null {
  const parsed = DateTime.fromISO(text.trim(), { zone: 'UTC', setZone: true });
  return parsed.isValid ? parsed.toMillis() : null;
}

export function requireInstant(text: string, what = 'instant'): number {
  const instant = parseInstant(text);
  if (instant === null) {
    throw new SiftError('invalid_input', `${what} "${text}" is not an ISO 8601 date-time`);
  }
  return instant;
}

export function isoInstant(instant: number): string {
  return new Date(instant).toISOString();
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The month-days (MM-DD) whose anniversary falls in [today, today + days). A 29 February
 * birthday counts on 28 February in years without it, so "02-29" joins every such 28 February.
 */
export function anniversaryMonthDays(today: string, days: number): Set<string> {
  const monthDays = new Set<string>();
  const count = Math.min(days, 366);
  for (let offset = 0; offset < count; offset++) {
    const day = addDays(today, offset);
    const monthDay = day.slice(5);
    monthDays.add(monthDay);
    if (monthDay === '02-28' && !isLeapYear(Number(day.slice(0, 4)))) monthDays.add('02-29');
  }
  return monthDays;
}
