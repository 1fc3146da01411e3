import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Command groups by top-level name, each loaded only when asked for: `sift segment count`
 * need not load the HTTP server, the importers or the OpenAPI machinery, which keeps a
 * one-shot command's start-up short. `--help` and unknown names load every group.
 */
const commandGroups: Record<string, () => Promise<Register[]>> = {
  serve: async () => [(await import('./serve.js')).registerServeCommands],
  demo: async () => [(await import('./demo.js')).registerDemoCommands],
  import: async () => [
    (await import('./import.js')).registerImportCommands,
    (await import('./import-events.js')).registerImportEventsCommands,
    (await import('./import-owners.js')).registerImportOwnersCommands,
  ],
  segment: async () => [(await import('./segment.js')).registerSegmentCommands],
  audience: async () => [(await import('./audiences.js')).registerAudienceCommands],
  consent: async () => [(await import('./consent.js')).registerConsentCommands],
  field: async () => [(await import('./contacts.js')).registerFieldCommands],
  contact: async () => [(await import('./contacts.js')).registerContactCommands],
  form: async () => [(await import('./forms.js')).registerFormCommands],
  preference: async () => [(await import('./preferences.js')).registerPreferenceCommands],
  apikey: async () => [(await import('./apikey.js')).registerApiKeyCommands],
};

/** The top-level command names; bin/sift.js keeps one code cache for each. */
export const commandGroupNames: readonly string[] = Object.keys(commandGroups);

export async function registerCommands(program: Command, argv: readonly string[]): Promise<void> {
  const name = argv[0];
  const wanted =
    name !== undefined && Object.hasOwn(commandGroups, name)
      ? [commandGroups[name]!]
      : Object.values(commandGroups);
  for (const load of wanted) {
    for (const register of await load()) register(program);
  }
}
