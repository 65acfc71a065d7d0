import type { z } from 'zod';

/**
 * A failed zod parse as one line: where (the first issue's path, else `whole`) and what. zod's
 * messages name the field and the expected type; they never echo the value.
 */
export function firstIssue(error: z.ZodError, whole = ''): string {
  // A failed parse always has at least one issue.
  const issue = error.issues[0]!;
  const where = issue.path.join('.') || whole;
  return where ? `${where}: ${issue.message}` : issue.message;
}
