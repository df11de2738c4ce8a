import type { z } from 'zod';
import type { ApiError } from './result';

/**
 * A failed parse as the user should see it: the first problem as the message, and one message
 * per field (dotted path) for forms. Our schemas word their own messages with the field's name.
 */
export function zodErrorToApiError(error: z.ZodError): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = error.issues[0];
  const message = first ? first.message : '输入内容不正确';
  return { code: 'VALIDATION', message, fields };
}
