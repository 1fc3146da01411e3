/** Campaign audiences (SPEC §1, §3 rules 5 and 6). */
export {
  type AudienceInput,
  type AudiencePreview,
  audienceMembers,
  audienceSampleSize,
  maxAudiencePageSize,
  previewAudience,
} from './audience.js';
export {
  type AudienceChannel,
  type AudienceConditions,
  AudienceRequest,
  audienceChannels,
  audienceCondition,
  audienceConditions,
  channelAddressField,
  type ExclusionReason,
  exclusionReasons,
  hardBounceCondition,
} from './audience-conditions.js';
