import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecimalSum, decimalSum } from './decimal-sum.js';

/** The definition spelled out plainly: every value through its text, one bigint, one rounding. */
function referenceSum(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const decimals = values.map((value) => {
    const [mantissa = '', exponent = '0'] = String(value).split('e');
    const [whole = '', fraction = ''] = mantissa.split('.');
    return { units: BigInt(whole + fraction), exponent: Number(exponent) - fraction.length };
  });
  const lowest = Math.min(0, ...decimals.map((decimal) => decimal.exponent));
  let total = 0n;
  for (const { units, exponent } of decimals) total += units * 10n ** BigInt(exponent - lowest);
  return Number(`${total}e${lowest}`);
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
/** Amounts as people write them: whole units and up to four decimals, some large. */
const amount = fc
  .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 }))
  .map(([units, places]) => units / 10 ** places);
const tiny = fc.integer({ min: -40, max: 40 }).map((units) => units * 5e-324);
const mixed = fc.oneof(amount, finite, tiny, fc.constantFrom(0.1, 0.2, 0.3, 1e21, 2 ** 62, 1e308));

describe('decimalSum', () => {
  it.each([
    { description: 'the decimals as written', values: [0.1, 0.2, 0.3], sum: 0.6 },
    { description: 'ten tenths', values: Array(10).fill(0.1), sum: 1 },
    { description: 'one value', values: [19.99], sum: 19.99 },
    { description: 'signs cancel exactly', values: [0.1, -0.3, 0.2], sum: 0 },
    { description: 'nothing', values: [], sum: null },
    {
      description: 'large and small: 80 is below half a step of 2^62',
      values: [2 ** 62, 80],
      sum: 2 ** 62,
    },
    {
      description: 'beyond the largest double',
      values: [1e308, 1e308],
      sum: Number.POSITIVE_INFINITY,
    },
    { description: 'negative beyond', values: [-1e308, -1e308], sum: Number.NEGATIVE_INFINITY },
    {
      description: 'a remainder below the smallest double',
      values: [4.4e-323, -4e-323, -5e-324],
      sum: -0,
    },
    { description: 'subnormals', values: [5e-324, 5e-324], sum: 1e-323 },
    { description: 'exponent text', values: [1e21, 0.5, 1e-7], sum: 1e21 },
    { description: 'past a safe integer', values: [2 ** 53 - 1, 1, 0.5], sum: 2 ** 53 },
  ])('$description', ({ values, sum }) => {
    expect(decimalSum(values)).toBe(sum);
  });

  it('counts the values it added', () => {
    const sum = new DecimalSum();
    for (const value of [1, 2.5, 1e-7]) sum.add(value);
    expect(sum.count).toBe(3);
    expect(sum.toNumber()).toBe(3.5000001);
  });

  it('refuses a value that is not finite', () => {
    expect(() => new DecimalSum().add(Number.NaN)).toThrow(RangeError);
  });

  it('is the exact sum of the texts, rounded once, in any order', () => {
    fc.assert(
      fc.property(fc.array(mixed, { maxLength: 12 }), (values) => {
        const expected = referenceSum(values);
        expect(decimalSum(values)).toBe(expected);
        expect(decimalSum([...values].reverse())).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
