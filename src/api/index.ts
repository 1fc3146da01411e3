export type { ApiApp, ApiEnv, ApiVariables } from './api-env.js';
export {
  type ApiKeySummary,
  type AuthenticatedKey,
  authenticateApiKey,
  type CreatedApiKey,
  createApiKey,
  hashApiKey,
  listApiKeys,
  revokeApiKey,
} from './api-key-repository.js';
export {
  type CreateAppOptions,
  createApp,
  defaultBodyLimitBytes,
  openApiDocumentPath,
} from './app.js';
export { handleError, validationError } from './error-handler.js';
export { createLogger } from './logger.js';
export {
  dataList,
  ErrorResponse,
  errorResponses,
  isoInstant,
  jsonBody,
  jsonContent,
  PageQuery,
  page,
  pageQuery,
} from './openapi.js';
export {
  defaultHost,
  defaultPort,
  type RunningServer,
  type StartServerOptions,
  startServer,
} from './server.js';
