import { beforeAll, expect, it } from 'vitest';
import {
  type Condition,
  evaluateContact,
  listSegmentMemberIds,
  loadWorkspaceSnapshots,
  normaliseCondition,
} from '../../src/segments/index.js';
import type { Store } from '../../src/store/index.js';
import {
  type FixtureContact,
  type WrittenFixture,
  writeSegmentFixture,
} from '../support/segment-fixtures.js';
import { describeEachStore } from '../support/stores.js';

/**
 * Disagreements between the segment engines that the differential test
 * (differential.test.ts) found, each pinned with the smallest data that shows it. Every case
 * compares the SQL engine's members with the interpreter's and with the members SPEC §2 gives.
 */

const now = Date.UTC(2026, 2, 1, 12);
const second = 1000;

function purchases(amounts: unknown[]): FixtureContact['events'] {
  return amounts.map((amount, index) => ({
    type: 'purchase',
    at: now - (amounts.length - index) * second,
    properties: { amount },
  }));
}

async function members(store: Store, written: WrittenFixture, condition: Condition) {
  const core = normaliseCondition(condition, {
    timeZone: 'UTC',
    fields: [],
    listKeys: [],
    consentCategories: [],
    segments: [],
    now,
  });
  const sql = await listSegmentMemberIds(store, core, { workspaceId: written.workspaceId });
  const snapshots = await loadWorkspaceSnapshots(store.db, {
    workspaceId: written.workspaceId,
    now,
    timeZone: 'UTC',
  });
  const interpreted = snapshots.filter((snapshot) => evaluateContact(core, snapshot));
  return {
    sql: sql.map((id) => written.names.get(id)),
    interpreter: interpreted.map((snapshot) => written.names.get(snapshot.contact.id)),
  };
}

function aggregate(
  fn: 'sum' | 'avg',
  op: 'eq' | 'gt' | 'lt',
  value: number,
  where?: unknown,
): Condition {
  return {
    type: 'event',
    event: 'purchase',
    ...(where ? { where: [where] } : {}),
    aggregate: { fn, property: 'amount', op, value },
  } as Condition;
}

function sum(op: 'eq' | 'gt', value: number, where?: unknown): Condition {
  return aggregate('sum', op, value, where);
}

/**
 * Fixed: SQLite's json_extract read the JSON number 4611686018427388000 (how JavaScript writes
 * 2^62) as that exact 64-bit integer, while JavaScript and PostgreSQL read the double 2^62; and
 * sum() over two of them failed with "integer overflow". JSON numbers are now REAL on SQLite.
 */
describeEachStore('JSON numbers beyond 2^53 are doubles in every engine', (context) => {
  let written: WrittenFixture;

  beforeAll(async () => {
    written = await writeSegmentFixture(
      context().store,
      {
        contacts: [
          {
            name: 'two-huge',
            email: 'a@example.com',
            events: purchases([2 ** 62, '4611686018427387904']),
          },
          { name: 'huge-and-small', email: 'b@example.com', events: purchases([2 ** 62, 80]) },
          { name: 'small', email: 'c@example.com', events: purchases([80]) },
        ],
      },
      now,
    );
  });

  it('sums two of them without an integer overflow', async () => {
    const result = await members(context().store, written, sum('gt', 0));
    expect(result).toEqual({
      sql: ['two-huge', 'huge-and-small', 'small'],
      interpreter: ['two-huge', 'huge-and-small', 'small'],
    });
  });

  it('adds a small amount to 2^62 as doubles do (80 is below half a step)', async () => {
    const result = await members(context().store, written, sum('gt', 2 ** 62));
    expect(result).toEqual({ sql: ['two-huge'], interpreter: ['two-huge'] });
  });

  it('compares a where filter with the double the JSON number stands for', async () => {
    const condition = sum('gt', 0, { property: 'amount', op: 'eq', value: 2 ** 62 });
    const result = await members(context().store, written, condition);
    expect(result).toEqual({
      sql: ['two-huge', 'huge-and-small'],
      interpreter: ['two-huge', 'huge-and-small'],
    });
  });
});

/**
 * Fixed: sums of decimals differed in the last bit between engines. SQLite's sum() compensated
 * rounding errors (0.1 + 0.2 + 0.3 = 0.6), the interpreter added in time order
 * (0.6000000000000001), PostgreSQL in the order its plan read the rows. Now every engine sums the
 * values' decimals exactly and rounds once (docs/segment-language.md, "Arithmetic of aggregates");
 * `avg` is that double divided by the count. The event orders below are ones where adding up in
 * time order, in reverse or with compensation gives another answer.
 */
describeEachStore('sums and averages of decimals: the engines agree', (context) => {
  let written: WrittenFixture;

  beforeAll(async () => {
    written = await writeSegmentFixture(
      context().store,
      {
        contacts: [
          { name: 'tenths', email: 'a@example.com', events: purchases([0.1, 0.2, 0.3]) },
          { name: 'four', email: 'b@example.com', events: purchases([0.1, 0.2, 0.3, 0.2]) },
          { name: 'cancelling', email: 'c@example.com', events: purchases([1e21, 0.1, -1e21]) },
          {
            name: 'negative',
            email: 'd@example.com',
            events: purchases([40, '-0.01', -19.99, 'n/a']),
          },
          { name: 'huge', email: 'e@example.com', events: purchases([1e308, 1e308, -1e308]) },
        ],
      },
      now,
    );
  });

  async function expectMembers(condition: Condition, names: string[]) {
    const result = await members(context().store, written, condition);
    expect(result).toEqual({ sql: names, interpreter: names });
  }

  it('sums 0.1 + 0.2 + 0.3 to 0.6, not 0.6000000000000001', async () => {
    await expectMembers(sum('eq', 0.6), ['tenths']);
    await expectMembers(sum('eq', 0.1 + 0.2 + 0.3), []);
  });

  it('divides the rounded sum by the count for avg', async () => {
    await expectMembers(aggregate('avg', 'eq', 0.2), ['four']);
    // 0.6 / 3 in doubles: the average is not a separately rounded decimal quotient.
    await expectMembers(aggregate('avg', 'eq', 0.6 / 3), ['tenths']);
    await expectMembers(aggregate('avg', 'lt', 0.2), ['tenths', 'cancelling']);
  });

  it('keeps a small amount that large ones of both signs cancel out', async () => {
    await expectMembers(sum('eq', 0.1), ['cancelling']);
    await expectMembers(aggregate('avg', 'eq', 0.1 / 3), ['cancelling']);
  });

  it('adds negative decimals and decimal strings exactly, skipping a non-numeric value', async () => {
    await expectMembers(sum('eq', 20), ['negative']);
    await expectMembers(aggregate('avg', 'eq', 20 / 3), ['negative']);
  });

  it('does not overflow in between: 1e308 + 1e308 − 1e308 is 1e308', async () => {
    await expectMembers(sum('eq', 1e308), ['huge']);
    await expectMembers(sum('gt', 1e21), ['huge']);
  });
});
