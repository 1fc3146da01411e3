import { describe, expect, it } from 'vitest';
import { Condition, type LanguageContext, validateCondition } from '../segments/index.js';
import {
  AudienceRequest,
  audienceCondition,
  audienceConditions,
  hardBounceCondition,
} from './audience-conditions.js';

const context: LanguageContext = {
  timeZone: 'UTC',
  fields: [],
  listKeys: [],
  consentCategories: [{ key: 'marketing', timeBound: false }],
  segments: [
    {
      key: 'nl',
      parent: null,
      condition: { type: 'field', field: 'country', op: 'eq', value: 'NL' },
    },
    { key: 'vip', parent: null, condition: { type: 'tag', op: 'has_any', tags: ['vip'] } },
  ],
};

describe('audience conditions', () => {
  it.each([
    { description: 'no segments', include: [], exclude: [], channel: 'email' },
    { description: 'include and exclude', include: ['nl'], exclude: ['vip'], channel: 'sms' },
  ] as const)('compose a valid segment tree: $description', ({ include, exclude, channel }) => {
    const request = AudienceRequest.parse({ consent: 'marketing', include, exclude, channel });
    const tree = audienceCondition(request);
    expect(Condition.safeParse(tree).success).toBe(true);
    expect(validateCondition(tree, context)).toEqual([]);
  });

  it('starts from everyone without includes and excludes nobody without excludes', () => {
    const parts = audienceConditions(
      AudienceRequest.parse({ consent: 'marketing', channel: 'email' }),
    );
    expect(parts.candidates).toEqual({ type: 'all', conditions: [] });
    expect(parts.excluded).toEqual({ type: 'any', conditions: [] });
  });

  it.each([
    { channel: 'email', field: 'email' },
    { channel: 'sms', field: 'phone' },
  ] as const)('needs the $channel address in $field', ({ channel, field }) => {
    const parts = audienceConditions(AudienceRequest.parse({ consent: 'marketing', channel }));
    expect(parts.address).toEqual({ type: 'field', field, op: 'is_set' });
    expect(hardBounceCondition(channel)).toMatchObject({
      event: 'message.bounced',
      where: [
        { property: 'channel', value: channel },
        { property: 'type', value: 'hard' },
      ],
    });
  });

  it.each([
    { description: 'an unknown channel', request: { consent: 'marketing', channel: 'fax' } },
    { description: 'no consent', request: { channel: 'email' } },
    {
      description: 'a bad segment key',
      request: { consent: 'm', channel: 'email', include: ['NL!'] },
    },
  ])('refuses $description', ({ request }) => {
    expect(AudienceRequest.safeParse(request).success).toBe(false);
  });
});
