/**
 * A fast parser for the one timestamp shape events use (`YYYY-MM-DDTHH:MM[:SS[.fff]][offset]`).
 * Luxon's `fromISO` costs ~10 µs a call, the largest single cost of importing millions of events;
 * this does the same for this shape in well under 1 µs. Property tests hold it to luxon.
 */

const pattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?$/i;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function utcMilliseconds(parts: number[]): number {
  const [year, month, day, hour, minute, second, millisecond] = parts as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millisecond));
  // Date.UTC maps years 0–99 to 1900–1999; set the year separately.
  date.setUTCFullYear(year);
  return date.getTime();
}

/** Epoch ms of an ISO 8601 date-time; no offset means UTC. Null when malformed or impossible. */
export function parseIsoDateTime(text: string): number | null {
  const match = pattern.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  // Sub-millisecond digits are dropped (truncated), as luxon does.
  const millisecond = match[7] === undefined ? 0 : Number(match[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (match[9] !== undefined) {
    const offsetHours = Number(match[10]);
    const offsetRest = match[11] === undefined ? 0 : Number(match[11]);
    if (offsetHours > 23 || offsetRest > 59) return null;
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  const local = utcMilliseconds([year, month, day, hour, minute, second, millisecond]);
  return local - offsetMinutes * 60_000;
}
