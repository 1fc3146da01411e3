import type BetterSqlite3 from 'better-sqlite3';
import { DecimalSum } from '../shared/decimal-sum.js';

/** Exact decimal sum rounded to a double: the segment compiler's `sum` and `avg` on SQLite. */
export const sqliteDecimalSumFunction = 'sift_decimal_sum';

/**
 * Functions that SQL on this connection may call, registered when the store opens. SQLite has no
 * decimal type and its sum() compensates rounding errors instead of being exact, which made it
 * disagree with the other engines in the last bit (docs/segment-language.md, "Arithmetic of
 * aggregates").
 */
export function registerSqliteStoreFunctions(handle: BetterSqlite3.Database): void {
  handle.aggregate<DecimalSum>(sqliteDecimalSumFunction, {
    start: () => new DecimalSum(),
    // SQLite hands a user aggregate every row, NULL included: skip what sum() would skip.
    // Returning nothing keeps the same accumulator.
    step: (total: DecimalSum, value: unknown) => {
      if (typeof value === 'number' && Number.isFinite(value)) total.add(value);
    },
    result: (total) => total.toNumber(),
    deterministic: true,
  });
}
