/** Property owners (SPEC §3 rule 1): the owners import. */
export {
  type ImportOwnersCsvInput,
  importOwnersCsv,
  ownerConsentCategories,
} from './owners-import.js';
