import type { Command } from 'commander';
import { registerApiKeyCommands } from './apikey.js';
import { registerAudienceCommands } from './audiences.js';
import { registerConsentCommands } from './consent.js';
import { registerContactsCommands } from './contacts.js';
import { registerDemoCommands } from './demo.js';
import { registerFormCommands } from './forms.js';
import { registerImportCommands } from './import.js';
import { registerImportEventsCommands } from './import-events.js';
import { registerImportOwnersCommands } from './import-owners.js';
import { registerPreferenceCommands } from './preferences.js';
import { registerSegmentCommands } from './segment.js';
import { registerServeCommands } from './serve.js';

/** Each domain's commands register themselves here; one line per command group. */
export function registerCommands(program: Command): void {
  registerImportCommands(program);
  registerContactsCommands(program);
  registerImportEventsCommands(program);
  registerApiKeyCommands(program);
  registerServeCommands(program);
  registerConsentCommands(program);
  registerDemoCommands(program);
  registerSegmentCommands(program);
  registerImportOwnersCommands(program);
  registerFormCommands(program);
  registerAudienceCommands(program);
  registerPreferenceCommands(program);
}
