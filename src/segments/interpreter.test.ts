import { describe, expect, it } from 'vitest';
import {
  caseCondition,
  caseContext,
  caseFixture,
  caseNow,
  type SegmentCase,
  segmentCases,
} from '../../test/support/segment-cases.js';
import { type FixtureContact, snapshotOf } from '../../test/support/segment-fixtures.js';
import { type ConsentState, deriveContactConsentStates } from '../consent/index.js';
import { defaultConsentCategories } from '../workspaces/index.js';
import { evaluateContact, explainContact } from './interpreter.js';
import { normaliseCondition } from './normalise.js';
import type { ContactSnapshot } from './snapshot.js';
import { validateCondition } from './validate.js';

const categories = defaultConsentCategories.map((category) => ({ ...category }));

function consentOf(contact: FixtureContact, now: number): Record<string, ConsentState> {
  return deriveContactConsentStates({
    categories,
    log: (contact.consent ?? []).map((entry, index) => ({
      id: index + 1,
      category: entry.category,
      action: entry.action,
      actor: entry.actor ?? 'operator',
      source: 'import',
      reason: null,
      recordedAt: entry.at,
    })),
    reservations: (contact.reservations ?? []).map((reservation) => ({
      confirmedAt: reservation.confirmed_at ?? null,
      departure: reservation.departure ?? null,
      status: reservation.status ?? 'confirmed',
    })),
    now,
    timeZone: caseFixture.timeZone ?? 'UTC',
  });
}

function snapshotsAt(now: number): { name: string; snapshot: ContactSnapshot }[] {
  return caseFixture.contacts.map((contact, index) => ({
    name: contact.name,
    snapshot: snapshotOf(contact, {
      fields: caseFixture.fields ?? [],
      id: index + 1,
      now,
      consent: consentOf(contact, now),
    }),
  }));
}

function membersOf(segmentCase: SegmentCase): string[] {
  const condition = caseCondition(segmentCase);
  return snapshotsAt(segmentCase.now ?? caseNow)
    .filter(({ snapshot }) => evaluateContact(condition, snapshot))
    .map(({ name }) => name);
}

describe('the interpreter on the case table (SPEC §2)', () => {
  it.each(segmentCases)('$description', (segmentCase) => {
    expect(validateCondition(segmentCase.condition, caseContext())).toEqual([]);
    const members = membersOf(segmentCase);
    if (segmentCase.members) expect(members).toEqual(segmentCase.members);
    const condition = caseCondition(segmentCase);
    for (const { snapshot } of snapshotsAt(segmentCase.now ?? caseNow)) {
      // explain walks every node without short-circuit and must agree with evaluate.
      expect(explainContact(condition, snapshot).result).toBe(evaluateContact(condition, snapshot));
    }
  });
});

describe('explainContact', () => {
  const [ana] = snapshotsAt(caseNow);

  it('reports what each behaviour node found', () => {
    const condition = normaliseCondition(
      {
        type: 'all',
        conditions: [
          {
            type: 'event',
            event: 'purchase',
            within: { last: 'P90D' },
            count: { op: 'gte', value: 3 },
          },
          {
            type: 'event',
            event: 'purchase',
            aggregate: { fn: 'sum', property: 'amount', op: 'gt', value: 1000 },
          },
          { type: 'event', event: 'purchase', last: { op: 'within_last', value: 'P30D' } },
          { type: 'field', field: 'country', op: 'eq', value: 'NL' },
        ],
      },
      caseContext(),
    );
    const explanation = explainContact(condition, ana!.snapshot);
    expect(explanation.result).toBe(false);
    expect(explanation.children?.map((child) => [child.path, child.result, child.found])).toEqual([
      ['conditions[0]', true, { count: 3 }],
      ['conditions[1]', false, { aggregate: 430.5 }],
      ['conditions[2]', true, { last: caseNow - 10 * 86_400_000 }],
      ['conditions[3]', true, { value: 'nl' }],
    ]);
  });

  it('marks the nodes that stand for a segment', () => {
    const condition = normaliseCondition(
      { type: 'segment', op: 'not_in', segment: 'nl-vip' },
      caseContext(),
    );
    const explanation = explainContact(condition, ana!.snapshot);
    expect(explanation.type).toBe('not');
    expect(explanation.result).toBe(false);
    const segment = explanation.children?.[0];
    expect(segment?.segment).toBe('nl-vip');
    expect(segment?.children?.[0]?.segment).toBe('nl');
  });

  it('shows a missing aggregate as null', () => {
    const condition = normaliseCondition(
      {
        type: 'event',
        event: 'login',
        aggregate: { fn: 'sum', property: 'x', op: 'gte', value: 0 },
      },
      caseContext(),
    );
    expect(explainContact(condition, ana!.snapshot)).toMatchObject({
      result: false,
      found: { aggregate: null },
    });
  });
});
