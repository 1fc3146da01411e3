/**
 * The arithmetic of `sum` and `avg` in every engine (docs/segment-language.md, "Arithmetic of
 * aggregates"): each value is the decimal JavaScript writes for it (`String(value)`, the shortest
 * decimal that reads back as the same double, which is also the text events are stored with),
 * the sum of those decimals is exact, and only the total is rounded to the nearest double.
 * The order of the values cannot change the result, so the interpreter and SQLite (which calls
 * this through a registered aggregate) agree with PostgreSQL's exact `numeric` sum.
 *
 * The total is an integer count of units of 10^-places: a JavaScript number while it is a safe
 * integer (amounts with a few decimals, the common case), a bigint beyond that.
 */

/** 10^0 … 10^22, every one an exact double. */
const powersOfTen = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);

/** More decimal places than this, or 15 significant digits, and a value is read from its text. */
const fastPlaces = 15;
const fastDigits = 1e15;

interface Term {
  units: number | bigint;
  places: number;
}

/** JavaScript's text of a finite number: `-12`, `80.5`, `1e+21`, `5e-324`, `1.5e-7`. */
const numberText = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * The value's shortest round-tripping decimal as units of 10^-places. Without building its text
 * when that decimal has at most 15 significant digits and 15 places: at most one decimal that
 * short reads back as the value (they lie further apart than doubles do), and the first number
 * of places at which the value scaled and rounded reads back finds it.
 */
function termOf(value: number): Term {
  if (Number.isSafeInteger(value)) return { units: value, places: 0 };
  for (let places = 1; places <= fastPlaces; places++) {
    const power = powersOfTen[places]!;
    const units = Math.round(value * power);
    if (Math.abs(units) >= fastDigits) break;
    if (units / power === value) return { units, places };
  }
  return termOfText(String(value));
}

function termOfText(text: string): Term {
  const match = numberText.exec(text);
  if (match === null) throw new RangeError(`Not a finite number: ${text}`);
  const [, sign, whole, fraction = '', exponentText = '0'] = match;
  const units = BigInt(`${sign}${whole}${fraction}`);
  const places = fraction.length - Number(exponentText);
  return places >= 0 ? { units, places } : { units: units * 10n ** BigInt(-places), places: 0 };
}

function scaleBig(units: number | bigint, by: number): bigint {
  const big = BigInt(units);
  return by === 0 ? big : big * 10n ** BigInt(by);
}

/** A running exact sum; `add` the values in any order, then `toNumber`. */
export class DecimalSum {
  private units: number | bigint = 0;
  private places = 0;
  private terms = 0;

  /** How many values were added. */
  get count(): number {
    return this.terms;
  }

  /** Adds a finite number. */
  add(value: number): void {
    if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
    const term = termOf(value);
    this.terms += 1;
    const places = Math.max(this.places, term.places);
    if (typeof this.units === 'number' && typeof term.units === 'number') {
      // Both scalings stay within 10^15 and 10^22; a product or sum beyond 2^53 is no longer a
      // safe integer (rounding cannot bring it back below), and then the bigint path redoes it.
      const total = this.units * powersOfTen[places - this.places]!;
      const added = term.units * powersOfTen[places - term.places]!;
      const sum = total + added;
      if (Number.isSafeInteger(total) && Number.isSafeInteger(added) && Number.isSafeInteger(sum)) {
        this.units = sum;
        this.places = places;
        return;
      }
    }
    this.units =
      scaleBig(this.units, places - this.places) + scaleBig(term.units, places - term.places);
    this.places = places;
  }

  /** The exact sum rounded to the nearest double (±Infinity beyond); null when nothing was added. */
  toNumber(): number | null {
    if (this.terms === 0) return null;
    if (typeof this.units === 'number') {
      // Both operands are exact doubles, so IEEE division rounds the exact quotient once.
      if (this.places < powersOfTen.length) return this.units / powersOfTen[this.places]!;
    } else if (this.places === 0) {
      return Number(this.units);
    }
    // V8 reads decimal text correctly rounded, however many digits it has (ECMAScript lets an
    // engine round beyond the 20th digit; V8 does not).
    return Number(`${this.units}e-${this.places}`);
  }
}

/** The exact sum of the values rounded to a double; null for none. */
export function decimalSum(values: Iterable<number>): number | null {
  const sum = new DecimalSum();
  for (const value of values) sum.add(value);
  return sum.toNumber();
}
