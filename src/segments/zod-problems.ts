import type { z } from 'zod';
import { formatPath, joinPath, type Problem } from './problems.js';

/** Turns zod issues into problems with paths in the segment language's notation. */
export function zodProblems(error: z.ZodError, base: string): Problem[] {
  return error.issues.flatMap((issue) => issueProblems(issue, formatPath(issue.path, base)));
}

function lastSegment(issue: z.core.$ZodIssue): PropertyKey | undefined {
  return issue.path[issue.path.length - 1];
}

function issueProblems(issue: z.core.$ZodIssue, path: string): Problem[] {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        code: 'unrecognized_key',
        path: joinPath(path, key),
        message: `unknown property "${key}"`,
      }));
    case 'invalid_union':
      if (lastSegment(issue) === 'value') {
        return [
          { code: 'invalid_value', path, message: 'expected a number, or [low, high] for between' },
        ];
      }
      return [{ code: 'invalid_shape', path, message: issue.message }];
    case 'invalid_value':
      return [
        {
          code: lastSegment(issue) === 'op' ? 'operator_not_allowed' : 'invalid_value',
          path,
          message: `expected one of ${issue.values.map((value) => String(value)).join(', ')}`,
        },
      ];
    case 'invalid_type': {
      const missing = issue.message.includes('received undefined');
      return [
        {
          code: lastSegment(issue) === 'value' && !missing ? 'invalid_value' : 'invalid_shape',
          path,
          message: missing ? `required: expected ${issue.expected}` : issue.message,
        },
      ];
    }
    default:
      return [{ code: 'invalid_shape', path, message: issue.message }];
  }
}
