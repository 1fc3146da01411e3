import type { Command } from 'commander';
import { registerApiKeyCommands } from './apikey.js';
import { registerConsentCommands } from './consent.js';
import { registerContactsCommands } from './contacts.js';
import { registerImportCommands } from './import.js';
import { registerImportEventsCommands } from './import-events.js';
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
  registerSegmentCommands(program);
}
