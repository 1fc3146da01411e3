import { runCli } from './index.js';

// Entry used by tests and `tsx` during development; bin/sift.js runs the built copy.
process.exitCode = await runCli(process.argv.slice(2));
