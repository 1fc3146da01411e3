/** Website forms (SPEC §3 rule 1, §5): definitions, the public submission and its rate limit. */
export {
  defaultFormFields,
  type Form,
  FormDefinition,
  formDefinitionProblems,
  formIdentifierFields,
  formKeyPattern,
  formPublicId,
  formPublicPath,
  formStandardFields,
  honeypotField,
  parseFormPublicId,
} from './form-definition.js';
export { createForm, findForm, listForms } from './form-repository.js';
export { type FormSubmissionResult, formSubmittedEvent, submitForm } from './form-service.js';
export {
  type FormReading,
  formFieldPath,
  readFormSubmission,
  type SubmittedValues,
} from './form-submission.js';
export { type RateDecision, SlidingWindowRateLimiter } from './rate-limiter.js';
