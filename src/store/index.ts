export {
  type Dialect,
  defaultDatabaseLocation,
  type Executor,
  isPostgresUrl,
  openStore,
  readJson,
  resolveDatabaseLocation,
  type Store,
  writeJson,
} from './database.js';
export type * from './schema.js';
