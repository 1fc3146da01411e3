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
export {
  type ImportedTable,
  minimumRowsForRefresh,
  refreshPlannerStatistics,
} from './maintenance.js';
export type * from './schema.js';
export { sqliteDecimalSumFunction } from './sqlite-functions.js';
