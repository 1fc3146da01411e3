import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addDays,
  dayOf,
  durationMilliseconds,
  durationWholeDays,
  isIsoDate,
  parseDuration,
  startOfDay,
} from '../../../src/shared/time.js';

/**
 * The instants, days and durations that generated workspaces and conditions share, so that data
 * lands exactly on the boundaries the conditions test: events at `now − D` and at `now`, days at
 * `today ± D`, evaluation instants at local midnight and one millisecond around it.
 */

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Zones with DST in either hemisphere, a half-hour and a 45-minute offset, and UTC. */
export const timeZones = [
  'Europe/Amsterdam',
  'Pacific/Auckland',
  'UTC',
  'America/New_York',
  'Asia/Kolkata',
  'Pacific/Chatham',
] as const;

/** Leap days, DST changes (Europe, New Zealand, US), a year end. */
export const anchorDays = [
  '2024-02-28',
  '2024-02-29',
  '2024-03-01',
  '2025-02-28',
  '2025-03-09',
  '2025-03-30',
  '2025-10-26',
  '2025-12-31',
  '2026-01-01',
  '2026-04-05',
  '2026-06-15',
  '2026-09-27',
  '2027-02-28',
] as const;

/** Local time of day of the anchor instant: midnight, just after, noon, late evening, last ms. */
export const anchorTimesOfDay = [0, 30 * minute, 12 * hour, 23 * hour + 30 * minute, day - 1];

export const durations = [
  'P0D',
  'PT0M',
  'PT1M',
  'PT1H',
  'PT90M',
  'PT12H',
  'P1D',
  'P1DT12H',
  'P2D',
  'P7D',
  'P1W',
  'P2W',
  'P30D',
  'P90D',
  'P365D',
] as const;

/** Durations a `date` value accepts: whole days or weeks (SPEC §2). */
export const dayDurations = durations.filter(
  (text) => durationWholeDays(parseDuration(text)!) !== null,
);

export function durationMs(text: string): number {
  return durationMilliseconds(parseDuration(text)!);
}

const dayOffsets = [
  -400, -366, -365, -91, -90, -89, -31, -30, -29, -15, -8, -7, -6, -3, -2, -1, 0, 1, 2, 3, 6, 7, 8,
  14, 29, 30, 31, 89, 90, 91, 365,
];

export interface TimeSetting {
  timeZone: string;
  anchorDay: string;
  /** Milliseconds after the start of the anchor day (local). */
  timeOfDay: number;
}

export interface TimeProfile extends TimeSetting {
  /** The instant the data is built around. */
  anchor: number;
  /** The anchor's calendar day in the workspace time zone. */
  today: string;
  /** Evaluation instants (`now`) the differential test picks from. */
  nows: number[];
  /** Instants for event timestamps, confirmations, consent entries and operands. */
  instants: number[];
  /** Calendar days around `today`. */
  days: string[];
  /** Instants at which contacts are imported and updated. */
  writeInstants: number[];
}

export const timeSettingArbitrary: fc.Arbitrary<TimeSetting> = fc.record({
  timeZone: fc.constantFrom(...timeZones),
  anchorDay: fc.constantFrom(...anchorDays),
  timeOfDay: fc.constantFrom(...anchorTimesOfDay),
});

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

export function timeProfile(setting: TimeSetting): TimeProfile {
  const { timeZone } = setting;
  const dayStart = startOfDay(setting.anchorDay, timeZone);
  const anchor = dayStart + setting.timeOfDay;
  const today = dayOf(anchor, timeZone);
  const todayStart = startOfDay(today, timeZone);
  const tomorrowStart = startOfDay(addDays(today, 1), timeZone);
  const boundaries = durations
    .map(durationMs)
    .filter((ms) => ms > 0)
    .flatMap((ms) => [anchor - ms - 1, anchor - ms, anchor - ms + 1, anchor + ms]);
  const instants = unique([
    anchor,
    anchor - 1,
    anchor + 1,
    todayStart - 1,
    todayStart,
    tomorrowStart - 1,
    tomorrowStart,
    anchor + 2 * day + 5 * hour,
    anchor - 400 * day,
    ...boundaries,
  ]).sort((left, right) => left - right);
  return {
    ...setting,
    anchor,
    today,
    nows: unique([
      anchor,
      anchor - 1,
      anchor + 1,
      todayStart,
      todayStart - 1,
      tomorrowStart - 1,
      anchor + 12 * hour,
      anchor + 3 * day,
    ]),
    instants,
    days: dayOffsets.map((offset) => addDays(today, offset)),
    writeInstants: [anchor - 400 * day, anchor - 30 * day, anchor - hour, anchor + day],
  };
}

/** A birthday: a month-day near today's in a random year (29 February falls back to a leap year). */
export function birthdayArbitrary(profile: TimeProfile): fc.Arbitrary<string> {
  const nearby = fc
    .tuple(fc.integer({ min: 1950, max: 2010 }), fc.constantFrom(-1, 0, 1, 2, 6, 7, 8, 30, 200))
    .map(([year, offset]) => {
      const monthDay = addDays(profile.today, offset).slice(4);
      const candidate = `${year}${monthDay}`;
      return isIsoDate(candidate) ? candidate : `1992${monthDay}`;
    });
  return fc.oneof(
    nearby,
    fc.constantFrom('1992-02-29', '2000-02-29', '1990-02-28', '1990-03-01', '1970-01-01'),
  );
}

export type InstantFormat = 'utc' | 'offset' | 'local';

/** An instant as ISO text: UTC (`Z`), with the workspace offset, or local without an offset. */
export function instantText(instant: number, timeZone: string, format: InstantFormat): string {
  if (format === 'utc') return new Date(instant).toISOString();
  const local = DateTime.fromMillis(instant, { zone: timeZone });
  return format === 'offset' ? local.toISO()! : local.toISO({ includeOffset: false })!;
}

export const instantFormatArbitrary: fc.Arbitrary<InstantFormat> = fc.constantFrom(
  'utc',
  'offset',
  'local',
);

/**
 * An instant as a time value of the language: a calendar day, or a date-time in one of three
 * spellings. Local date-times skip the anchor's DST-ambiguous hours only by chance: the language
 * reads them one way, and both engines receive that reading.
 */
export function timeValueArbitrary(profile: TimeProfile): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...profile.days),
    fc
      .tuple(fc.constantFrom(...profile.instants), instantFormatArbitrary)
      .map(([instant, format]) => instantText(instant, profile.timeZone, format)),
  );
}
