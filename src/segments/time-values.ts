import { DateTime } from 'luxon';
import {
  addDays,
  type Duration,
  dayOf,
  durationMilliseconds,
  durationWholeDays,
  isIsoDate,
  parseDuration,
  startOfDay,
} from '../shared/time.js';
import { treeLimits } from './vocabulary.js';

/** The evaluation instant and the workspace time zone: all a relative condition depends on. */
export interface Clock {
  now: number;
  timeZone: string;
}

export function today(clock: Clock): string {
  return dayOf(clock.now, clock.timeZone);
}

/**
 * A date-time with a time of day, optionally seconds, fraction and offset. Luxon alone would also
 * accept week dates, ordinal dates and bare times, which a marketer almost never means.
 */
const instantPattern =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

export type TimeValue = { kind: 'day'; day: string } | { kind: 'instant'; instant: number };

/**
 * An ISO 8601 calendar day (`2026-01-31`) or date-time. A date-time without an offset is read in
 * the workspace time zone, as a marketer in that zone means it.
 */
export function parseTimeValue(value: unknown, timeZone: string): TimeValue | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (isIsoDate(text)) return { kind: 'day', day: text };
  if (!instantPattern.test(text)) return null;
  const parsed = DateTime.fromISO(text, { zone: timeZone });
  return parsed.isValid ? { kind: 'instant', instant: parsed.toMillis() } : null;
}

export function parseDayValue(value: unknown): string | null {
  return typeof value === 'string' && isIsoDate(value.trim()) ? value.trim() : null;
}

export type DurationCheck =
  | { ok: true; duration: Duration }
  | { ok: false; code: 'invalid_duration'; message: string };

/** A duration as the segment language allows it: weeks, days, hours, minutes, bounded. */
export function checkDuration(value: unknown, options: { wholeDays: boolean }): DurationCheck {
  const duration = typeof value === 'string' ? parseDuration(value.trim()) : null;
  if (!duration) {
    return {
      ok: false,
      code: 'invalid_duration',
      message: 'expected an ISO 8601 duration with weeks, days, hours or minutes, such as "P90D"',
    };
  }
  if (options.wholeDays && durationWholeDays(duration) === null) {
    return {
      ok: false,
      code: 'invalid_duration',
      message: 'on a date value a duration must be whole days or weeks, such as "P30D" or "P2W"',
    };
  }
  if (durationMilliseconds(duration) > treeLimits.maxDurationDays * 86_400_000) {
    return {
      ok: false,
      code: 'invalid_duration',
      message: `a duration may be at most ${treeLimits.maxDurationDays} days`,
    };
  }
  return { ok: true, duration };
}

export function requireCheckedDuration(value: unknown): Duration {
  return parseDuration(String(value).trim())!;
}

export function durationDays(value: unknown): number {
  return durationWholeDays(requireCheckedDuration(value))!;
}

export function durationMs(value: unknown): number {
  return durationMilliseconds(requireCheckedDuration(value));
}

/** The first instant of a calendar day in the workspace time zone. */
export function dayStart(day: string, timeZone: string): number {
  return startOfDay(day, timeZone);
}

/** The first instant after a calendar day in the workspace time zone. */
export function dayEnd(day: string, timeZone: string): number {
  return startOfDay(addDays(day, 1), timeZone);
}
