import type { ApiApp } from '../api-env.js';
import { registerApiKeyRoutes } from './api-keys.js';
import { registerConsentRoutes } from './consent.js';
import { registerContactRoutes } from './contacts.js';
import { registerContactImportRoutes } from './contacts-import.js';
import { registerEventRoutes } from './events.js';
import { registerFieldRoutes } from './fields.js';
import { registerHealthRoutes } from './health.js';
import { registerListRoutes } from './lists.js';
import { registerReservationRoutes } from './reservations.js';
import { registerTagRoutes } from './tags.js';
import { registerWorkspaceRoutes } from './workspace.js';

/**
 * Every route of the server, one registration per domain file. Routes under `/v1` need an
 * API key (the app applies the check); public pages live outside `/v1`.
 * Static paths before parameterised ones: `/v1/contacts/import` before `/v1/contacts/{id}`.
 */
export function registerRoutes(app: ApiApp): void {
  registerHealthRoutes(app);
  registerWorkspaceRoutes(app);
  registerApiKeyRoutes(app);
  registerContactImportRoutes(app);
  registerContactRoutes(app);
  registerFieldRoutes(app);
  registerTagRoutes(app);
  registerListRoutes(app);
  registerEventRoutes(app);
  registerReservationRoutes(app);
  registerConsentRoutes(app);
}
