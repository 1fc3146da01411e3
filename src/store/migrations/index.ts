import type { SiftMigration } from '../migrations.js';
import { initial } from './001-initial.js';
import { forms } from './008-forms.js';
import { segmentIndexes } from './009-segment-indexes.js';
import { sqliteLinkTables } from './010-sqlite-link-tables.js';
import { postgresBehaviourIndexes } from './011-postgres-behaviour-indexes.js';

/** Every migration in order. A new one is appended here, never inserted. */
export const allMigrations: SiftMigration[] = [
  initial,
  forms,
  segmentIndexes,
  sqliteLinkTables,
  postgresBehaviourIndexes,
];
