import { Command } from 'commander';
import { registerCommands } from './commands/index.js';

export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('sift')
    .description('Sift: live, explainable audience segments for email and SMS marketing')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  await registerCommands(program, argv);
  return program;
}
