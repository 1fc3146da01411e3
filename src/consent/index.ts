export {
  appendConsentRecords,
  type ConsentAction,
  type ConsentActor,
  type ConsentRecordInput,
  type ConsentSource,
} from './consent-log.js';
