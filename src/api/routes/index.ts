import type { ApiApp } from '../api-env.js';
import { registerApiKeyRoutes } from './api-keys.js';
import { registerAudienceRoutes } from './audiences.js';
import { registerConsentRoutes } from './consent.js';
import { registerContactRoutes } from './contacts.js';
import { registerContactImportRoutes } from './contacts-import.js';
import { registerEventRoutes } from './events.js';
import { registerFieldRoutes } from './fields.js';
import { registerFormRoutes } from './forms.js';
import { registerHealthRoutes } from './health.js';
import { registerListRoutes } from './lists.js';
import { registerOwnerRoutes } from './owners.js';
import { registerPreferenceRoutes } from './preferences.js';
import { registerPublicFormRoutes } from './public-forms.js';
import { registerReservationRoutes } from './reservations.js';
import { registerSegmentRoutes } from './segments.js';
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
  registerSegmentRoutes(app);
  registerOwnerRoutes(app);
  registerFormRoutes(app);
  registerAudienceRoutes(app);
  // Public pages (no API key): forms, the preference center, one-click unsubscribe.
  registerPublicFormRoutes(app);
  registerPreferenceRoutes(app);
}
