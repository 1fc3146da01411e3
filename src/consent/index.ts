export {
  type CategoryRow,
  type ConsentCategory,
  ConsentCategoryInput,
  consentCategoriesFromRows,
  consentCategoryColumns,
  createConsentCategory,
  findConsentCategory,
  listConsentCategories,
  requireConsentCategory,
} from './consent-categories.js';
export {
  appendConsentRecords,
  type ConsentAction,
  type ConsentActor,
  type ConsentRecordInput,
  type ConsentSource,
} from './consent-log.js';
export {
  type ContactConsent,
  readConsentLog,
  readConsentStates,
  readContactConsent,
  readReservationWindowSources,
} from './consent-repository.js';
export {
  type ConsentChangeInput,
  ConsentChangeRequest,
  type ConsentChangeResult,
  type ConsentTarget,
  grantConsent,
  refusesLockedGrant,
  targetOf,
  unsubscribeContact,
  withdrawConsent,
} from './consent-service.js';
export { type ConsentStateConditionInput, consentStateCondition } from './consent-sql.js';
export {
  bookingWindowEnd,
  compareLogOrder,
  type DeriveConsentStateInput,
  type DeriveContactConsentInput,
  deriveConsentDecision,
  deriveConsentState,
  deriveContactConsentDecisions,
  deriveContactConsentStates,
  entriesAt,
  standingContactWithdrawal,
} from './consent-state.js';
export {
  type BookingWindow,
  type CategorisedConsentLogEntry,
  type ConsentCategoryKind,
  type ConsentCategoryRule,
  type ConsentDecision,
  type ConsentLogEntry,
  type ConsentRule,
  type ConsentState,
  consentCategoryKinds,
  consentStates,
  type ReservationWindowSource,
} from './consent-types.js';
