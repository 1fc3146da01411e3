/**
 * Text comparison key: SPEC §2 says every text comparison ignores case (JavaScript's
 * toLowerCase) and surrounding white space. Stores keep this key beside the display value
 * because neither SQLite's lower() nor PostgreSQL's under the C locale folds all of Unicode.
 */
export function fold(text: string): string {
  return text.trim().toLowerCase();
}

export function foldOrNull(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const folded = fold(text);
  return folded === '' ? null : folded;
}

/** A property value is numeric when it is a JSON number or a plain decimal string (SPEC §2). */
const plainDecimal = /^-?\d+(\.\d+)?$/;

export function numericValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && plainDecimal.test(value.trim())) return Number(value.trim());
  return null;
}

/** The folded text form of a scalar property value; objects, arrays and null have none. */
export function textValue(value: unknown): string | null {
  if (typeof value === 'string') return fold(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).toLowerCase();
  return null;
}
