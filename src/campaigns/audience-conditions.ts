import { z } from 'zod';
import { type Condition, SegmentKey } from '../segments/index.js';

/**
 * A campaign audience (SPEC §1, §3 rules 5 and 6) as segment-language conditions, pure, so that
 * the SQL engine evaluates it like any segment:
 *
 *   candidates = any of the included segments (everyone when none is named)
 *   audience   = candidates AND consent(base) valid AND an address for the channel
 *                AND NOT hard-bounced on the channel AND NOT any excluded segment
 *
 * Each candidate left out is counted under the FIRST reason it fails, in the order
 * `no_consent`, `no_address`, `bounced`, `excluded_segment`, so the reasons and the audience
 * add up to the candidates.
 */

export const audienceChannels = ['email', 'sms'] as const;
export type AudienceChannel = (typeof audienceChannels)[number];

export const exclusionReasons = [
  'no_consent',
  'no_address',
  'bounced',
  'excluded_segment',
] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

const segmentKeys = z.array(SegmentKey).max(50);

export const AudienceRequest = z.strictObject({
  /** The base consent category: its built-in consent segment is where every audience starts. */
  consent: z.string().trim().min(1),
  include: segmentKeys.default([]),
  exclude: segmentKeys.default([]),
  channel: z.enum(audienceChannels),
});
export type AudienceRequest = z.infer<typeof AudienceRequest>;

/** The contact field holding the channel's address. */
export const channelAddressField: Record<AudienceChannel, 'email' | 'phone'> = {
  email: 'email',
  sms: 'phone',
};

/** Each condition is true for the contacts that PASS the check. */
export interface AudienceConditions {
  candidates: Condition;
  consent: Condition;
  address: Condition;
  /** True for contacts that hard-bounced on the channel: they fail the `bounced` check. */
  bounced: Condition;
  /** True for contacts in any excluded segment: they fail the `excluded_segment` check. */
  excluded: Condition;
}

function inSegments(keys: readonly string[]): Condition {
  return {
    type: 'any',
    conditions: keys.map((segment) => ({ type: 'segment', op: 'in', segment })),
  };
}

/**
 * Hard-bounced: a `message.bounced` event on the channel (`channel` = `email` or `sms`) whose
 * `type` is `hard`, at or before now. A soft bounce, or a bounce without `type`, does not count.
 */
export function hardBounceCondition(channel: AudienceChannel): Condition {
  return {
    type: 'event',
    event: 'message.bounced',
    where: [
      { property: 'channel', op: 'eq', value: channel },
      { property: 'type', op: 'eq', value: 'hard' },
    ],
  };
}

export function audienceConditions(request: AudienceRequest): AudienceConditions {
  return {
    candidates:
      request.include.length === 0 ? { type: 'all', conditions: [] } : inSegments(request.include),
    consent: { type: 'consent', category: request.consent, op: 'valid' },
    address: { type: 'field', field: channelAddressField[request.channel], op: 'is_set' },
    bounced: hardBounceCondition(request.channel),
    excluded: inSegments(request.exclude),
  };
}

/** The whole audience as one condition tree. */
export function audienceCondition(request: AudienceRequest): Condition {
  const parts = audienceConditions(request);
  return {
    type: 'all',
    conditions: [
      parts.candidates,
      parts.consent,
      parts.address,
      { type: 'not', condition: parts.bounced },
      { type: 'not', condition: parts.excluded },
    ],
  };
}
