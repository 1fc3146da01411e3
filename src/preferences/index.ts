/** The preference center (SPEC §5): signed links, the page, its texts, and one-click unsubscribe. */
export {
  type CategoryStatus,
  type InterestStatus,
  isSubscribed,
  type PreferenceChangePlan,
  type PreferenceNotice,
  type PreferencePageInput,
  type PreferenceSubmission,
  planPreferenceChanges,
  renderPreferencePage,
  visibleCategories,
} from './preference-page.js';
export {
  openPreferenceToken,
  type PreferenceAccess,
  type PreferenceView,
  readContactTexts,
  readPreferenceView,
  renderPreferenceCenter,
  savePreferences,
  unsubscribeFromAllMarketing,
} from './preference-service.js';
export {
  bundledPreferenceTexts,
  fallbackLanguage,
  languageCandidates,
  type PreferenceTextSet,
  PreferenceTexts,
  resolvePreferenceTexts,
} from './preference-texts.js';
export {
  normaliseLanguageTag,
  readWorkspacePreferenceTexts,
  setWorkspacePreferenceTexts,
} from './preference-texts-repository.js';
export {
  type PreferenceTokenSubject,
  preferenceLink,
  readPreferenceToken,
  signPreferenceToken,
  unsubscribeLink,
  verifyPreferenceToken,
} from './preference-token.js';
export { renderMessagePage, renderPublicPage } from './public-page.js';
