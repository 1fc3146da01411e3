/** The contacts domain: contacts, custom fields, tags, lists and the contacts CSV import. */
export {
  ContactInput,
  type ContactPatch,
  contactPatchFromInput,
  type PatchResult,
} from './contact-input.js';
export { type ContactJson, contactToJson } from './contact-json.js';
export type { PlanOptions, StoredContact } from './contact-plan.js';
export {
  type Contact,
  type ContactReference,
  createContact,
  findContact,
  findContactIds,
  getContact,
  listContacts,
  maxPageSize,
  parseContactReference,
} from './contact-repository.js';
export { deleteContact, updateContact } from './contact-update.js';
export {
  checkConsentCategories,
  type UpsertContactsInput,
  type UpsertResult,
  upsertContact,
  upsertContacts,
  writeContactBatch,
} from './contact-upsert.js';
export {
  isCalendarDay,
  normaliseCountry,
  normaliseDate,
  normaliseEmail,
  normaliseLanguage,
  normalisePhone,
  normaliseStandardValue,
  type ValueResult,
} from './contact-values.js';
export type { ContactBatchInput } from './contact-writer-sqlite.js';
export {
  defaultContactBatchSize,
  type ImportContactsCsvInput,
  importContactsCsv,
} from './contacts-csv-import.js';
export {
  createField,
  type FieldDefinition,
  FieldDefinitionInput,
  fieldKeyPattern,
  getField,
  listFields,
  loadFieldCoercers,
} from './field-repository.js';
export {
  type CoercedValue,
  type CustomValue,
  compileField,
  customKeysOf,
  type FieldCoercer,
  type FieldShape,
} from './field-values.js';
export {
  addListMembers,
  createList,
  ensureList,
  getList,
  type List,
  ListInput,
  type ListSource,
  listKeyPattern,
  listLists,
  listMemberIds,
  listSources,
  listsOfContact,
  removeListMembers,
  replaceListMembers,
} from './list-repository.js';
export {
  type ContactSource,
  contactSources,
  type FieldType,
  fieldTypes,
  type IdentifierKey,
  identifierKeys,
  isStandardFieldKey,
  isWritableStandardKey,
  keyedTextKeys,
  reservedFieldKeys,
  type StandardField,
  standardField,
  standardFields,
  type WritableStandardKey,
  writableStandardKeys,
} from './standard-fields.js';
export {
  addContactTags,
  contactTags,
  listTags,
  normaliseTags,
  removeContactTags,
  setTagPublic,
  type Tag,
} from './tag-repository.js';
