import { CommanderError } from 'commander';
import { exitState, reportError } from './context.js';
import { buildProgram } from './program.js';

export { commandGroupNames } from './commands/index.js';

/** Runs the CLI and returns the process exit status. */
export async function runCli(argv: string[]): Promise<number> {
  exitState.code = 0;
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? 0
        : 64;
    }
    return reportError(error, argv.includes('--json'));
  }
  return exitState.code;
}
