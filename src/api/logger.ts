import { type Logger, pino } from 'pino';

/**
 * The default logger: JSON lines at `SIFT_LOG_LEVEL` (default `info`), silent under vitest so
 * that test output shows only test results. Logs go to stderr: stdout stays for command
 * output (`sift serve --json` prints the URL there).
 */
export function createLogger(level?: string): Logger {
  const chosen = level ?? process.env.SIFT_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  return pino({ name: 'sift', level: chosen }, pino.destination(2));
}
