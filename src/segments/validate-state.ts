import type { z } from 'zod';
import type { ValidationContext } from './language-context.js';
import { checkOperand, operatorFits, operatorsFor } from './operators.js';
import { joinPath, type Problem } from './problems.js';
import type { FieldOperator } from './schema.js';
import type { ValueType } from './vocabulary.js';
import { zodProblems } from './zod-problems.js';

/** What a validation pass accumulates: every problem, and the segment references for cycles. */
export interface ValidationState {
  context: ValidationContext;
  problems: Problem[];
  references: { key: string; path: string }[];
}

/** Parses one node's shape; on failure records its problems and returns undefined. */
export function parseNode<T>(
  state: ValidationState,
  schema: z.ZodType<T>,
  node: unknown,
  path: string,
): T | undefined {
  const result = schema.safeParse(node);
  if (result.success) return result.data;
  state.problems.push(...zodProblems(result.error, path));
  return undefined;
}

interface OperatorCheck {
  op: FieldOperator;
  value: unknown;
  type: ValueType;
  options?: readonly string[] | null | undefined;
  /** The node or filter holding `op` and `value`. */
  path: string;
  /** What the operator is applied to, for messages: "a number field". */
  subject: string;
}

/** Operator fits the type (SPEC §2 table) and the value fits the operator. */
export function validateOperatorAndValue(state: ValidationState, check: OperatorCheck): void {
  if (!operatorFits(check.op, check.type)) {
    state.problems.push({
      code: 'operator_not_allowed',
      path: joinPath(check.path, 'op'),
      message: `"${check.op}" does not apply to ${check.subject}; expected one of ${operatorsFor(check.type).join(', ')}`,
    });
    return;
  }
  const problem = checkOperand(
    check.op,
    { value: check.value, type: check.type, options: check.options },
    state.context.timeZone,
  );
  if (problem) state.problems.push({ ...problem, path: joinPath(check.path, 'value') });
}
