import type { Command } from 'commander';

/** Each domain's commands register themselves here; one line per command group. */
export function registerCommands(program: Command): void {
  void program;
}
