import { Command } from 'commander';
import { registerCommands } from './commands/index.js';

export function buildProgram(): Command {
  const program = new Command('sift')
    .description('Sift: live, explainable audience segments for email and SMS marketing')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program);
  return program;
}
